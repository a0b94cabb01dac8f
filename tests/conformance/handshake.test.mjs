// §3 handshake (protocol 3): test vectors, both roles against a real lane, key choice and rotation
// (§3.1, §3.6), and every refusal of §3.8.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  computeHandshake2,
  computeHandshake3,
  clientHelloContribution,
  keyTag,
  keyFingerprint,
  sealFrame,
  openFrame,
  sealNonce,
  decodeBase64Strict,
  openWs,
  clientHandshake,
  connectPeer,
  PeerServer,
  makeHello,
  makeHello3,
  isLaneTime,
  isUuid,
  waitUntil,
  vectorProblems,
  makeMessage,
} from './peer.mjs';
import { Lane, shutdown } from './lane.mjs';
import { STORE_KEY, OLD_KEY, NEW_KEY, OTHER_KEY, expectErrorClose, flipBit, deriveTransaction } from './common.mjs';
import { outboxCounts, healthPeer } from './health.mjs';

after(shutdown);

const vectorsDir = path.resolve(import.meta.dirname, '../../protocol/test-vectors');
const SEALED_FAILED = (n, peer) => new RegExp(`^sealed frame ${n} from ${peer.replace(/\./g, '\\.')} failed authentication \\(altered, injected, replayed or reordered\\)$`);

test('protocol 3 test vectors (channel.json): every value recomputed by the peer', () => {
  const tv = JSON.parse(fs.readFileSync(path.join(vectorsDir, 'channel.json'), 'utf8'));
  assert.equal(tv.cases.length, 2, 'the two cases of §3.9');
  for (const c of tv.cases) {
    const f = c.frames;
    for (const k of Object.keys(f)) assert.equal(JSON.stringify(f[k].object), f[k].text, `${c.name}: ${k} text is the compact JSON of the object`);
    const clientNonce = decodeBase64Strict(f.clientHello.object.nonce);
    assert.equal(clientNonce.toString('hex'), c.client.nonceHex);
    c.keyTags.forEach((t, i) => {
      assert.equal(keyTag(t.storeKey, clientNonce).toString('hex'), t.hex, `${c.name}: tag ${i}`);
      assert.equal(f.clientHello.object.keyTags[i], t.base64);
    });
    assert.equal(keyFingerprint(c.storeKeys.chosen), c.storeKeys.chosenFingerprint);
    const r = computeHandshake3(c.storeKeys.chosen, [f.clientHello.object, f.serverHello.object, f.auth.object, f.welcome.object], {
      clientPrivateKey: Buffer.from(c.client.privateKeyHex, 'hex'),
      serverPrivateKey: Buffer.from(c.server.privateKeyHex, 'hex'),
    });
    assert.deepEqual(
      r.transcript.map((t) => t.toString('hex')),
      [c.transcriptHex.T1, c.transcriptHex.T2, c.transcriptHex.T3, c.transcriptHex.T4],
      `${c.name}: T1..T4`,
    );
    assert.equal(r.dh.toString('hex'), c.dhHex, `${c.name}: dh`);
    assert.equal(r.H.toString('hex'), c.HHex, `${c.name}: H`);
    assert.equal(r.prk.toString('hex'), c.PRKHex, `${c.name}: PRK`);
    assert.equal(r.okm.toString('hex'), c.OKMHex, `${c.name}: OKM`);
    assert.equal(r.c2s.toString('hex'), c.C2SHex, `${c.name}: C2S`);
    assert.equal(r.s2c.toString('hex'), c.S2CHex, `${c.name}: S2C`);
    assert.equal(r.macC.toString('hex'), c.MAC_C.hex, `${c.name}: MAC_C`);
    assert.equal(r.macW.toString('hex'), c.MAC_W.hex, `${c.name}: MAC_W`);
    assert.equal(f.auth.object.mac, c.MAC_C.base64);
    assert.equal(f.welcome.object.mac, c.MAC_W.base64);
    for (const s of c.sealedFrames) {
      const key = s.from === 'client' ? r.c2s : r.s2c;
      assert.equal(sealNonce(s.n).toString('hex'), s.nonceHex, `${c.name}: nonce of ${s.from} frame ${s.n}`);
      assert.equal(sealFrame(key, s.n, s.plaintext).toString('hex'), s.ciphertextAndTagHex, `${c.name}: ${s.from} frame ${s.n} (${s.what})`);
      assert.equal(openFrame(key, s.n, Buffer.from(s.ciphertextAndTagHex, 'hex')).toString('utf8'), s.plaintext);
      assert.throws(() => openFrame(key, s.n + 1, Buffer.from(s.ciphertextAndTagHex, 'hex')), 'does not open under the next counter');
    }
  }
});

test('protocol 2 test vectors (handshake.json): transcript bytes and MACs reproduced exactly', () => {
  const tv = JSON.parse(fs.readFileSync(path.join(vectorsDir, 'handshake.json'), 'utf8'));
  assert.ok(tv.cases.length >= 2, 'at least the two documented cases');
  for (const c of tv.cases) {
    const r = computeHandshake2(c.storeKey, c.frames);
    assert.deepEqual(
      r.transcript.map((t) => t.toString('hex')),
      c.transcriptHex,
      `${c.name}: transcript`,
    );
    assert.equal(r.macS.toString('hex'), c.macHex.S, `${c.name}: MAC_S`);
    assert.equal(r.macC.toString('hex'), c.macHex.C, `${c.name}: MAC_C`);
    assert.equal(r.macW.toString('hex'), c.macHex.W, `${c.name}: MAC_W`);
  }
});

test('the peer against itself (no lane): keyIndex 1, sealed frames both ways', async () => {
  const srv = await new PeerServer({ storeKeys: [STORE_KEY], terminalId: 'self-s', vector: {}, autoAck: true }).listen();
  const { conn, keyIndex, welcome } = await connectPeer(srv.url, { storeKeys: [OTHER_KEY, STORE_KEY], terminalId: 'self-c', vector: {} });
  assert.equal(keyIndex, 1);
  assert.ok(welcome._sealed);
  const msg = makeMessage({ fromTerminal: 'self-c', topic: 'transaction', payload: { x: 1 }, seq: 1 });
  conn.send(msg);
  const a = await conn.next((f) => f.type === 'ack' && f.messageId === msg.id, { what: 'ack from ourselves' });
  assert.ok(a._sealed);
  conn.close();
  await srv.close();
});

/** The members of a protocol 3 server hello, nothing derived from the key among them. */
function checkServerHello(sh, laneId) {
  assert.equal(sh.protocol, 3);
  assert.equal(sh.terminalId, laneId);
  assert.ok(!sh._sealed, 'the hello is a text frame');
  const allowed = new Set(['type', 'protocol', 'terminalId', 'nonce', 'key', 'keyIndex', 'clock', 'clockCorrectionMs', 'clockStratum']);
  for (const k of Object.keys(sh)) assert.ok(allowed.has(k), `server hello carries only §3.1 members; it has "${k}": ${sh._raw}`);
  assert.ok(!('mac' in sh), 'server hello carries no mac');
  assert.ok(!('keyTags' in sh), 'server hello carries no keyTags');
  assert.equal(decodeBase64Strict(sh.nonce)?.length, 32, 'nonce: base64 of 32 bytes');
  assert.equal(decodeBase64Strict(sh.key)?.length, 32, 'key: base64 of 32 bytes');
  if (sh.clock !== undefined) assert.ok(isLaneTime(sh.clock), `server clock in the lane form: ${sh.clock}`);
}

test('client role: handshake with a lane; its hello carries nothing derived from the key; every later frame sealed', async () => {
  const lane = await Lane.start({ id: 'HS-A' });
  const { conn, serverHello, welcome, keyIndex } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-c1', vector: {}, clock: true });
  checkServerHello(serverHello, 'HS-A');
  assert.equal(keyIndex, 0);
  assert.ok(welcome._sealed, 'welcome is a sealed frame');
  assert.equal(welcome._n, 0, "the welcome is the lane's sealed frame 0");
  assert.deepEqual(vectorProblems(welcome.vector), []);
  // §9: after the handshake each side sends a clock frame with the clocks it sampled itself;
  // we sent clock members, so the lane sampled ours.
  const clock = await conn.next((f) => f.type === 'clock', { what: 'clock frame' });
  assert.ok(clock._sealed, 'the clock frame is sealed');
  assert.equal(typeof clock.clocks, 'object');
  for (const [id, off] of Object.entries(clock.clocks)) assert.ok(Number.isInteger(off), `clock offset of ${id} is an integer`);
  assert.ok('conf-c1' in clock.clocks, `clock frame names us: ${clock._raw}`);
  assert.ok(!conn.closed, 'connection stays open');
  assert.equal(conn.textAfterHellos, 0, 'no text frame from the lane after the hellos');
  assert.deepEqual(conn.openFailures, [], 'every sealed frame of the lane opened');

  // A second connection: a fresh ephemeral key and nonce (§3.1), so nothing in the hello repeats.
  conn.close();
  await conn.waitClosed();
  const again = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-c1', vector: {} });
  checkServerHello(again.serverHello, 'HS-A');
  assert.notEqual(again.serverHello.key, serverHello.key, 'a fresh ephemeral key per connection');
  assert.notEqual(again.serverHello.nonce, serverHello.nonce, 'a fresh nonce per connection');
  again.conn.close();
  await lane.stop();
});

test('a stranger who says hello learns nothing: no key in common gets the refusal, no hello', async () => {
  const lane = await Lane.start({ id: 'HS-N' });
  const conn = await openWs(lane.url);
  await clientHandshake(conn, { storeKey: OTHER_KEY, terminalId: 'conf-stranger', vector: {} }).catch(() => {});
  const err = await expectErrorClose(conn, /^no store key in common with conf-stranger$/, { sealed: false });
  assert.ok(err);
  assert.ok(!conn.frames.some((f) => f.type === 'hello'), 'no server hello for a client without the key');
  // two tags, neither the lane's
  const conn2 = await openWs(lane.url);
  await clientHandshake(conn2, { storeKeys: [OTHER_KEY, OLD_KEY], terminalId: 'conf-stranger2', vector: {} }).catch(() => {});
  await expectErrorClose(conn2, /^no store key in common with conf-stranger2$/, { sealed: false });
  await lane.stop();
});

test('server role: the lane dials us; its hello, tags and auth verify; it sends its messages sealed', async () => {
  const srv = await new PeerServer({ storeKey: STORE_KEY, terminalId: 'conf-s1', vector: {}, clock: true, autoAck: false }).listen();
  const lane = await Lane.start({ id: 'HS-B', peers: [srv.url], ringSales: 2 });
  const conn = await srv.connection(1);
  const hs = await conn.handshake;
  assert.ok(hs.ok, `handshake: ${hs.error}`);
  const h = hs.clientHello;
  assert.equal(h.terminalId, 'HS-B');
  assert.equal(h.protocol, 3);
  assert.ok(!('mac' in h), 'client hello carries no mac');
  assert.ok(!('keyIndex' in h), 'client hello carries no keyIndex');
  assert.deepEqual(h.keyTags, [keyTag(STORE_KEY, decodeBase64Strict(h.nonce)).toString('base64')], 'one tag: tag(K) over its own nonce (§3.1)');
  assert.ok(hs.auth._sealed, 'auth is sealed');
  assert.ok(Number.isInteger(hs.auth.vector['HS-B'] ?? 0));
  const msgs = await waitUntil(() => (conn.messages().length >= 2 ? conn.messages() : undefined), { what: '2 messages from the lane', emitter: conn });
  assert.deepEqual(
    msgs.map((m) => m.seq),
    [1, 2],
  );
  for (const m of msgs) {
    assert.equal(m.fromTerminal, 'HS-B');
    assert.ok(isUuid(m.id));
    assert.ok(m._sealed, 'message frames are sealed');
  }
  assert.equal(conn.textAfterHellos, 0, 'no text frame from the lane after the hellos');
  assert.deepEqual(conn.openFailures, []);
  await lane.stop();
  await srv.close();
});

/** A transaction message of ours built from one of the lane's sales. */
function ourTransaction(sale, origin, seq) {
  return makeMessage({ fromTerminal: origin, topic: 'transaction', payload: deriveTransaction(sale.payload, origin), seq });
}

async function answerTo(conn, msg) {
  const from = conn.frames.length;
  conn.send(msg);
  return conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: `answer to ${msg.id}` });
}

test('store keys: choice by the server, rotation (§3.1, §3.6)', async (t) => {
  await t.test('a client with two keys, the lane with the second only: keyIndex 1 and a working session', async () => {
    const lane = await Lane.start({ id: 'KR-A', ringSales: 1 });
    const { conn, keyIndex } = await connectPeer(lane.url, { storeKeys: [OTHER_KEY, STORE_KEY], terminalId: 'conf-k1', vector: {}, autoAck: true });
    assert.equal(keyIndex, 1);
    const sale = await conn.next((f) => f.fromTerminal === 'KR-A', { what: "the lane's sale" });
    assert.ok(sale._sealed);
    const a = await answerTo(conn, ourTransaction(sale, 'conf-k1', 1));
    assert.equal(a.type, 'ack', a._raw);
    conn.close();
    await lane.stop();
  });

  await t.test('a lane with "new,old" accepts a peer holding only old, and one holding only new', async () => {
    const lane = await Lane.start({ id: 'KR-B', storeKey: `${NEW_KEY},${OLD_KEY}`, ringSales: 1 });
    const { conn, keyIndex } = await connectPeer(lane.url, { storeKeys: [OLD_KEY], terminalId: 'conf-old', vector: {}, autoAck: true });
    assert.equal(keyIndex, 0);
    const sale = await conn.next((f) => f.fromTerminal === 'KR-B', { what: "the lane's sale" });
    const a = await answerTo(conn, ourTransaction(sale, 'conf-old', 1));
    assert.equal(a.type, 'ack', a._raw);
    // --health names the key the connection uses (§3.6: position and fingerprint); member names
    // are not specified, so look for the fingerprint anywhere in the peer's entry.
    const entry = await waitUntil(async () => healthPeer(await lane.health(), 'conf-old'), { what: 'conf-old in --health' });
    const text = JSON.stringify(entry);
    assert.ok(text.includes(keyFingerprint(OLD_KEY)), `--health names the old key's fingerprint ${keyFingerprint(OLD_KEY)} for conf-old: ${text}`);
    const { conn: c2, keyIndex: k2 } = await connectPeer(lane.url, { storeKeys: [NEW_KEY], terminalId: 'conf-new', vector: {} });
    assert.equal(k2, 0);
    c2.close();
    conn.close();
    await lane.stop();
  });

  await t.test("the lane takes the first of its own keys the client holds, in the lane's order", async () => {
    const lane = await Lane.start({ id: 'KR-C', storeKey: `${NEW_KEY},${OLD_KEY}` });
    const { conn, keyIndex } = await connectPeer(lane.url, { storeKeys: [OLD_KEY, NEW_KEY], terminalId: 'conf-both', vector: {} });
    assert.equal(keyIndex, 1, 'the lane prefers NEW (its first), which the client offers second');
    conn.close();
    await lane.stop();
  });

  await t.test('a lane with "new,old" dialling: two tags in its order; we hold only old: keyIndex 1 works', async () => {
    const srv = await new PeerServer({ storeKeys: [OLD_KEY], terminalId: 'conf-s-old', vector: {}, autoAck: true }).listen();
    const lane = await Lane.start({ id: 'KR-D', storeKey: `${NEW_KEY},${OLD_KEY}`, peers: [srv.url], ringSales: 1 });
    const conn = await srv.connection(1);
    const hs = await conn.handshake;
    assert.ok(hs.ok, String(hs.error));
    const nonce = decodeBase64Strict(hs.clientHello.nonce);
    assert.deepEqual(hs.clientHello.keyTags, [keyTag(NEW_KEY, nonce).toString('base64'), keyTag(OLD_KEY, nonce).toString('base64')], 'tags of new, old in that order');
    assert.equal(hs.keyIndex, 1);
    await conn.next((f) => f.fromTerminal === 'KR-D', { what: "the lane's sale over the old key" });
    await lane.stop();
    await srv.close();
  });

  await t.test('no key in common when the lane dials: our refusal', async () => {
    const srv = await new PeerServer({ storeKeys: [OTHER_KEY], terminalId: 'conf-s-none', vector: {} }).listen();
    const lane = await Lane.start({ id: 'KR-E', peers: [srv.url] });
    const conn = await srv.connection(1);
    const hs = await conn.handshake;
    assert.ok(!hs.ok);
    assert.match(String(hs.error), /no store key in common with KR-E/);
    await waitUntil(() => /no store key in common/.test(lane.log()), { what: 'the lane logging our refusal' });
    await lane.stop();
    await srv.close();
  });
});

test('client role refusals (§3.8)', async (t) => {
  const lane = await Lane.start({ id: 'HS-C', ringSales: 2 });

  await t.test('bad MAC_C (one bit flipped): sealed error', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-bmc', vector: {}, tamper: { macC: flipBit, noWelcomeWait: true } });
    await expectErrorClose(conn, /^client failed to prove the store key$/, { sealed: true });
    assert.ok(!conn.frames.some((f) => f.type === 'welcome'), 'no welcome');
  });

  await t.test('vector altered after MAC_C was computed', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-alt', vector: { 'HS-C': 1 }, tamper: { authVectorSent: { 'HS-C': 2 }, noWelcomeWait: true } });
    await expectErrorClose(conn, /^client failed to prove the store key$/, { sealed: true });
  });

  await t.test('the auth with one byte flipped does not open', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-flip0', vector: {}, tamper: { authBytes: (b) => ((b[5] ^= 0x40), b), noWelcomeWait: true } });
    await expectErrorClose(conn, SEALED_FAILED(0, 'conf-flip0'), { sealed: true });
  });

  await t.test('the auth as a text frame', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-txt0', vector: {}, tamper: { authAsText: true, noWelcomeWait: true } });
    await expectErrorClose(conn, /^text frame on an encrypted connection$/, { sealed: true });
  });

  await t.test('vector claiming more than the lane published: refused, nothing acked', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-imp', vector: { 'HS-C': 3 }, tamper: { noWelcomeWait: true } });
    const err = await expectErrorClose(conn, /^vector claims conf-imp holds messages up to seq 3 of HS-C, which has published only 2: nothing is marked acked$/, { sealed: true });
    assert.ok(err);
    assert.equal(outboxCounts(await lane.health()).peerAcked, 0, 'nothing marked acked');
  });

  await t.test('other protocol versions', async () => {
    for (const v of [1, 4]) {
      const conn = await openWs(lane.url);
      conn.send({ ...makeHello3({ terminalId: `conf-v${v}`, keys: [STORE_KEY] }), protocol: v });
      await expectErrorClose(conn, new RegExp(`^protocol version ${v} is not supported; this lane speaks 3$`), { sealed: false });
    }
    const conn = await openWs(lane.url);
    conn.send({ ...makeHello3({ terminalId: 'conf-vs', keys: [STORE_KEY] }), protocol: '3' });
    await expectErrorClose(conn, /^bad handshake frame: hello: protocol must be an integer$/, { sealed: false });
  });

  await t.test('protocol 2 from a terminal not in plaintextPeers', async () => {
    const conn = await openWs(lane.url);
    conn.send(makeHello({ terminalId: 'conf-p2-unlisted', protocol: 2 }));
    await expectErrorClose(conn, /^protocol version 2 \(plaintext\) is accepted only from lanes listed in plaintextPeers; this lane speaks 3$/, { sealed: false });
    assert.ok(!conn.frames.some((f) => f.type === 'hello'), 'no server hello (no MAC_S either)');
  });

  await t.test("hello claiming the lane's own terminal id", async () => {
    const conn = await openWs(lane.url);
    conn.send(makeHello3({ terminalId: 'HS-C', keys: [STORE_KEY] }));
    await expectErrorClose(conn, /^peer claims this lane's own terminal id HS-C$/, { sealed: false });
    assert.ok(!conn.frames.some((f) => f.type === 'hello'), 'no server hello for our own id');
  });

  const badHellos = [
    ['a client hello with mac', (h) => ({ ...h, mac: Buffer.alloc(32).toString('base64') }), /^client hello must not carry a mac$/],
    ['a client hello with keyIndex', (h) => ({ ...h, keyIndex: 0 })],
    ['a client hello without key', ({ key, ...h }) => h],
    ['a client hello without keyTags', ({ keyTags, ...h }) => h],
    ['empty keyTags', (h) => ({ ...h, keyTags: [] })],
    ['five keyTags', (h) => ({ ...h, keyTags: [...h.keyTags, ...[1, 2, 3, 4].map(() => h.keyTags[0])] })],
    ['a 15-byte key tag', (h) => ({ ...h, keyTags: [Buffer.alloc(15).toString('base64')] })],
    ['a 31-byte key', (h) => ({ ...h, key: Buffer.alloc(31, 9).toString('base64') })],
    ['a 16-byte nonce', (h) => ({ ...h, nonce: Buffer.alloc(16, 7).toString('base64') })],
    ['clock without the other two members', (h) => ({ ...h, clock: new Date().toISOString() })],
  ];
  for (const [name, edit, reason] of badHellos) {
    await t.test(name, async () => {
      const conn = await openWs(lane.url);
      conn.send(edit(makeHello3({ terminalId: 'conf-badhello', keys: [STORE_KEY] })));
      await expectErrorClose(conn, reason ?? /^bad handshake frame: /, { sealed: false });
      assert.ok(!conn.frames.some((f) => f.type === 'hello'), 'no server hello');
    });
  }

  await t.test("an all-zero public key (small order): peer's key exchange value is invalid", async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-zero', vector: {}, tamper: { publicKey: Buffer.alloc(32) } }).catch(() => {});
    await expectErrorClose(conn, /^peer's key exchange value is invalid$/);
    // a small-order point other than 0: u = 1
    const conn1 = await openWs(lane.url);
    const one = Buffer.alloc(32);
    one[0] = 1;
    await clientHandshake(conn1, { storeKey: STORE_KEY, terminalId: 'conf-one', vector: {}, tamper: { publicKey: one } }).catch(() => {});
    await expectErrorClose(conn1, /^peer's key exchange value is invalid$/);
  });

  await t.test('a message before the handshake closes; nothing applied', async () => {
    const conn = await openWs(lane.url);
    conn.send({ type: 'ack', messageId: '0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e8f' });
    await expectErrorClose(conn, /^unexpected frame during the handshake$|^bad handshake frame/, { sealed: false });
  });

  await t.test('a vector equal to what the lane published marks its messages peer_ack', async () => {
    const { conn, welcome } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-eq', vector: { 'HS-C': 2 } });
    assert.equal(welcome.vector['HS-C'], 2, 'welcome vector: own entry is the last seq published');
    await waitUntil(async () => outboxCounts(await lane.health()).peerAcked === 2, { what: '2 messages peer_acked via the vector' });
    await conn.next((f) => f.type === 'clock', { what: 'clock frame' });
    assert.equal(conn.messages().filter((m) => m.fromTerminal === 'HS-C').length, 0, 'nothing resent that the vector covers');

    await t.test('the same terminal id again while connected is refused', async () => {
      const dup = await openWs(lane.url);
      await clientHandshake(dup, { storeKey: STORE_KEY, terminalId: 'conf-eq', vector: {}, tamper: { noWelcomeWait: true } });
      await expectErrorClose(dup, /^terminal conf-eq is already connected$/, { sealed: true });
      assert.ok(!conn.closed, 'the first connection stays');
    });
    conn.close();
  });

  await lane.stop();
});

test('server role refusals (§3.8): the lane checks our hello, keyIndex, welcome and MAC_W', async (t) => {
  // One lane dials us again and again (short backoff); each connection gets the next tampering.
  const zero = Buffer.alloc(32);
  const plan = [
    { name: 'bad MAC_W', tamper: { macW: flipBit }, re: /^server's welcome failed the transcript MAC$/, sealed: true },
    { name: 'welcome vector altered after MAC_W', tamper: { welcomeVectorSent: { 'conf-s2': 5 } }, re: /^server's welcome failed the transcript MAC$/, sealed: true },
    { name: 'impossible welcome vector', tamper: { impossible: true }, re: /^vector claims conf-s2 holds messages up to seq 50 of HS-D, which has published only 1: nothing is marked acked$/, sealed: true },
    { name: 'keyIndex outside the offered tags', tamper: { keyIndex: 1 }, re: /^bad handshake frame: keyIndex 1 is not one of the 1 offered keys$/, sealed: false },
    { name: 'server hello with a mac', tamper: { helloExtra: { mac: zero.toString('base64') } }, re: /^bad handshake frame: /, sealed: false },
    { name: 'server hello with keyTags', tamper: { helloExtra: { keyTags: [Buffer.alloc(16).toString('base64')] } }, re: /^bad handshake frame: /, sealed: false },
    { name: 'server hello without key', tamper: { helloOmit: ['key'] }, re: /^bad handshake frame: /, sealed: false },
    { name: 'server hello with an all-zero key', tamper: { publicKey: zero }, re: /^peer's key exchange value is invalid$/ },
    { name: 'welcome with one byte flipped', tamper: { welcomeBytes: (b) => ((b[3] ^= 0x01), b) }, re: SEALED_FAILED(0, 'conf-s2'), sealed: true },
    { name: 'welcome as a text frame', tamper: { welcomeAsText: true }, re: /^text frame on an encrypted connection$/, sealed: true },
    { name: 'server hello with protocol 2', tamper: { protocol: 2 }, re: /protocol/ },
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
      await expectErrorClose(conn, plan[i].re, { what: plan[i].name, sealed: plan[i].sealed });
      if (plan[i].tamper.impossible) assert.equal(outboxCounts(await lane.health()).peerAcked, 0, 'nothing marked acked');
    });
  }
  await t.test('then an honest welcome is accepted', async () => {
    const conn = await srv.connection(plan.length + 1);
    const hs = await conn.handshake;
    assert.ok(hs.ok, String(hs.error));
    const m = await conn.next((f) => f.type === undefined && f.fromTerminal === 'HS-D', { what: "the lane's sale" });
    assert.ok(m._sealed);
  });
  await lane.stop();
  await srv.close();
});
