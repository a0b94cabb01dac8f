// §3.7 plaintext links: protocol 2 only for peers a lane lists in `plaintextPeers`, and then the
// protocol 2 handshake (the server proves the key first with MAC_S) and text frames as before.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openWs, clientHandshake, connectPeer, PeerServer, makeHello, makeMessage, waitUntil, uuidv7, requestInventory } from './peer.mjs';
import { Lane, shutdown } from './lane.mjs';
import { STORE_KEY, OTHER_KEY, expectErrorClose, flipBit, deriveTransaction } from './common.mjs';
import { outboxCounts, healthPeer } from './health.mjs';

after(shutdown);

test('plaintext peer listed by terminal id: protocol 2 handshake, text frames, --health says plaintext', async (t) => {
  const lane = await Lane.start({ id: 'PT-A', ringSales: 2, plaintextPeers: ['conf-p2', 'conf-p2b', 'conf-p2c', 'conf-p2d'] });

  await t.test('handshake; MAC_S verifies; the lane sends its messages as text frames', async (t2) => {
    const { conn, serverHello, macSOk } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-p2', vector: {}, clock: true, protocol: 2, autoAck: true });
    assert.equal(macSOk, true);
    assert.equal(serverHello.protocol, 2);
    assert.ok(!('key' in serverHello), 'a protocol 2 server hello has no key');
    const msgs = await waitUntil(() => (conn.messages().length >= 2 ? conn.messages() : undefined), { what: '2 messages', emitter: conn });
    assert.deepEqual(
      msgs.map((m) => m.seq),
      [1, 2],
    );
    assert.equal(conn.binaryFrames, 0, 'no binary frame on a plaintext link');
    await waitUntil(async () => outboxCounts(await lane.health()).peerAcked === 2, { what: 'our acks counted' });
    // the peer's entry shows up in --health once the lane has written the link's status
    const entry = await waitUntil(async () => healthPeer(await lane.health(), 'conf-p2'), { what: 'conf-p2 in --health', timeout: 20_000 }).catch(() => undefined);
    assert.equal(entry?.plaintext, true, `--health: plaintext: true for conf-p2: ${JSON.stringify(entry)}`);
    const inv = await requestInventory(conn);
    assert.ok(inv.records.length > 0);

    // (a subtest of this subtest: t.test here would wait for this subtest to end)
    await t2.test('a binary frame on a plaintext link closes', async () => {
      conn.sendRaw(Buffer.from(JSON.stringify({ type: 'ack', messageId: uuidv7() })), { binary: true });
      const c = await conn.waitClosed();
      assert.notEqual(c.code, 1000, `closed with ${c.code} ${c.reason}`);
    });
  });

  await t.test('wrong store key: MAC_S does not verify, the lane refuses our MAC_C', async () => {
    const conn = await openWs(lane.url);
    const r = await clientHandshake(conn, { storeKey: OTHER_KEY, terminalId: 'conf-p2b', vector: {}, protocol: 2, tamper: { ignoreMacS: true, noWelcomeWait: true } });
    assert.equal(r.macSOk, false, 'MAC_S must not verify under the wrong key');
    await expectErrorClose(conn, /^client failed to prove the store key$/);
  });

  await t.test('bad MAC_C (one bit flipped)', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-p2c', vector: {}, protocol: 2, tamper: { macC: flipBit, noWelcomeWait: true } });
    await expectErrorClose(conn, /^client failed to prove the store key$/);
  });

  await t.test('vector altered after MAC_C was computed', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-p2d', vector: { 'PT-A': 1 }, protocol: 2, tamper: { authVectorSent: { 'PT-A': 2 }, noWelcomeWait: true } });
    await expectErrorClose(conn, /^client failed to prove the store key$/);
  });

  await t.test('an unlisted terminal id is refused protocol 2', async () => {
    const conn = await openWs(lane.url);
    conn.send(makeHello({ terminalId: 'conf-not-listed', protocol: 2 }));
    await expectErrorClose(conn, /^protocol version 2 \(plaintext\) is accepted only from lanes listed in plaintextPeers; this lane speaks 3$/);
  });

  await t.test('a listed terminal id may still speak protocol 3', async () => {
    const { conn, welcome } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-p2c', vector: {} });
    assert.ok(welcome._sealed);
    conn.close();
  });

  await lane.stop();
});

test('a URL listed in plaintextPeers is dialled with protocol 2; the lane checks MAC_S and MAC_W', async (t) => {
  const plan = [
    { name: 'bad MAC_S', tamper: { macS: flipBit }, re: /^server failed to prove the store key$/ },
    { name: 'wrong key', tamper: { wrongKey: OTHER_KEY }, re: /^server failed to prove the store key$/ },
    { name: 'bad MAC_W', tamper: { macW: flipBit }, re: /^server's welcome failed the transcript MAC$/ },
  ];
  const srv = await new PeerServer({ storeKey: STORE_KEY, terminalId: 'conf-s-p2', vector: {}, plaintext: true, tamper: (i) => plan[i]?.tamper ?? {} }).listen();
  const lane = await Lane.start({ id: 'PT-B', peers: [srv.url], plaintextPeers: [srv.url], ringSales: 1 });
  for (let i = 0; i < plan.length; i++) {
    await t.test(plan[i].name, async () => {
      const conn = await srv.connection(i + 1);
      assert.equal(conn.clientHello?.protocol ?? (await conn.next(() => true)).protocol, 2, 'the lane dials a plaintext URL with protocol 2');
      await expectErrorClose(conn, plan[i].re, { what: plan[i].name });
    });
  }
  await t.test('then an honest server hello and welcome', async () => {
    const conn = await srv.connection(plan.length + 1);
    const hs = await conn.handshake;
    assert.ok(hs.ok, String(hs.error));
    assert.equal(hs.clientHello.protocol, 2);
    assert.ok(!('key' in hs.clientHello), 'a protocol 2 client hello has no key');
    const m = await conn.next((f) => f.fromTerminal === 'PT-B', { what: "the lane's sale as a text frame" });
    assert.ok(!m._sealed);
    assert.equal(conn.binaryFrames, 0);
  });
  await lane.stop();
  await srv.close();
});

test('a URL not listed in plaintextPeers is dialled with protocol 3, never 2', async () => {
  const srv = await new PeerServer({ storeKey: STORE_KEY, terminalId: 'conf-s-p3', vector: {} }).listen();
  const lane = await Lane.start({ id: 'PT-C', peers: [srv.url], plaintextPeers: ['someone-else'] });
  const conn = await srv.connection(1);
  const hs = await conn.handshake;
  assert.ok(hs.ok, String(hs.error));
  assert.equal(hs.clientHello.protocol, 3);
  await lane.stop();
  await srv.close();
});

async function answerTo(conn, msg) {
  const from = conn.frames.length;
  conn.send(msg);
  return conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: `answer to ${msg.id}` });
}

test("a plaintext link carries only its peer's own messages: another origin's message is a permanent reject; other lanes' messages still reach the peer", async () => {
  const lane = await Lane.start({ id: 'PT-O', ringSales: 1, plaintextPeers: ['conf-pt'] });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-pt', vector: {}, protocol: 2, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'PT-O', { what: "the lane's sale" });
  assert.ok(!sale._sealed);
  // the peer's own message: acked
  const own = makeMessage({ fromTerminal: 'conf-pt', topic: 'transaction', payload: deriveTransaction(sale.payload, 'conf-pt'), seq: 1 });
  const a = await answerTo(conn, own);
  assert.equal(a.type, 'ack', a._raw);
  // another lane's message on the plaintext link: refused for good, with §3.7's reason
  const forged = makeMessage({ fromTerminal: 'conf-other', topic: 'transaction', payload: deriveTransaction(sale.payload, 'conf-other'), seq: 1 });
  const r = await answerTo(conn, forged);
  assert.equal(r.type, 'reject', `a message of conf-other over conf-pt's plaintext link: ${r._raw}`);
  assert.equal(r.permanent, true, 'a permanent reject');
  assert.match(r.reason, /a plaintext link carries only conf-pt's own messages/, `reason: ${r.reason}`);
  if (r.reason !== "a plaintext link carries only conf-pt's own messages") console.error(`note: the reject reason is "${r.reason}" (§3.7 gives "a plaintext link carries only conf-pt's own messages")`);
  assert.ok(!conn.closed, 'a refused message never closes the connection (§6)');

  // nothing of it applied or settled: conf-other, over an encrypted link, finds no entry of its
  // own in the lane's vector, and its own message (the same one) is acked there
  const other = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-other', vector: {}, autoAck: true });
  assert.equal(other.welcome.vector['conf-other'] ?? 0, 0, `the refusal settled nothing: ${JSON.stringify(other.welcome.vector)}`);
  const a2 = await answerTo(other.conn, forged);
  assert.equal(a2.type, 'ack', a2._raw);
  // and it reaches conf-pt over the plaintext link as usual (a relay from the lane)
  const relayed = await conn.next((f) => f.id === forged.id, { what: "conf-other's message relayed to conf-pt over the plaintext link" });
  assert.equal(relayed.fromTerminal, 'conf-other');
  assert.ok(!relayed._sealed);
  // the peer's own messages keep flowing
  const own2 = makeMessage({ fromTerminal: 'conf-pt', topic: 'transaction', payload: deriveTransaction(sale.payload, 'conf-pt'), seq: 2 });
  assert.equal((await answerTo(conn, own2)).type, 'ack');
  other.conn.close();
  conn.close();
  await lane.stop();
});
