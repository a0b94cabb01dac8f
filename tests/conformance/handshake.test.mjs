// §3 handshake (protocol 3): test vectors, both roles against a real lane, the store key by trial
// opening and the client's keys across attempts (§3.1, §3.6), and every refusal of §3.8.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  computeHandshake2,
  computeHandshake3,
  helloContribution3,
  authContribution,
  deriveKeys,
  handshakeMac3,
  x25519,
  x25519KeyPair,
  draftKeyTag,
  keyFingerprint,
  sealFrame,
  openFrame,
  sealNonce,
  decodeBase64Strict,
  openWs,
  clientHandshake,
  connectPeer,
  connectWithKeys,
  KeyChooser,
  noKeyReason,
  NO_KEY_RE,
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
  const helloMembers = new Set(['type', 'protocol', 'terminalId', 'nonce', 'key', 'clock', 'clockCorrectionMs', 'clockStratum']);
  const checkHellos = (name, frames) => {
    for (const k of ['clientHello', 'serverHello']) {
      for (const m of Object.keys(frames[k].object)) assert.ok(helloMembers.has(m), `${name}: ${k} carries only §3.1 members, not ${m}`);
      assert.equal(JSON.stringify(frames[k].object), frames[k].text);
    }
  };
  for (const c of tv.cases) {
    const f = c.frames;
    for (const k of Object.keys(f)) assert.equal(JSON.stringify(f[k].object), f[k].text, `${c.name}: ${k} text is the compact JSON of the object`);
    checkHellos(c.name, f);
    assert.equal(decodeBase64Strict(f.clientHello.object.nonce).toString('hex'), c.client.nonceHex);
    assert.equal(decodeBase64Strict(f.serverHello.object.nonce).toString('hex'), c.server.nonceHex);
    assert.equal(x25519KeyPair(Buffer.from(c.client.privateKeyHex, 'hex')).publicKey.toString('hex'), c.client.publicKeyHex);
    assert.equal(x25519KeyPair(Buffer.from(c.server.privateKeyHex, 'hex')).publicKey.toString('hex'), c.server.publicKeyHex);
    assert.equal(keyFingerprint(c.storeKeys.chosen), c.storeKeys.chosenFingerprint);

    // §3.1: the client's key across attempts: its first, its next after each refusal
    const chooser = new KeyChooser(c.storeKeys.client);
    for (const a of c.refusedAttempts) {
      const name = `${c.name}, attempt ${a.attempt}`;
      assert.equal(a.clientStoreKey.text, chooser.key(), `${name}: the client's key`);
      assert.equal(a.clientStoreKey.position, chooser.position + 1);
      checkHellos(name, a.frames);
      const T1 = helloContribution3(a.frames.clientHello.object);
      const T2 = helloContribution3(a.frames.serverHello.object);
      const T3 = authContribution(a.frames.auth.object);
      assert.deepEqual([T1, T2, T3].map((t) => t.toString('hex')), [a.transcriptHex.T1, a.transcriptHex.T2, a.transcriptHex.T3], `${name}: T1..T3`);
      const dh = x25519(Buffer.from(a.client.privateKeyHex, 'hex'), decodeBase64Strict(a.frames.serverHello.object.key));
      assert.ok(dh.equals(x25519(Buffer.from(a.server.privateKeyHex, 'hex'), decodeBase64Strict(a.frames.clientHello.object.key))));
      const d = deriveKeys(a.clientStoreKey.text, dh, T1, T2);
      const cd = a.clientDerived;
      assert.equal(dh.toString('hex'), cd.dhHex, `${name}: dh`);
      assert.equal(d.H.toString('hex'), cd.HHex, `${name}: H`);
      assert.equal(d.prk.toString('hex'), cd.PRKHex, `${name}: PRK`);
      assert.equal(d.okm.toString('hex'), cd.OKMHex, `${name}: OKM`);
      assert.equal(d.c2s.toString('hex'), cd.C2SHex, `${name}: C2S`);
      assert.equal(d.s2c.toString('hex'), cd.S2CHex, `${name}: S2C`);
      const macC = handshakeMac3(a.clientStoreKey.text, 'C', [T1, T2, T3]);
      assert.equal(macC.toString('hex'), a.MAC_C.hex, `${name}: MAC_C`);
      assert.equal(a.frames.auth.object.mac, a.MAC_C.base64);
      assert.equal(a.sealedAuth.plaintext, a.frames.auth.text);
      const sealed = Buffer.from(a.sealedAuth.ciphertextAndTagHex, 'hex');
      assert.equal(sealFrame(d.c2s, 0, a.sealedAuth.plaintext).toString('hex'), a.sealedAuth.ciphertextAndTagHex, `${name}: the sealed auth`);
      // the server: none of its keys opens it
      assert.deepEqual(a.serverTrials.map((t) => t.storeKey), c.storeKeys.server, `${name}: the server tries each of its keys in its order`);
      for (const t of a.serverTrials) {
        const sd = deriveKeys(t.storeKey, dh, T1, T2);
        assert.equal(sd.c2s.toString('hex'), t.C2SHex, `${name}: the server's C2S under ${t.fingerprint}`);
        assert.equal(t.opens, false);
        assert.throws(() => openFrame(sd.c2s, 0, sealed), `${name}: the auth does not open under ${t.fingerprint}`);
      }
      assert.equal(a.refusal.textFrame, true);
      assert.equal(a.refusal.object.reason, noKeyReason(c.client.terminalId));
      assert.match(a.refusal.object.reason, NO_KEY_RE);
      chooser.refused();
    }
    assert.equal(chooser.key(), c.storeKeys.chosen, `${c.name}: the completing attempt uses the client's next key`);
    assert.equal(chooser.position + 1, c.storeKeys.chosenPosition.client);
    assert.equal(c.storeKeys.server.indexOf(c.storeKeys.chosen) + 1, c.storeKeys.chosenPosition.server);

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
    // the server's trials: its keys in its order up to the first that opens the auth
    const auth0 = Buffer.from(c.sealedFrames.find((s) => s.from === 'client' && s.n === 0).ciphertextAndTagHex, 'hex');
    c.serverTrials.forEach((t, i) => {
      assert.equal(t.storeKey, c.storeKeys.server[i]);
      const sd = deriveKeys(t.storeKey, r.dh, r.transcript[0], r.transcript[1]);
      assert.equal(sd.c2s.toString('hex'), t.C2SHex);
      let opens = true;
      try {
        openFrame(sd.c2s, 0, auth0);
      } catch {
        opens = false;
      }
      assert.equal(opens, t.opens, `${c.name}: the auth ${t.opens ? 'opens' : 'does not open'} under server key ${i + 1}`);
      assert.equal(opens, i === c.serverTrials.length - 1, 'only the last trial opens');
    });
    assert.equal(c.serverTrials.at(-1).storeKey, c.storeKeys.chosen);
    for (const s of c.sealedFrames) {
      const key = s.from === 'client' ? r.c2s : r.s2c;
      assert.equal(sealNonce(s.n).toString('hex'), s.nonceHex, `${c.name}: nonce of ${s.from} frame ${s.n}`);
      assert.equal(sealFrame(key, s.n, s.plaintext).toString('hex'), s.ciphertextAndTagHex, `${c.name}: ${s.from} frame ${s.n} (${s.what})`);
      assert.equal(openFrame(key, s.n, Buffer.from(s.ciphertextAndTagHex, 'hex')).toString('utf8'), s.plaintext);
      assert.throws(() => openFrame(key, s.n + 1, Buffer.from(s.ciphertextAndTagHex, 'hex')), 'does not open under the next counter');
    }
  }
  // §3.9: case 1 is the client holding K1, K2 and the server K2: one refused attempt, then K2
  const c1 = tv.cases[0];
  assert.equal(c1.refusedAttempts.length, 1);
  assert.equal(c1.storeKeys.chosen, c1.storeKeys.client[1]);
  assert.equal(c1.client.nonceHex, Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex'), 'the second attempt has the §3.9 inputs');
  // §1: K is the lower-case text; an upper-cased key derives the same values
  const up = computeHandshake3(c1.storeKeys.chosen.toUpperCase(), [c1.frames.clientHello.object, c1.frames.serverHello.object, c1.frames.auth.object, c1.frames.welcome.object], {
    clientPrivateKey: Buffer.from(c1.client.privateKeyHex, 'hex'),
    serverPrivateKey: Buffer.from(c1.server.privateKeyHex, 'hex'),
  });
  assert.equal(up.c2s.toString('hex'), c1.C2SHex, 'an upper-cased key is the same key');
  assert.equal(up.macC.toString('hex'), c1.MAC_C.hex);
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

test('the peer against itself (no lane): trial opening, keys across attempts, sealed frames both ways', async () => {
  const srv = await new PeerServer({ storeKeys: [NEW_KEY, STORE_KEY], terminalId: 'self-s', vector: {}, autoAck: true, probeKeys: [OTHER_KEY] }).listen();
  const chooser = new KeyChooser([OTHER_KEY, STORE_KEY]);
  const first = await connectWithKeys(srv.url, { keyChooser: chooser, terminalId: 'self-c', vector: {} });
  assert.deepEqual(
    first.attempts.map((a) => [a.keyPosition, a.refusal?.reason]),
    [
      [0, noKeyReason('self-c')],
      [1, undefined],
    ],
  );
  assert.ok(!first.attempts[0].refusal._sealed, 'the refusal is a text frame');
  assert.equal(first.attempts[0].conn.binaryFrames, 0, 'no sealed frame before the auth opened');
  assert.equal(srv.connections[0].clientUsedKey, OTHER_KEY);
  assert.equal(srv.connections[1].keyPosition, 1, 'opened under the second of the server keys');
  assert.deepEqual(
    srv.connections[1].trials.map((t) => t.opens),
    [false, true],
  );
  assert.ok(first.welcome._sealed);
  const msg = makeMessage({ fromTerminal: 'self-c', topic: 'transaction', payload: { x: 1 }, seq: 1 });
  first.conn.send(msg);
  const a = await first.conn.next((f) => f.type === 'ack' && f.messageId === msg.id, { what: 'ack from ourselves' });
  assert.ok(a._sealed);
  first.conn.close();
  // after a completed handshake the client starts again with its first key
  assert.equal(chooser.position, 0);
  const again = await connectWithKeys(srv.url, { keyChooser: chooser, terminalId: 'self-c', vector: {} });
  assert.deepEqual(
    again.attempts.map((a) => a.keyPosition),
    [0, 1],
  );
  again.conn.close();
  await srv.close();
});

/** The members of a protocol 3 hello, nothing derived from the key among them (§3.1). */
function checkHello3(h, id, what) {
  assert.equal(h.protocol, 3);
  assert.equal(h.terminalId, id);
  assert.ok(!h._sealed, `the ${what} is a text frame`);
  const allowed = new Set(['type', 'protocol', 'terminalId', 'nonce', 'key', 'clock', 'clockCorrectionMs', 'clockStratum']);
  for (const k of Object.keys(h)) assert.ok(allowed.has(k), `the ${what} carries only §3.1 members; it has "${k}": ${h._raw}`);
  assert.equal(decodeBase64Strict(h.nonce)?.length, 32, 'nonce: base64 of 32 bytes');
  assert.equal(decodeBase64Strict(h.key)?.length, 32, 'key: base64 of 32 bytes');
  if (h.clock !== undefined) assert.ok(isLaneTime(h.clock), `clock in the lane form: ${h.clock}`);
}
const checkServerHello = (sh, laneId) => checkHello3(sh, laneId, 'server hello');

test('client role: handshake with a lane; its hello carries nothing derived from the key; every later frame sealed', async () => {
  const lane = await Lane.start({ id: 'HS-A' });
  const { conn, serverHello, welcome, keyPosition } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-c1', vector: {}, clock: true });
  checkServerHello(serverHello, 'HS-A');
  assert.equal(keyPosition, 0);
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

test('a stranger learns nothing: its auth opens under none of the lane keys; the refusal is a text frame, nothing sealed before it', async () => {
  const lane = await Lane.start({ id: 'HS-N' });
  const conn = await openWs(lane.url);
  const e = await clientHandshake(conn, { storeKey: OTHER_KEY, terminalId: 'conf-stranger', vector: {} }).then(
    () => assert.fail('the handshake completed under a key the lane does not hold'),
    (x) => x,
  );
  assert.ok(e.noKeyInCommon, String(e));
  await expectErrorClose(conn, /^no store key in common with conf-stranger \(its auth opened under none of this lane's keys\)$/, { sealed: false });
  checkServerHello(conn.serverHello, 'HS-N');
  assert.equal(conn.binaryFrames, 0, 'the lane sent no sealed frame before the auth opened (§3, §3.5)');
  // two keys, neither the lane's: refused on each attempt
  const chooser = new KeyChooser([OTHER_KEY, OLD_KEY]);
  for (const pos of [0, 1, 0]) {
    const c = await openWs(lane.url);
    assert.equal(chooser.position, pos);
    await clientHandshake(c, { keyChooser: chooser, terminalId: 'conf-stranger2', vector: {} }).catch(() => {});
    await expectErrorClose(c, /^no store key in common with conf-stranger2 \(its auth opened under none of this lane's keys\)$/, { sealed: false });
    assert.equal(c.binaryFrames, 0);
  }
  await lane.stop();
});

test('the server sends no sealed frame before the auth opens: a client that says hello and waits gets a text timeout refusal', async () => {
  const lane = await Lane.start({ id: 'HS-W' });
  const conn = await openWs(lane.url);
  conn.send(makeHello3({ terminalId: 'conf-waiter' }));
  const sh = await conn.next((f) => f.type === 'hello', { what: 'server hello' });
  checkServerHello(sh, 'HS-W');
  await expectErrorClose(conn, /^no handshake within 10000 ms$/, { sealed: false });
  assert.equal(conn.binaryFrames, 0, 'no binary (sealed) frame from the lane at all');
  await lane.stop();
});

test('server role: the lane dials us; its hello carries no tags, its auth opens under our key; it sends its messages sealed', async () => {
  const srv = await new PeerServer({ storeKey: STORE_KEY, terminalId: 'conf-s1', vector: {}, clock: true, autoAck: false }).listen();
  const lane = await Lane.start({ id: 'HS-B', peers: [srv.url], ringSales: 2 });
  const conn = await srv.connection(1);
  const hs = await conn.handshake;
  assert.ok(hs.ok, `handshake: ${hs.error}`);
  checkHello3(hs.clientHello, 'HS-B', 'client hello');
  assert.ok(!('mac' in hs.clientHello), 'client hello carries no mac');
  assert.equal(hs.keyPosition, 0);
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

/** `--health`'s storeKey of a connected peer (§3.6): "<position> of <count> (<fingerprint>)". */
async function healthStoreKey(lane, peerId, want) {
  let last;
  try {
    return await waitUntil(
      async () => {
        const h = await lane.health();
        last = { entry: healthPeer(h, peerId), storeKeys: h.storeKeys };
        return last.entry?.storeKey === want ? last : undefined;
      },
      { what: `--health of ${lane.id}: ${peerId} on storeKey "${want}"`, timeout: 20_000 },
    );
  } catch {
    assert.fail(`--health of ${lane.id} for ${peerId}: want "storeKey": "${want}" (§3.6), got ${JSON.stringify(last)}`);
  }
}

test('store keys: trial opening by the server, the client\'s keys across attempts, rotation (§3.1, §3.6)', async (t) => {
  await t.test('a peer with [a key the lane lacks, the lane key]: text refusal on its first attempt, success on its second', async () => {
    const lane = await Lane.start({ id: 'KR-A', ringSales: 1 });
    const chooser = new KeyChooser([OTHER_KEY, STORE_KEY]);
    const { conn, attempts, keyPosition } = await connectWithKeys(lane.url, { keyChooser: chooser, terminalId: 'conf-k1', vector: {}, autoAck: true });
    assert.equal(attempts.length, 2, 'two attempts');
    const r = attempts[0].refusal;
    assert.equal(r.reason, "no store key in common with conf-k1 (its auth opened under none of this lane's keys)");
    assert.ok(!r._sealed, 'the refusal is a text frame (§3.5: the lane holds no keys of this connection)');
    assert.equal(attempts[0].conn.binaryFrames, 0, 'nothing sealed from the lane on the refused attempt');
    assert.equal(attempts[0].conn.closed?.code, 1008);
    assert.equal(keyPosition, 1);
    const sale = await conn.next((f) => f.fromTerminal === 'KR-A', { what: "the lane's sale" });
    assert.ok(sale._sealed);
    const a = await answerTo(conn, ourTransaction(sale, 'conf-k1', 1));
    assert.equal(a.type, 'ack', a._raw);
    await healthStoreKey(lane, 'conf-k1', `1 of 1 (${keyFingerprint(STORE_KEY)})`);
    conn.close();
    await lane.stop();
  });

  await t.test('a lane with "new,old" accepts a peer holding only old (trial opening), and one holding only new', async () => {
    const lane = await Lane.start({ id: 'KR-B', storeKey: `${NEW_KEY},${OLD_KEY}`, ringSales: 1 });
    const { conn } = await connectPeer(lane.url, { storeKeys: [OLD_KEY], terminalId: 'conf-old', vector: {}, autoAck: true });
    const sale = await conn.next((f) => f.fromTerminal === 'KR-B', { what: "the lane's sale" });
    const a = await answerTo(conn, ourTransaction(sale, 'conf-old', 1));
    assert.equal(a.type, 'ack', a._raw);
    const h = await healthStoreKey(lane, 'conf-old', `2 of 2 (${keyFingerprint(OLD_KEY)})`);
    assert.deepEqual(h.storeKeys, [keyFingerprint(NEW_KEY), keyFingerprint(OLD_KEY)], '--health storeKeys: the fingerprints in the lane order');
    assert.equal(h.entry.channel, 'encrypted');
    const { conn: c2 } = await connectPeer(lane.url, { storeKeys: [NEW_KEY], terminalId: 'conf-new', vector: {} });
    await healthStoreKey(lane, 'conf-new', `1 of 2 (${keyFingerprint(NEW_KEY)})`);
    // a client that holds old first and new second: its auth is sealed under old, which the lane
    // opens on its second trial
    const { conn: c3 } = await connectPeer(lane.url, { storeKeys: [OLD_KEY, NEW_KEY], terminalId: 'conf-oldnew', vector: {} });
    await healthStoreKey(lane, 'conf-oldnew', `2 of 2 (${keyFingerprint(OLD_KEY)})`);
    for (const c of [conn, c2, c3]) c.close();
    await lane.stop();
  });

  await t.test('a lane with "new,old" dialling a peer that holds only old: refused under new, then old; after a completed handshake new first again', async () => {
    const srv = await new PeerServer({ storeKeys: [OLD_KEY], terminalId: 'conf-s-old', vector: {}, autoAck: true, probeKeys: [NEW_KEY] }).listen();
    const lane = await Lane.start({ id: 'KR-D', storeKey: `${NEW_KEY},${OLD_KEY}`, peers: [srv.url], ringSales: 1 });
    const c1 = await srv.connection(1);
    const h1 = await c1.handshake;
    assert.ok(!h1.ok, 'the first attempt is refused');
    assert.equal(c1.clientUsedKey, NEW_KEY, "the lane's first attempt seals its auth under its first key");
    checkHello3(c1.clientHello, 'KR-D', 'client hello');
    const c2 = await srv.connection(2);
    const h2 = await c2.handshake;
    assert.ok(h2.ok, `the second attempt completes: ${h2.error}`);
    assert.equal(h2.storeKey, OLD_KEY, 'under its next key, old');
    await c2.next((f) => f.fromTerminal === 'KR-D', { what: "the lane's sale over the old key" });
    await waitUntil(() => new RegExp("no store key in common with KR-D").test(lane.log()), { what: 'the lane logging our text refusal' });
    await healthStoreKey(lane, 'conf-s-old', `2 of 2 (${keyFingerprint(OLD_KEY)})`);
    // the link drops (our sealed close): the lane dials again starting with its first key
    c2.close({ reason: 'conformance peer: reconnect please' });
    const c3 = await srv.connection(3);
    const h3 = await c3.handshake;
    assert.ok(!h3.ok, 'after a completed handshake the lane starts again with its first key (refused here)');
    assert.equal(c3.clientUsedKey, NEW_KEY);
    const c4 = await srv.connection(4);
    const h4 = await c4.handshake;
    assert.ok(h4.ok, String(h4.error));
    assert.equal(h4.storeKey, OLD_KEY);
    await lane.stop();
    await srv.close();
  });

  await t.test('no key in common when the lane dials: our text refusal; the lane tries again', async () => {
    const srv = await new PeerServer({ storeKeys: [OTHER_KEY], terminalId: 'conf-s-none', vector: {}, probeKeys: [STORE_KEY] }).listen();
    const lane = await Lane.start({ id: 'KR-E', peers: [srv.url] });
    for (const n of [1, 2]) {
      const conn = await srv.connection(n);
      const hs = await conn.handshake;
      assert.ok(!hs.ok);
      assert.equal(String(hs.error.message), "no store key in common with KR-E (its auth opened under none of this lane's keys)");
      assert.equal(conn.clientUsedKey, STORE_KEY, 'a lane with one key uses it on every attempt');
    }
    await waitUntil(() => /no store key in common with KR-E/.test(lane.log()), { what: 'the lane logging our refusal' });
    await lane.stop();
    await srv.close();
  });

  await t.test('store keys are lower-cased: a lane given the key upper-cased interoperates with one given it lower-cased, and with us', async () => {
    const upper = STORE_KEY.toUpperCase();
    assert.notEqual(upper, STORE_KEY);
    const laneU = await Lane.start({ id: 'KR-U', storeKey: upper, ringSales: 1 });
    const laneL = await Lane.start({ id: 'KR-L', peers: [laneU.url] });
    await healthStoreKey(laneL, 'KR-U', `1 of 1 (${keyFingerprint(STORE_KEY)})`);
    const hu = await healthStoreKey(laneU, 'KR-L', `1 of 1 (${keyFingerprint(STORE_KEY)})`);
    assert.deepEqual(hu.storeKeys, [keyFingerprint(STORE_KEY)], 'the fingerprint is of the lower-case key text');
    // our peer, with the key in lower case, against the lane given it upper-cased
    const { conn } = await connectPeer(laneU.url, { storeKey: STORE_KEY, terminalId: 'conf-lower', vector: {} });
    await conn.next((f) => f.fromTerminal === 'KR-U', { what: "the lane's sale" });
    conn.close();
    // and the upper-cased lane dialling us (we hold the lower-case text)
    const srv = await new PeerServer({ storeKeys: [STORE_KEY], terminalId: 'conf-s-lower', vector: {} }).listen();
    const laneU2 = await Lane.start({ id: 'KR-U2', storeKey: upper, peers: [srv.url] });
    const hs = await (await srv.connection(1)).handshake;
    assert.ok(hs.ok, String(hs.error));
    await laneU2.stop();
    await srv.close();
    await laneL.stop();
    await laneU.stop();
  });

  await t.test('hellos with the draft keyTags / keyIndex members are served (the members ignored, not in the transcript)', async () => {
    const lane = await Lane.start({ id: 'KR-T' });
    const tags = { keyTags: [draftKeyTag(STORE_KEY, crypto.randomBytes(32)).toString('base64'), 'not even base64!'], keyIndex: 7 };
    const { conn, welcome } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-tags', vector: {}, tamper: { helloExtra: tags } });
    assert.ok(welcome._sealed);
    conn.close();
    const srv = await new PeerServer({ storeKey: STORE_KEY, terminalId: 'conf-s-tags', vector: {}, tamper: { helloExtra: { keyIndex: 0, keyTags: [Buffer.alloc(16).toString('base64')] } } }).listen();
    const lane2 = await Lane.start({ id: 'KR-T2', peers: [srv.url], ringSales: 1 });
    const c = await srv.connection(1);
    const hs = await c.handshake;
    assert.ok(hs.ok, `a server hello with keyTags and keyIndex: ${hs.error}`);
    await c.next((f) => f.fromTerminal === 'KR-T2', { what: "the lane's sale" });
    await lane2.stop();
    await srv.close();
    await lane.stop();
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

  await t.test('the auth with one byte flipped opens under none of the keys: the text refusal', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-flip0', vector: {}, tamper: { authBytes: (b) => ((b[5] ^= 0x40), b), noWelcomeWait: true } });
    await expectErrorClose(conn, /^no store key in common with conf-flip0 \(its auth opened under none of this lane's keys\)$/, { sealed: false });
    assert.equal(conn.binaryFrames, 0);
  });

  await t.test('the auth as a text frame: refused with a text frame (the lane holds no keys yet)', async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-txt0', vector: {}, tamper: { authAsText: true, noWelcomeWait: true } });
    await expectErrorClose(conn, /^text frame on an encrypted connection$/, { sealed: false });
    assert.equal(conn.binaryFrames, 0);
  });

  await t.test('a text frame of another kind between the hellos and the auth: refused with a text frame', async () => {
    for (const [name, frame] of [
      ['ack', { type: 'ack', messageId: '0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e8f' }],
      ['clock', { type: 'clock', clocks: {} }],
    ]) {
      const conn = await openWs(lane.url);
      conn.send(makeHello3({ terminalId: `conf-txt-${name}` }));
      await conn.next((f) => f.type === 'hello', { what: 'server hello' });
      conn.sendRaw(JSON.stringify(frame));
      await expectErrorClose(conn, /^text frame on an encrypted connection$/, { what: `a text ${name} after the hellos`, sealed: false });
      assert.equal(conn.binaryFrames, 0);
    }
  });

  await t.test('vector claiming more than the lane published: the lane takes it for a restore (§4.1): keeps the connection, asks for its own messages back, publishes nothing', async () => {
    const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-imp', vector: { 'HS-C': 3 } });
    const request = await conn.next((f) => f.type === 'sync_request', { what: 'sync_request for its own messages' });
    assert.equal(request.own, true);
    assert.equal(request.vector['HS-C'], 2, 'its own entry: the last seq it holds');
    await waitUntil(async () => (await lane.health()).recovering === true, { what: '--health: recovering' });
    conn.close();
  });

  await t.test('other protocol versions', async () => {
    for (const v of [1, 4]) {
      const conn = await openWs(lane.url);
      conn.send({ ...makeHello3({ terminalId: `conf-v${v}` }), protocol: v });
      await expectErrorClose(conn, new RegExp(`^protocol version ${v} is not supported; this lane speaks 3$`), { sealed: false });
    }
    const conn = await openWs(lane.url);
    conn.send({ ...makeHello3({ terminalId: 'conf-vs' }), protocol: '3' });
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
    conn.send(makeHello3({ terminalId: 'HS-C' }));
    await expectErrorClose(conn, /^peer claims this lane's own terminal id HS-C$/, { sealed: false });
    assert.ok(!conn.frames.some((f) => f.type === 'hello'), 'no server hello for our own id');
  });

  const badHellos = [
    ['a client hello with mac', (h) => ({ ...h, mac: Buffer.alloc(32).toString('base64') }), /^client hello must not carry a mac$/],
    ['a client hello without key', ({ key, ...h }) => h],
    ['a 31-byte key', (h) => ({ ...h, key: Buffer.alloc(31, 9).toString('base64') })],
    ['a 16-byte nonce', (h) => ({ ...h, nonce: Buffer.alloc(16, 7).toString('base64') })],
    ['clock without the other two members', (h) => ({ ...h, clock: new Date().toISOString() })],
  ];
  for (const [name, edit, reason] of badHellos) {
    await t.test(name, async () => {
      const conn = await openWs(lane.url);
      conn.send(edit(makeHello3({ terminalId: 'conf-badhello' })));
      await expectErrorClose(conn, reason ?? /^bad handshake frame: /, { sealed: false });
      assert.ok(!conn.frames.some((f) => f.type === 'hello'), 'no server hello');
    });
  }

  await t.test("an all-zero public key (small order): peer's key exchange value is invalid", async () => {
    const conn = await openWs(lane.url);
    await clientHandshake(conn, { storeKey: STORE_KEY, terminalId: 'conf-zero', vector: {}, tamper: { publicKey: Buffer.alloc(32) } }).catch(() => {});
    await expectErrorClose(conn, /^peer's key exchange value is invalid$/, { sealed: false });
    // a small-order point other than 0: u = 1
    const conn1 = await openWs(lane.url);
    const one = Buffer.alloc(32);
    one[0] = 1;
    await clientHandshake(conn1, { storeKey: STORE_KEY, terminalId: 'conf-one', vector: {}, tamper: { publicKey: one } }).catch(() => {});
    await expectErrorClose(conn1, /^peer's key exchange value is invalid$/, { sealed: false });
  });

  await t.test('a message before the handshake closes; nothing applied', async () => {
    const conn = await openWs(lane.url);
    conn.send({ type: 'ack', messageId: '0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e8f' });
    await expectErrorClose(conn, /^unexpected frame during the handshake$|^bad handshake frame/, { sealed: false });
  });

  await t.test('a vector equal to what the lane published marks its messages peer_ack', async (t2) => {
    const { conn, welcome } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-eq', vector: { 'HS-C': 2 } });
    assert.equal(welcome.vector['HS-C'], 2, 'welcome vector: own entry is the last seq published');
    await waitUntil(async () => outboxCounts(await lane.health()).peerAcked === 2, { what: '2 messages peer_acked via the vector' });
    await conn.next((f) => f.type === 'clock', { what: 'clock frame' });
    assert.equal(conn.messages().filter((m) => m.fromTerminal === 'HS-C').length, 0, 'nothing resent that the vector covers');

    // (a subtest of this subtest: t.test here would wait for this subtest to end)
    await t2.test('the same terminal id again while connected is refused', async () => {
      const dup = await openWs(lane.url);
      await clientHandshake(dup, { storeKey: STORE_KEY, terminalId: 'conf-eq', vector: {}, tamper: { noWelcomeWait: true } });
      await expectErrorClose(dup, /^terminal conf-eq is already connected$/, { sealed: true });
      assert.ok(!conn.closed, 'the first connection stays');
    });
    conn.close();
  });

  await lane.stop();
});

test('server role refusals (§3.8): the lane checks our hello, welcome and MAC_W', async (t) => {
  // One lane dials us again and again (short backoff); each connection gets the next tampering.
  const zero = Buffer.alloc(32);
  const plan = [
    { name: 'bad MAC_W', tamper: { macW: flipBit }, re: /^server's welcome failed the transcript MAC$/, sealed: true },
    { name: 'welcome vector altered after MAC_W', tamper: { welcomeVectorSent: { 'conf-s2': 5 } }, re: /^server's welcome failed the transcript MAC$/, sealed: true },
    { name: 'server hello with a mac', tamper: { helloExtra: { mac: zero.toString('base64') } }, re: /^bad handshake frame: a protocol 3 server hello carries no mac$/, sealed: false },
    { name: 'server hello without key', tamper: { helloOmit: ['key'] }, re: /^bad handshake frame: /, sealed: false },
    { name: 'server hello with an all-zero key', tamper: { publicKey: zero }, re: /^peer's key exchange value is invalid$/, sealed: false },
    { name: 'welcome with one byte flipped', tamper: { welcomeBytes: (b) => ((b[3] ^= 0x01), b) }, re: SEALED_FAILED(0, 'conf-s2'), sealed: true },
    { name: 'welcome as a text frame', tamper: { welcomeAsText: true }, re: /^text frame on an encrypted connection$/, sealed: true },
    { name: 'a text frame other than an error before the welcome', tamper: { textBeforeWelcome: { type: 'clock', clocks: {} } }, re: /^text frame on an encrypted connection$/, sealed: true },
    { name: 'server hello with protocol 2', tamper: { protocol: 2 }, re: /^server answered with protocol version 2 to a hello of 3$/, sealed: false },
  ];
  const srv = await new PeerServer({
    storeKey: STORE_KEY,
    terminalId: 'conf-s2',
    vector: () => ({}),
    tamper: (i) => plan[i]?.tamper ?? {},
  }).listen();
  const lane = await Lane.start({ id: 'HS-D', peers: [srv.url], ringSales: 1 });
  for (let i = 0; i < plan.length; i++) {
    await t.test(plan[i].name, async () => {
      const conn = await srv.connection(i + 1);
      await expectErrorClose(conn, plan[i].re, { what: plan[i].name, sealed: plan[i].sealed });
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
