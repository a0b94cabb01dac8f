#!/usr/bin/env node
// Regenerates protocol/test-vectors/channel.json: the protocol 3 handshake and sealed frames of
// docs/PROTOCOL.md §3 worked through, computed with Node's built-in `crypto` only. Protocol 3 as
// §3 now has it: no key tags; the client seals its auth under one of its store keys, the server
// tries to open it under each of its own keys in its order; a client refused so tries its next
// key on its next attempt (§3.1). Case 1 records such a refused first attempt, then the second.
//
//   node protocol/test-vectors/make-channel-vectors.mjs           # writes channel.json beside it
//   node protocol/test-vectors/make-channel-vectors.mjs --check   # fails when the file differs
//
// Written from docs/PROTOCOL.md alone (no lane source). Deterministic: every key, nonce and
// private key is fixed below. Before computing anything it checks the primitives against their
// RFCs' own test vectors (X25519: RFC 7748 §6.1; ChaCha20-Poly1305: RFC 8439 §2.8.2; HKDF-SHA256:
// RFC 5869 A.1, both node's hkdfSync and an HKDF built here from HMAC) and exits with status 1 if
// any of them disagrees.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';

const OUT = path.join(import.meta.dirname, 'channel.json');

const hex = (b) => Buffer.from(b).toString('hex');
const b64 = (b) => Buffer.from(b).toString('base64');
const fromHex = (s) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
/** Bytes start, start+1, ... (32 of them by default): the "80 81 … 9f" runs of the document. */
const run = (start, n = 32) => Buffer.from(Array.from({ length: n }, (_, i) => (start + i) & 0xff));

// ------------------------------------------------------------------------------------------
// Primitives (§1): X25519, HMAC-SHA256, HKDF-SHA256, SHA-256, ChaCha20-Poly1305

const PKCS8_X25519 = fromHex('302e020100300506032b656e04220420'); // RFC 8410 PrivateKeyInfo prefix
const SPKI_X25519 = fromHex('302a300506032b656e032100'); // RFC 8410 SubjectPublicKeyInfo prefix

function x25519PrivateKey(raw) {
  assert.equal(raw.length, 32);
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });
}
function x25519PublicKey(raw) {
  assert.equal(raw.length, 32);
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
}
function x25519PublicOf(privRaw) {
  const spki = crypto.createPublicKey(x25519PrivateKey(privRaw)).export({ type: 'spki', format: 'der' });
  assert.ok(spki.subarray(0, SPKI_X25519.length).equals(SPKI_X25519));
  return spki.subarray(SPKI_X25519.length);
}
function x25519(privRaw, pubRaw) {
  return crypto.diffieHellman({ privateKey: x25519PrivateKey(privRaw), publicKey: x25519PublicKey(pubRaw) });
}

const hmac = (key, ...parts) => {
  const h = crypto.createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest();
};
const sha256 = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 5869 from HMAC, step by step. */
function hkdfOwn(salt, ikm, info, length) {
  const prk = hmac(salt, ikm);
  const blocks = [];
  let t = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    t = hmac(prk, t, info, Buffer.from([i]));
    blocks.push(t);
  }
  return { prk, okm: Buffer.concat(blocks).subarray(0, length) };
}
function hkdfNode(salt, ikm, info, length) {
  return Buffer.from(crypto.hkdfSync('sha256', ikm, salt, info, length));
}

function seal(key, nonce, plaintext, aad = Buffer.alloc(0)) {
  const c = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  if (aad.length) c.setAAD(aad, { plaintextLength: plaintext.length });
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([ct, c.getAuthTag()]);
}
function open(key, nonce, sealed, aad = Buffer.alloc(0)) {
  const d = crypto.createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  if (aad.length) d.setAAD(aad, { plaintextLength: sealed.length - 16 });
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}

// ------------------------------------------------------------------------------------------
// Known answers from the RFCs: fail loudly before writing anything.

function selfCheck() {
  const problems = [];
  const check = (what, got, want) => {
    if (hex(got) !== want) problems.push(`${what}: got ${hex(got)}, RFC says ${want}`);
  };
  // RFC 7748 §6.1
  const a = fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
  const b = fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
  check("RFC 7748 §6.1 Alice's public key", x25519PublicOf(a), '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
  check("RFC 7748 §6.1 Bob's public key", x25519PublicOf(b), 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
  const K = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
  check('RFC 7748 §6.1 shared secret (Alice)', x25519(a, x25519PublicOf(b)), K);
  check('RFC 7748 §6.1 shared secret (Bob)', x25519(b, fromHex('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a')), K);
  // RFC 8439 §2.8.2
  const key = run(0x80);
  const nonce = fromHex('070000004041424344454647');
  const aad = fromHex('50515253c0c1c2c3c4c5c6c7');
  const pt = Buffer.from("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.", 'ascii');
  const want =
    'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b' +
    '1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc' +
    '3ff4def08e4b7a9de576d26586cec64b6116' +
    '1ae10b594f09e26a7e902ecbd0600691';
  const sealed = seal(key, nonce, pt, aad);
  check('RFC 8439 §2.8.2 ciphertext ‖ tag', sealed, want);
  if (!open(key, nonce, sealed, aad).equals(pt)) problems.push('RFC 8439 §2.8.2: does not open to the plaintext');
  // RFC 5869 A.1
  const ikm = Buffer.alloc(22, 0x0b);
  const salt = run(0x00, 13);
  const info = run(0xf0, 10);
  const own = hkdfOwn(salt, ikm, info, 42);
  check('RFC 5869 A.1 PRK', own.prk, '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
  const okm = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';
  check('RFC 5869 A.1 OKM (HKDF from HMAC)', own.okm, okm);
  check('RFC 5869 A.1 OKM (crypto.hkdfSync)', hkdfNode(salt, ikm, info, 42), okm);
  if (problems.length) {
    console.error('make-channel-vectors: the primitives disagree with their RFCs; nothing written:\n  ' + problems.join('\n  '));
    process.exit(1);
  }
}

// ------------------------------------------------------------------------------------------
// §3.1, §3.2, §3.5

const LABEL = Buffer.from('euphoria-lane/3', 'ascii'); // 15 bytes
const KEYS_INFO = Buffer.from('euphoria-lane/3 keys', 'ascii'); // 20 bytes
assert.equal(LABEL.length, 15);
assert.equal(KEYS_INFO.length, 20);

function lp(x) {
  const body = Buffer.isBuffer(x) ? x : Buffer.from(String(x), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}
const decimal = (n) => {
  assert.ok(Number.isSafeInteger(n));
  return n === 0 ? '0' : String(n);
};
function clockFields(f) {
  const n = ['clock', 'clockCorrectionMs', 'clockStratum'].filter((k) => k in f).length;
  if (n === 0) return Buffer.concat([lp(''), lp(''), lp('')]);
  assert.equal(n, 3, 'clock members: all three or none');
  return Buffer.concat([lp(f.clock), lp(decimal(f.clockCorrectionMs)), lp(decimal(f.clockStratum))]);
}
function canonicalVector(v) {
  return Object.keys(v)
    .sort((x, y) => Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8')))
    .map((k) => `${k}=${decimal(v[k])}`)
    .join(',');
}
/** §1: K is the UTF-8 bytes of the key text in lower case (the hex digits, not the bytes they encode). */
const keyBytes = (text) => Buffer.from(text.toLowerCase(), 'utf8');
const fingerprint = (K) => sha256(keyBytes(K)).toString('hex').slice(0, 8);
function sealNonce(n) {
  const b = Buffer.alloc(12);
  b.writeBigUInt64LE(BigInt(n), 4);
  return b;
}
/** Opens, or returns null when the frame does not open. */
function tryOpen(key, nonce, sealed) {
  try {
    return open(key, nonce, sealed);
  } catch {
    return null;
  }
}

/** §3.2: dh, H, PRK, info, OKM, C2S, S2C under store key K (both ways: HKDF from HMAC and node's hkdfSync). */
function derive(K, dh, T1, T2) {
  const H = sha256(T1, T2);
  const info = Buffer.concat([KEYS_INFO, H]);
  const own = hkdfOwn(keyBytes(K), dh, info, 64);
  assert.ok(own.okm.equals(hkdfNode(keyBytes(K), dh, info, 64)), 'HKDF from HMAC and crypto.hkdfSync agree');
  assert.ok(own.prk.equals(hmac(keyBytes(K), dh)), 'PRK = HMAC-SHA256(K, dh)');
  return { H, info, prk: own.prk, okm: own.okm, c2s: own.okm.subarray(0, 32), s2c: own.okm.subarray(32, 64) };
}

/**
 * One connection attempt of §3.1-§3.2 and §3.5 up to the server's decision on the auth. `a`: the
 * attempt's inputs (nonces, private keys, clocks, auth vector and clock), `clientKey` the store key
 * the client seals its auth under (§3.1: its first, or the next after a refusal), `serverKeys` the
 * server's keys in its order. Returns the frames and every intermediate value, and `opened`: the
 * server's key under which the auth opened (the first in its order), or null.
 */
function attempt(c, a, clientKey, serverKeys) {
  const clientPub = x25519PublicOf(a.client.privateKey);
  const serverPub = x25519PublicOf(a.server.privateKey);
  // §3.1: the hellos carry no keyTags / keyIndex; nothing in them depends on a store key
  const clientHello = { type: 'hello', protocol: 3, terminalId: c.client.id, nonce: b64(a.client.nonce), key: b64(clientPub), ...(a.client.clock ?? {}) };
  const serverHello = { type: 'hello', protocol: 3, terminalId: c.server.id, nonce: b64(a.server.nonce), key: b64(serverPub), ...(a.server.clock ?? {}) };
  // §3.2: a hello contributes lp(id) ‖ lp(nonce) ‖ lp(key) ‖ the three clock fields
  const T1 = Buffer.concat([lp(c.client.id), lp(a.client.nonce), lp(clientPub), clockFields(clientHello)]);
  const T2 = Buffer.concat([lp(c.server.id), lp(a.server.nonce), lp(serverPub), clockFields(serverHello)]);

  const dhC = x25519(a.client.privateKey, serverPub);
  const dhS = x25519(a.server.privateKey, clientPub);
  assert.ok(dhC.equals(dhS), 'both sides compute the same dh');
  assert.ok(!dhC.equals(Buffer.alloc(32)), 'dh is not all zero');

  // The client: keys under its chosen store key, the auth sealed as its frame 0
  const client = derive(clientKey, dhC, T1, T2);
  const authBase = { type: 'auth', vector: a.authVector, ...(a.authClock ?? {}) };
  const T3 = Buffer.concat([lp(canonicalVector(a.authVector)), clockFields(authBase)]);
  const MAC_C = hmac(keyBytes(clientKey), LABEL, Buffer.from('C'), T1, T2, T3);
  const auth = { ...authBase, mac: b64(MAC_C) };
  const authText = JSON.stringify(auth);
  const sealedAuth = seal(client.c2s, sealNonce(0), Buffer.from(authText, 'utf8'));

  // The server: keys for each of its store keys in its order; the first under which frame 0 opens is K
  const trials = [];
  let opened = null;
  for (const mine of serverKeys) {
    const d = derive(mine, dhS, T1, T2);
    const pt = tryOpen(d.c2s, sealNonce(0), sealedAuth);
    trials.push({ storeKey: mine, fingerprint: fingerprint(mine), C2SHex: hex(d.c2s), opens: pt !== null });
    if (pt !== null) {
      assert.equal(pt.toString('utf8'), authText);
      assert.equal(mine.toLowerCase(), clientKey.toLowerCase(), 'the auth opens only under the key it was sealed with');
      opened = mine;
      break;
    }
  }
  return { clientPub, serverPub, clientHello, serverHello, T1, T2, T3, dh: dhC, client, MAC_C, auth, authText, sealedAuth, trials, opened };
}

const hello = (h) => ({ object: h, text: JSON.stringify(h), utf8Hex: hex(Buffer.from(JSON.stringify(h), 'utf8')) });
const side = (id, s, pub) => ({
  terminalId: id,
  nonceHex: hex(s.nonce),
  nonceBase64: b64(s.nonce),
  privateKeyHex: hex(s.privateKey),
  publicKeyHex: hex(pub),
  publicKeyBase64: b64(pub),
});
const derivedValues = (r, d) => ({
  dhHex: hex(r.dh),
  HHex: hex(d.H),
  PRKHex: hex(d.prk),
  keysInfoHex: hex(d.info),
  OKMHex: hex(d.okm),
  C2SHex: hex(d.c2s),
  S2CHex: hex(d.s2c),
});

/** §3.1: the server's refusal when the auth opened under none of its keys: a text frame. */
const noKeyRefusal = (clientId) => ({ type: 'error', reason: `no store key in common with ${clientId} (its auth opened under none of this lane's keys)` });

function buildCase(c) {
  const keys = c.client.keys;
  const attempts = [];
  // §3.1: the client uses its first key; after a refusal "no store key in common" its next key on
  // its next attempt (in order, wrapping around); the server holds its keys in its own order.
  let keyPos = 0;
  let done = null;
  for (const [i, a] of c.attempts.entries()) {
    const K = keys[keyPos];
    const r = attempt(c, a, K, c.server.keys);
    if (r.opened === null) {
      assert.ok(i < c.attempts.length - 1, `${c.name}: the last attempt completes`);
      const refusal = noKeyRefusal(c.client.id);
      attempts.push({
        attempt: i + 1,
        outcome: 'refused: the auth opened under none of the server\'s keys',
        clientStoreKey: { text: K, position: keyPos + 1, fingerprint: fingerprint(K) },
        client: side(c.client.id, a.client, r.clientPub),
        server: side(c.server.id, a.server, r.serverPub),
        frames: { clientHello: hello(r.clientHello), serverHello: hello(r.serverHello), auth: hello(r.auth) },
        transcriptHex: { T1: hex(r.T1), T2: hex(r.T2), T3: hex(r.T3) },
        canonicalVectors: { auth: canonicalVector(a.authVector) },
        clientDerived: { storeKey: K, ...derivedValues(r, r.client) },
        MAC_C: { hex: hex(r.MAC_C), base64: b64(r.MAC_C) },
        sealedAuth: {
          from: 'client',
          n: 0,
          what: 'auth',
          key: 'C2S (under the client\'s store key of this attempt)',
          nonceHex: hex(sealNonce(0)),
          plaintext: r.authText,
          plaintextHex: hex(Buffer.from(r.authText, 'utf8')),
          ciphertextAndTagHex: hex(r.sealedAuth),
        },
        serverTrials: r.trials,
        refusal: { textFrame: true, object: refusal, text: JSON.stringify(refusal) },
      });
      keyPos = (keyPos + 1) % keys.length;
      continue;
    }
    assert.equal(i, c.attempts.length - 1, `${c.name}: the handshake completes on the last attempt only`);
    done = { a, r, K, keyPos, number: i + 1 };
  }
  assert.ok(done, `${c.name}: no attempt completed`);
  assert.equal(done.K, c.expectChosen, `${c.name}: the key chosen`);
  const { a, r, K } = done;
  const d = r.client;
  const T4 = lp(canonicalVector(c.welcomeVector));
  const MAC_W = hmac(keyBytes(K), LABEL, Buffer.from('W'), r.T1, r.T2, r.T3, T4);
  const welcome = { type: 'welcome', vector: c.welcomeVector, mac: b64(MAC_W) };
  const ack = { type: 'ack', messageId: c.message.id };

  const sealedFrames = [];
  const sealOne = (from, n, what, obj) => {
    const key = from === 'client' ? d.c2s : d.s2c;
    const plaintext = JSON.stringify(obj);
    const nonce = sealNonce(n);
    const sealed = seal(key, nonce, Buffer.from(plaintext, 'utf8'));
    assert.equal(open(key, nonce, sealed).toString('utf8'), plaintext);
    sealedFrames.push({
      from,
      n,
      what,
      key: from === 'client' ? 'C2S' : 'S2C',
      nonceHex: hex(nonce),
      plaintext,
      plaintextHex: hex(Buffer.from(plaintext, 'utf8')),
      ciphertextAndTagHex: hex(sealed),
    });
  };
  sealOne('client', 0, 'auth', r.auth);
  assert.equal(sealedFrames[0].ciphertextAndTagHex, hex(r.sealedAuth));
  sealOne('server', 0, 'welcome', welcome);
  sealOne('client', 1, 'message', c.message);
  sealOne('server', 1, 'ack', ack);

  return {
    name: c.name,
    storeKeys: {
      client: c.client.keys,
      server: c.server.keys,
      chosen: K,
      chosenFingerprint: fingerprint(K),
      chosenPosition: { client: done.keyPos + 1, server: c.server.keys.indexOf(K) + 1 },
      note: 'K is the UTF-8 bytes of the chosen text in lower case (the hex digits, not the bytes they encode)',
    },
    refusedAttempts: attempts,
    attempt: done.number,
    client: side(c.client.id, a.client, r.clientPub),
    server: side(c.server.id, a.server, r.serverPub),
    serverTrials: r.trials,
    frames: {
      clientHello: hello(r.clientHello),
      serverHello: hello(r.serverHello),
      auth: hello(r.auth),
      welcome: hello(welcome),
      message: hello(c.message),
      ack: hello(ack),
    },
    transcriptHex: { T1: hex(r.T1), T2: hex(r.T2), T3: hex(r.T3), T4: hex(T4) },
    canonicalVectors: { auth: canonicalVector(a.authVector), welcome: canonicalVector(c.welcomeVector) },
    ...derivedValues(r, d),
    MAC_C: { hex: hex(r.MAC_C), base64: b64(r.MAC_C) },
    MAC_W: { hex: hex(MAC_W), base64: b64(MAC_W) },
    sealedFrames,
  };
}

// ------------------------------------------------------------------------------------------
// The two cases of §3.9

const K1 = 'f4b80b84dc921bbd066d96a2a79b6bc8703ff9b412617f012284c764f1d0d4da';
const K2 = 'c58c0cc4e45aa2042a2f6a2de426acacc14ddc137e8937f3b3c64116341fee45';
const K3 = 'd582fb6db6af1f630ae9900abe8ab719dab962fb5448da1429d491a409d811e4'; // openssl rand -hex 32

const PRODUCT_A = '0192f1c4-2a10-7b6e-9d3c-51a8e0f47b21';
const PRODUCT_B = '0192f1c4-2a10-7c02-8e4f-0b9d36a1c5e8';
const EMPLOYEE = '0192f1c3-ff00-7a41-b2c5-7de0196a3f84';

function transaction({ terminalId, counter, transactionId, at }) {
  // A sale of 2 × oat milk (7 % tax) and 1 × olive oil (19 % tax), paid by card.
  const lines = [
    { lineNo: 1, productId: PRODUCT_A, sku: '4006040012345', name: 'Oat drink 1 l', quantity: 2, unitPriceCents: 249, discountCents: 0, taxRateBp: 700, taxCents: 35, totalCents: 533 },
    { lineNo: 2, productId: PRODUCT_B, sku: '8001234567890', name: 'Olive oil extra virgin 0.75 l', quantity: 1, unitPriceCents: 1299, discountCents: 0, taxRateBp: 1900, taxCents: 247, totalCents: 1546 },
  ];
  const total = lines.reduce((s, l) => s + l.totalCents, 0);
  return {
    transactionId,
    receiptNumber: `${terminalId}-${String(counter).padStart(6, '0')}`,
    terminalId,
    employeeId: EMPLOYEE,
    subtotalCents: lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0),
    discountCents: 0,
    taxCents: lines.reduce((s, l) => s + l.taxCents, 0),
    totalCents: total,
    paidCents: total,
    changeCents: 0,
    status: 'completed',
    createdAt: at,
    hlcTime: at,
    hlcCounter: 0,
    lines,
    payments: [{ paymentNo: 1, method: 'card', amountCents: total, tenderedCents: total, changeCents: 0 }],
    stockChanges: lines.map((l) => ({ productId: l.productId, delta: -l.quantity })),
  };
}

const CASES = [
  {
    name: 'with clocks; the client holds K1, K2, the server only K2: the first attempt (under K1) is refused, the second completes under K2',
    client: { id: 'L1', keys: [K1, K2] },
    server: { id: 'L2', keys: [K2] },
    attempts: [
      // Attempt 1 (a connection of its own; §3.9 gives no inputs for it): fresh runs 10..2f,
      // 50..6f, 30..4f, 70..8f, one second before attempt 2.
      {
        client: { nonce: run(0x10), privateKey: run(0x50), clock: { clock: '2026-12-01T09:59:59.000Z', clockCorrectionMs: 0, clockStratum: 0 } },
        server: { nonce: run(0x30), privateKey: run(0x70), clock: { clock: '2026-12-01T09:59:59.250Z', clockCorrectionMs: -1500, clockStratum: 1 } },
        authVector: { L1: 5, L3: 2 },
        authClock: { clock: '2026-12-01T09:59:59.010Z', clockCorrectionMs: 0, clockStratum: 0 },
      },
      // Attempt 2: the inputs §3.9 lists
      {
        client: { nonce: run(0x00), privateKey: run(0x40), clock: { clock: '2026-12-01T10:00:00.000Z', clockCorrectionMs: 0, clockStratum: 0 } },
        server: { nonce: run(0x20), privateKey: run(0x60), clock: { clock: '2026-12-01T10:00:00.250Z', clockCorrectionMs: -1500, clockStratum: 1 } },
        authVector: { L1: 5, L3: 2 },
        authClock: { clock: '2026-12-01T10:00:00.010Z', clockCorrectionMs: 0, clockStratum: 0 },
      },
    ],
    expectChosen: K2,
    welcomeVector: { L1: 5, L2: 7 },
    message: {
      id: '019ad8f2-4c80-7a3e-9c41-2b7d5e8f0a16',
      fromTerminal: 'L1',
      topic: 'transaction',
      payload: transaction({ terminalId: 'L1', counter: 6, transactionId: '019ad8f2-4c7f-7d12-a5b0-93e4c1f2d607', at: '2026-12-01T10:00:01.000Z' }),
      timestamp: '2026-12-01T10:00:01.000Z',
      seq: 6,
    },
  },
  {
    name: 'no clocks, empty vectors, one key each',
    client: { id: 'front-lane.01', keys: [K3] },
    server: { id: 'L10', keys: [K3] },
    attempts: [{ client: { nonce: run(0x80), privateKey: run(0xc0) }, server: { nonce: run(0xa0), privateKey: run(0xe0) }, authVector: {} }],
    expectChosen: K3,
    welcomeVector: {},
    message: {
      id: '019ad9a1-0b3c-7f05-8a6d-4e2b91c7d358',
      fromTerminal: 'front-lane.01',
      topic: 'transaction',
      payload: transaction({ terminalId: 'front-lane.01', counter: 1, transactionId: '019ad9a1-0b3b-7e44-b1d9-6a05f2e8c411', at: '2026-12-01T11:30:00.000Z' }),
      timestamp: '2026-12-01T11:30:00.000Z',
      seq: 1,
    },
  },
];

selfCheck();

const doc = {
  description:
    'Protocol 3 (docs/PROTOCOL.md §3, without key tags) handshake and sealed frames worked through, computed with Node.js ' +
    'crypto by protocol/test-vectors/make-channel-vectors.mjs (which first checks X25519 against RFC 7748 §6.1, ' +
    'ChaCha20-Poly1305 against RFC 8439 §2.8.2 and HKDF-SHA256 against RFC 5869 A.1). Each case describes the ' +
    'connection attempt that completes the handshake: the store key texts each side holds (K is the UTF-8 bytes of the ' +
    'chosen text in lower case), its fingerprint (§3.6) and its position in each side\'s list; both sides\' terminal id, ' +
    'nonce, ephemeral X25519 private key (the raw 32 bytes given to X25519, which clamps them) and public key; ' +
    'serverTrials: the server\'s keys in its order, each with the C2S it derives and whether the client\'s sealed frame 0 ' +
    'opens under it (it stops at the first that opens, §3.1); the frames as JSON objects, and as the exact text (compact ' +
    'JSON, members in the order shown) that is sent (hellos: WebSocket text frames, no keyTags or keyIndex) or sealed ' +
    '(the others); the transcript contributions T1..T4 (§3.2: a hello is lp(id)‖lp(nonce)‖lp(key)‖the three clock ' +
    'fields), dh = X25519, H = SHA-256(T1‖T2), PRK = HMAC-SHA256(K, dh), the HKDF info ("euphoria-lane/3 keys"‖H), OKM ' +
    '(64 bytes), C2S = OKM[0..32), S2C = OKM[32..64), MAC_C and MAC_W; and four sealed frames (§3.5): client frame 0 = ' +
    'auth under C2S, server frame 0 = welcome under S2C, client frame 1 = a transaction message under C2S, server frame ' +
    '1 = its ack under S2C, each with its 12-byte nonce (4 zero bytes ‖ n as 8-byte little-endian), the plaintext, and ' +
    'ciphertext‖16-byte tag in hex (no associated data). refusedAttempts lists the connection attempts before it that ' +
    'the server refused because the auth opened under none of its keys: the store key the client used (§3.1: its first ' +
    'key, then its next after each such refusal), the hellos, T1..T3, dh, the client\'s H, PRK, info, OKM, C2S, S2C and ' +
    'MAC_C under that key, its sealed auth (client frame 0), the server\'s trials (none opens) and the server\'s refusal, ' +
    'sent as a WebSocket text frame. Case 1 is the worked example of §3.9: the client holds K1, K2, the server only K2; ' +
    'attempt 1 seals its auth under K1 and is refused; attempt 2 is a new connection under K2 and completes. §3.9 lists ' +
    'the inputs of attempt 2 only (nonce 00..1f, private key 40..5f for the client; 20..3f, 60..7f for the server); for ' +
    'attempt 1 this file chooses fresh runs (client nonce 10..2f, private key 50..6f; server nonce 30..4f, private key ' +
    '70..8f), clocks one second earlier (09:59:59.000Z, .250Z with -1500 and 1, auth .010Z) and the same auth vector. ' +
    'Case 2 has no clocks, empty vectors and one key each (one attempt).',
  generator: 'protocol/test-vectors/make-channel-vectors.mjs',
  cases: CASES.map(buildCase),
};
const text = JSON.stringify(doc, null, 2) + '\n';
if (process.argv.includes('--check')) {
  const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (old !== text) {
    console.error(`make-channel-vectors: ${OUT} differs from what this script computes`);
    process.exit(1);
  }
  console.log(`make-channel-vectors: ${OUT} is up to date`);
} else {
  fs.writeFileSync(OUT, text);
  console.log(`make-channel-vectors: RFC checks passed; wrote ${OUT}`);
}
