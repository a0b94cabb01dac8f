// §3 handshake: test vectors, both roles against a real lane, and every refusal.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  computeHandshake,
  openWs,
  clientHandshake,
  connectPeer,
  PeerServer,
  makeHello,
  isLaneTime,
  isUuid,
  isTime,
  waitUntil,
  HandshakeError,
  vectorProblems,
} from './peer.mjs';
import { Lane, shutdown } from './lane.mjs';
import { STORE_KEY, expectErrorClose, flipBit } from './common.mjs';
import { outboxCounts } from './health.mjs';

after(shutdown);

const vectorsFile = path.resolve(import.meta.dirname, '../../protocol/test-vectors/handshake.json');

test('handshake test vectors: transcript bytes and MACs reproduced exactly', () => {
  const tv = JSON.parse(fs.readFileSync(vectorsFile, 'utf8'));
  assert.ok(tv.cases.length >= 2, 'at least the two documented cases');
  for (const c of tv.cases) {
    const r = computeHandshake(c.storeKey, c.frames);
    assert.deepEqual(
      r.transcript.map((t) => t.toString('hex')),
      c.transcriptHex,
      `${c.name}: transcript`,
    );
    assert.equal(r.macS.toString('hex'), c.macHex.S, `${c.name}: MAC_S`);
    assert.equal(r.macC.toString('hex'), c.macHex.C, `${c.name}: MAC_C`);
    assert.equal(r.macW.toString('hex'), c.macHex.W, `${c.name}: MAC_W`);
    assert.equal(c.frames[1].mac, r.macS.toString('base64'), `${c.name}: server hello mac member`);
    assert.equal(c.frames[2].mac, r.macC.toString('base64'), `${c.name}: auth mac member`);
    assert.equal(c.frames[3].mac, r.macW.toString('base64'), `${c.name}: welcome mac member`);
  }
});

test('client role: handshake with a lane, welcome verified, clock frame follows', async () => {
  const lane = await Lane.start({ id: 'HS-A' });
  const { conn, serverHello, welcome } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-c1', vector: {}, clock: true });
  assert.equal(serverHello.terminalId, 'HS-A');
  assert.equal(serverHello.protocol, 2);
  if (serverHello.clock !== undefined) assert.ok(isLaneTime(serverHello.clock), `server clock in the lane form: ${serverHello.clock}`);
  assert.deepEqual(vectorProblems(welcome.vector), []);
  // §9: after the handshake each side sends a clock frame with the clocks it sampled itself;
  // we sent clock members, so the lane sampled ours.
  const clock = await conn.next((f) => f.type === 'clock', { what: 'clock frame' });
  assert.equal(typeof clock.clocks, 'object');
  for (const [id, off] of Object.entries(clock.clocks)) assert.ok(Number.isInteger(off), `clock offset of ${id} is an integer`);
  assert.ok('conf-c1' in clock.clocks, `clock frame names us: ${clock._raw}`);
  assert.ok(!conn.closed, 'connection stays open');
  conn.close();
  await lane.stop();
});

test('server role: the lane dials us; its hello and auth verify; it sends its messages', async () => {
  const srv = await new PeerServer({ storeKey: STORE_KEY, terminalId: 'conf-s1', vector: {}, clock: true, autoAck: false }).listen();
  const lane = await Lane.start({ id: 'HS-B', peers: [srv.url], ringSales: 2 });
  const conn = await srv.connection(1);
  const hs = await conn.handshake;
  assert.ok(hs.ok, `handshake: ${hs.error}`);
  assert.equal(hs.clientHello.terminalId, 'HS-B');
  assert.equal(hs.clientHello.protocol, 2);
  assert.ok(!('mac' in hs.clientHello), 'client hello carries no mac');
  assert.ok(Number.isInteger(hs.auth.vector['HS-B'] ?? 0));
  const msgs = await waitUntil(() => (conn.messages().length >= 2 ? conn.messages() : undefined), { what: '2 messages from the lane', emitter: conn });
  assert.deepEqual(
    msgs.map((m) => m.seq),
    [1, 2],
  );
  for (const m of msgs) {
    assert.equal(m.fromTerminal, 'HS-B');
    assert.ok(isUuid(m.id));
  }
  await lane.stop();
  await srv.close();
});

test('client role refusals: wrong key, bad MAC_C, vector altered after the MAC, other protocol, own id', async (t) => {
  const lane = await Lane.start({ id: 'HS-C', ringSales: 2 });

  await t.test('wrong store key', async () => {
    const conn = await openWs(lane.url);
    const r = await clientHandshake(conn, { storeKey: 'not-the-store-key-at-all', terminalId: 'conf-wk', vector: {}, tamper: { ignoreMacS: true, noWelcomeWait: true } });
    assert.equal(r.macSOk, false, 'MAC_S must not verify under the wrong key');
    await expectErrorClose(conn, /mac|transcript|auth|key/i);
  });

  await t.test('MAC_S verifies under the right key', async () => {
    const conn = await openWs(lane.url);
    const r = await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-ms', vector: {}, tamper: { skipAuth: true } });
    assert.equal(r.macSOk, true);
    conn.close();
  });

  await t.test('bad MAC_C (one bit flipped)', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-bmc', vector: {}, tamper: { macC: flipBit, noWelcomeWait: true } });
    await expectErrorClose(conn, /mac|transcript|auth|prove|key/i);
  });

  await t.test('vector altered after MAC_C was computed', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-alt', vector: { 'HS-C': 1 }, tamper: { authVectorSent: { 'HS-C': 2 }, noWelcomeWait: true } });
    await expectErrorClose(conn, /mac|transcript|auth|prove|key/i);
  });

  await t.test('vector claiming more than the lane published: refused, nothing acked', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-imp', vector: { 'HS-C': 3 }, tamper: { noWelcomeWait: true } });
    const err = await expectErrorClose(conn, /vector claims|published only|nothing is marked acked/i);
    assert.match(err.reason, /3/, 'names the claimed seq');
    const h = await lane.health();
    const oc = outboxCounts(h);
    assert.equal(oc.peerAcked, 0, `nothing marked acked: ${JSON.stringify(h.outbox ?? h)}`);
  });

  await t.test('another protocol version', async () => {
    const conn = await openWs(lane.url);
    conn.send(makeHello({ terminalId: 'conf-v1', protocol: 1 }));
    await expectErrorClose(conn, /protocol version 1 is not supported.*speaks 2/i);
    const conn3 = await openWs(lane.url);
    conn3.send(makeHello({ terminalId: 'conf-v3', protocol: 3 }));
    await expectErrorClose(conn3, /protocol version 3/i);
  });

  await t.test("hello claiming the lane's own terminal id", async () => {
    const conn = await openWs(lane.url);
    conn.send(makeHello({ terminalId: 'HS-C' }));
    await expectErrorClose(conn, null);
    assert.ok(!conn.frames.some((f) => f.type === 'hello'), 'no server hello for our own id');
  });

  await t.test('a message before the handshake closes; nothing applied', async () => {
    const conn = await openWs(lane.url);
    conn.send({ type: 'ack', messageId: '0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e8f' });
    await expectErrorClose(conn, null);
  });

  await t.test('a vector equal to what the lane published marks its messages peer_ack', async () => {
    const { conn, welcome } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-eq', vector: { 'HS-C': 2 } });
    assert.equal(welcome.vector['HS-C'], 2, 'welcome vector: own entry is the last seq published');
    await waitUntil(async () => outboxCounts(await lane.health()).peerAcked === 2, { what: '2 messages peer_acked via the vector' });
    // and nothing is sent to us that our vector already holds
    await conn.next((f) => f.type === 'clock', { what: 'clock frame' });
    assert.equal(conn.messages().filter((m) => m.fromTerminal === 'HS-C').length, 0, 'nothing resent that the vector covers');
    conn.close();
  });

  await lane.stop();
});

test('server role refusals: wrong key, bad MAC_S, bad MAC_W, altered/impossible welcome vector, other protocol', async (t) => {
  // One lane dials us again and again (short backoff); each connection gets the next tampering.
  const plan = [
    { name: 'wrong key', tamper: { wrongKey: 'not-the-store-key-at-all' }, re: /mac|transcript|hello|key/i },
    { name: 'bad MAC_S', tamper: { macS: flipBit }, re: /mac|transcript|hello|prove|key/i },
    { name: 'bad MAC_W', tamper: { macW: flipBit }, re: /welcome failed the transcript MAC/i },
    { name: 'welcome vector altered after MAC_W', tamper: { welcomeVectorSent: { 'conf-s2': 5 } }, re: /mac|transcript|welcome/i },
    { name: 'impossible welcome vector', tamper: { welcomeVectorSent: null, impossible: true }, re: /vector claims|published only/i },
    { name: 'server hello with protocol 3', tamper: { protocol: 3 }, re: /protocol/i },
  ];
  const srv = await new PeerServer({
    storeKey: STORE_KEY,
    terminalId: 'conf-s2',
    vector: (i) => (plan[i]?.tamper.impossible ? { 'HS-D': 50 } : {}),
    tamper: (i) => plan[i]?.tamper ?? {},
  }).listen();
  const lane = await Lane.start({ id: 'HS-D', peers: [srv.url], ringSales: 1 });
  for (let i = 0; i < plan.length; i++) {
    await t.test(plan[i].name, async () => {
      const conn = await srv.connection(i + 1);
      await expectErrorClose(conn, plan[i].re, { what: plan[i].name });
      if (plan[i].tamper.impossible) {
        const h = await lane.health();
        assert.equal(outboxCounts(h).peerAcked, 0, 'nothing marked acked');
      }
    });
  }
  // Finally an honest handshake works on the same lane.
  await t.test('then an honest welcome is accepted', async () => {
    const conn = await srv.connection(plan.length + 1);
    const hs = await conn.handshake;
    assert.ok(hs.ok, String(hs.error));
    await conn.next((f) => f.type === undefined && f.fromTerminal === 'HS-D', { what: "the lane's sale" });
  });
  await lane.stop();
  await srv.close();
});
