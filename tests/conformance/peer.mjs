// Independent conformance peer for the Euphoria Lane peer protocol, version 3 (and version 2,
// the plaintext protocol of §3.7, when a test asks for it).
//
// Written from docs/PROTOCOL.md, protocol/test-vectors/ and README.md only (no lane source).
// Everything here is plain Node.js (node:crypto) plus the `ws` package for WebSocket framing.

import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import { WebSocket, WebSocketServer } from 'ws';

export const PROTOCOL_VERSION = 3;
export const MAC_LABEL_2 = Buffer.from('euphoria-lane/2', 'ascii'); // §3.7: 15 ASCII bytes
export const MAC_LABEL_3 = Buffer.from('euphoria-lane/3', 'ascii'); // §3.2: 15 ASCII bytes
export const KEYS_INFO = Buffer.from('euphoria-lane/3 keys', 'ascii'); // §3.2: 20 ASCII bytes
export const MAX_FRAME = 1024 * 1024; // §2: 1 MiB
export const DEFAULT_TIMEOUT = 60_000;

const TERMINAL_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

// ---------------------------------------------------------------------------------------------
// §1 conventions

export function isTerminalId(s) {
  return typeof s === 'string' && TERMINAL_ID_RE.test(s);
}

export function isUuid(s) {
  return typeof s === 'string' && UUID_RE.test(s);
}

/** A time in one of the forms §1 says receivers accept. */
export function isTime(s) {
  return typeof s === 'string' && TIME_RE.test(s) && !Number.isNaN(Date.parse(s));
}

/** A time in the form lanes write (§1): YYYY-MM-DDTHH:MM:SS.mmmZ. */
export function isLaneTime(s) {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s);
}

/** Normalise an accepted time to the millisecond form used by the checksum (§11.1). */
export function toMillisForm(s) {
  const m = TIME_RE.exec(s);
  if (!m) throw new Error(`not a protocol time: ${s}`);
  const frac = (m[7] ?? '').padEnd(3, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${frac}Z`;
}

export function isProtocolInteger(n) {
  return typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= 2 ** 53;
}

export function nowTime(offsetMs = 0) {
  return new Date(Date.now() + offsetMs).toISOString(); // always .mmmZ
}

/** A version 7 UUID (§1: lanes generate v7; receivers accept any version). */
export function uuidv7() {
  const b = crypto.randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Strict standard base64 with padding (RFC 4648 §4): decodes, and re-encodes to the same text. */
export function decodeBase64Strict(s) {
  if (typeof s !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  const buf = Buffer.from(s, 'base64');
  return buf.toString('base64') === s ? buf : null;
}

// ---------------------------------------------------------------------------------------------
// §3.2 transcript (both versions)

export function lp(x) {
  const body = Buffer.isBuffer(x) ? x : Buffer.from(String(x), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  return Buffer.concat([len, body]);
}

/** Decimal form of an integer as §3.2 requires: `-` for negatives, no `+`, no leading zeros. */
export function decimal(n) {
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${n}`);
  return n === 0 ? '0' : String(n);
}

const CLOCK_MEMBERS = ['clock', 'clockCorrectionMs', 'clockStratum'];

export function clockMemberCount(frame) {
  return CLOCK_MEMBERS.filter((k) => Object.prototype.hasOwnProperty.call(frame, k)).length;
}

function clockFields(frame) {
  const n = clockMemberCount(frame);
  if (n === 0) return Buffer.concat([lp(''), lp(''), lp('')]);
  if (n !== 3) throw new Error('clock members: all three or none (§3.3)');
  return Buffer.concat([lp(frame.clock), lp(decimal(frame.clockCorrectionMs)), lp(decimal(frame.clockStratum))]);
}

export function compareBytes(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** §3.2 canonical vector: entries sorted by terminal id (byte order), `<id>=<seq>` joined by `,`. */
export function canonicalVector(vector) {
  return Object.keys(vector)
    .sort(compareBytes)
    .map((k) => `${k}=${decimal(vector[k])}`)
    .join(',');
}

function b64Field(s, len, what) {
  const b = decodeBase64Strict(s);
  if (!b || b.length !== len) throw new Error(`${what} is not base64 of ${len} bytes`);
  return b;
}

/** Protocol 2 hello contribution (§3.7: §3.2 without the key field). */
export function helloContribution2(hello) {
  return Buffer.concat([lp(Buffer.from(hello.terminalId, 'utf8')), lp(b64Field(hello.nonce, 32, 'hello nonce')), clockFields(hello)]);
}

/**
 * Protocol 3 hello contribution (§3.2, either hello: T1 or T2): lp(id) ‖ lp(nonce) ‖ lp(key) ‖ the
 * three clock fields. Other members (the keyTags / keyIndex of a draft) are not part of it.
 */
export function helloContribution3(hello) {
  return Buffer.concat([
    lp(Buffer.from(hello.terminalId, 'utf8')),
    lp(b64Field(hello.nonce, 32, 'hello nonce')),
    lp(b64Field(hello.key, 32, 'hello key')),
    clockFields(hello),
  ]);
}
export const clientHelloContribution = helloContribution3;
export const serverHelloContribution = helloContribution3;

export function authContribution(auth) {
  return Buffer.concat([lp(canonicalVector(auth.vector)), clockFields(auth)]);
}

export function welcomeContribution(welcome) {
  return lp(canonicalVector(welcome.vector));
}

/** §1: K is the UTF-8 bytes of the store key text in lower case (the hex digits, not what they encode). */
export function keyBytes(storeKey) {
  return Buffer.isBuffer(storeKey) ? storeKey : Buffer.from(String(storeKey).toLowerCase(), 'utf8');
}

function hmac(key, parts) {
  const h = crypto.createHmac('sha256', keyBytes(key));
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Protocol 2 MACs (§3.7). role: 'S', 'C' or 'W'; parts: T1.. in order. */
export function handshakeMac2(storeKey, role, parts) {
  return hmac(storeKey, [MAC_LABEL_2, Buffer.from(role, 'ascii'), ...parts]);
}

/** Protocol 3 MACs (§3.2). role: 'C' or 'W'. */
export function handshakeMac3(storeKey, role, parts) {
  return hmac(storeKey, [MAC_LABEL_3, Buffer.from(role, 'ascii'), ...parts]);
}

/**
 * The key tag of a draft of §3.1 (no longer part of the protocol): only to build hellos that carry
 * the draft's `keyTags` member, which a lane must ignore.
 */
export function draftKeyTag(storeKey, clientNonce) {
  return hmac(storeKey, [MAC_LABEL_3, Buffer.from('K', 'ascii'), clientNonce]).subarray(0, 16);
}

/** §3.6: the first 8 hex digits of SHA-256 of the key text (K: lower case). */
export function keyFingerprint(storeKey) {
  return crypto.createHash('sha256').update(keyBytes(storeKey)).digest('hex').slice(0, 8);
}

export function macEqual(expected, b64) {
  const got = decodeBase64Strict(b64);
  if (!got || got.length !== expected.length) return false;
  return crypto.timingSafeEqual(expected, got);
}

/** All contributions and MACs of a complete protocol 2 handshake (the four frames as sent). */
export function computeHandshake2(storeKey, [clientHello, serverHello, auth, welcome]) {
  const T1 = helloContribution2(clientHello);
  const T2 = helloContribution2(serverHello);
  const T3 = authContribution(auth);
  const T4 = welcomeContribution(welcome);
  return {
    transcript: [T1, T2, T3, T4],
    macS: handshakeMac2(storeKey, 'S', [T1, T2]),
    macC: handshakeMac2(storeKey, 'C', [T1, T2, T3]),
    macW: handshakeMac2(storeKey, 'W', [T1, T2, T3, T4]),
  };
}

// ---------------------------------------------------------------------------------------------
// §3.2 key exchange and derivation, §3.5 sealed frames

const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

/** An ephemeral X25519 key pair as raw 32-byte strings (or from given private bytes). */
export function x25519KeyPair(privateRaw) {
  const priv = privateRaw ?? crypto.randomBytes(32);
  const pk = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_X25519, priv]), format: 'der', type: 'pkcs8' });
  const spki = crypto.createPublicKey(pk).export({ type: 'spki', format: 'der' });
  return { privateKey: Buffer.from(priv), publicKey: Buffer.from(spki.subarray(SPKI_X25519.length)) };
}

/** X25519(private, public): 32 bytes; an all-zero result (small-order public key) comes back as zeros. */
export function x25519(privateRaw, publicRaw) {
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_X25519, privateRaw]), format: 'der', type: 'pkcs8' });
  const publicKey = crypto.createPublicKey({ key: Buffer.concat([SPKI_X25519, publicRaw]), format: 'der', type: 'spki' });
  try {
    return crypto.diffieHellman({ privateKey, publicKey });
  } catch {
    return Buffer.alloc(32); // OpenSSL refuses an all-zero shared secret
  }
}

/** §3.2 from dh, K and the hellos' contributions. */
export function deriveKeys(storeKey, dh, T1, T2) {
  const H = crypto.createHash('sha256').update(T1).update(T2).digest();
  const prk = hmac(storeKey, [dh]);
  const okm = Buffer.from(crypto.hkdfSync('sha256', dh, keyBytes(storeKey), Buffer.concat([KEYS_INFO, H]), 64));
  return { H, prk, okm, c2s: okm.subarray(0, 32), s2c: okm.subarray(32, 64) };
}

/** §3.5: 4 zero bytes ‖ n as an 8-byte little-endian integer. */
export function sealNonce(n) {
  const b = Buffer.alloc(12);
  b.writeBigUInt64LE(BigInt(n), 4);
  return b;
}

export function sealFrame(key, n, plaintext) {
  const c = crypto.createCipheriv('chacha20-poly1305', key, sealNonce(n), { authTagLength: 16 });
  const body = Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8');
  const ct = Buffer.concat([c.update(body), c.final()]);
  return Buffer.concat([ct, c.getAuthTag()]);
}

/** Opens a sealed frame; throws when it does not open. */
export function openFrame(key, n, sealed) {
  if (sealed.length < 16) throw new Error('sealed frame shorter than its tag');
  const d = crypto.createDecipheriv('chacha20-poly1305', key, sealNonce(n), { authTagLength: 16 });
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}

/** Every intermediate value of a protocol 3 handshake from the four frames and the private keys (test vectors). */
export function computeHandshake3(storeKey, [clientHello, serverHello, auth, welcome], { clientPrivateKey, serverPrivateKey }) {
  const T1 = clientHelloContribution(clientHello);
  const T2 = serverHelloContribution(serverHello);
  const T3 = authContribution(auth);
  const T4 = welcomeContribution(welcome);
  const dhC = x25519(clientPrivateKey, decodeBase64Strict(serverHello.key));
  const dhS = x25519(serverPrivateKey, decodeBase64Strict(clientHello.key));
  if (!dhC.equals(dhS)) throw new Error('the two sides compute different dh');
  return {
    transcript: [T1, T2, T3, T4],
    dh: dhC,
    ...deriveKeys(storeKey, dhC, T1, T2),
    macC: handshakeMac3(storeKey, 'C', [T1, T2, T3]),
    macW: handshakeMac3(storeKey, 'W', [T1, T2, T3, T4]),
  };
}

// ---------------------------------------------------------------------------------------------
// §11 inventory checksum and buckets

export function checksumLine(r) {
  return `${r.productId}|${decimal(r.currentStock)}|${toMillisForm(r.lastUpdated)}|${decimal(r.hlcCounter ?? 0)}\n`;
}

export function sortRecords(records) {
  return [...records].sort((a, b) => compareBytes(a.productId, b.productId));
}

export function inventoryChecksum(records) {
  const h = crypto.createHash('sha256');
  for (const r of sortRecords(records)) h.update(checksumLine(r), 'utf8');
  return h.digest('hex');
}

export function bucketOf(productId) {
  let v = 0;
  for (let i = 0; i < 3; i++) {
    const c = productId[i] ?? '0';
    const d = /[0-9a-fA-F]/.test(c) ? parseInt(c, 16) : c.codePointAt(0) % 16;
    v = v * 16 + d;
  }
  return v;
}

/** §11.2: 4096 bucket hashes as lowercase hex (65,536 characters). */
export function bucketHashes(records) {
  const per = new Map();
  for (const r of sortRecords(records)) {
    const b = bucketOf(r.productId);
    if (!per.has(b)) per.set(b, []);
    per.get(b).push(checksumLine(r));
  }
  const out = Buffer.alloc(4096 * 8);
  for (const [b, lines] of per) {
    crypto.createHash('sha256').update(lines.join(''), 'utf8').digest().copy(out, b * 8, 0, 8);
  }
  return out.toString('hex');
}

// ---------------------------------------------------------------------------------------------
// Waiting for conditions

/** Resolve with fn()'s first truthy value, re-evaluated on every `emitter` 'update' event and every 250 ms. */
export function waitUntil(fn, { timeout = DEFAULT_TIMEOUT, what = 'condition', emitter } = {}) {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = async () => {
      if (done) return;
      try {
        const v = await fn();
        if (v && !done) {
          finish();
          resolve(v);
        }
      } catch (e) {
        finish();
        reject(e);
      }
    };
    const timer = setTimeout(() => {
      if (done) return;
      finish();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
    }, timeout);
    const poll = setInterval(check, 250);
    const finish = () => {
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      emitter?.off('update', check);
    };
    emitter?.on('update', check);
    check();
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// A connection: every frame received is kept in order. Once the channel's keys exist (protocol 3),
// binary frames are opened with the receive key and counter (§3.5) and kept like text frames;
// each received frame carries non-enumerable `_raw` (its JSON text), `_sealed` (it came in a
// sealed binary frame) and, for a text frame after the hellos, `_plain`.

export class PeerConn extends EventEmitter {
  constructor(ws, { label = 'peer' } = {}) {
    super();
    this.setMaxListeners(1000);
    this.ws = ws;
    this.label = label;
    /** Every received frame, parsed (or {_bad: text} when it is not a JSON object). */
    this.frames = [];
    this.binaryFrames = 0;
    /** Text frames received after the channel's keys existed (protocol 3: none allowed, §3.5). */
    this.textAfterHellos = 0;
    /** Sealed frames from the lane that did not open: [{n, length}]. */
    this.openFailures = [];
    this.pendingBinary = [];
    this.channel = null; // {sendKey, recvKey, sendN, recvN}
    this.closed = null; // {code, reason}
    this.autoAck = false;
    this.ready = false;
    this.sent = [];
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.binaryFrames++;
        const buf = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
        if (this.channel) this.#openBinary(buf);
        else this.pendingBinary.push(buf);
      } else {
        this.#accept(data.toString('utf8'), { plain: !!this.channel });
        if (this.channel) this.textAfterHellos++;
      }
      this.emit('update');
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString('utf8') };
      this.emit('update');
    });
    ws.on('error', (e) => {
      this.wsError = e;
      this.emit('update');
    });
  }

  #accept(text, { sealed = false, plain = false, n } = {}) {
    let f;
    try {
      f = JSON.parse(text);
    } catch {
      f = undefined;
    }
    if (!f || typeof f !== 'object' || Array.isArray(f)) f = { _bad: text };
    Object.defineProperty(f, '_raw', { value: text, enumerable: false });
    Object.defineProperty(f, '_sealed', { value: sealed, enumerable: false });
    Object.defineProperty(f, '_plain', { value: plain, enumerable: false });
    if (n !== undefined) Object.defineProperty(f, '_n', { value: n, enumerable: false });
    this.frames.push(f);
    if (this.ready && this.autoAck && isMessage(f)) this.send({ type: 'ack', messageId: f.id });
  }

  #openBinary(buf) {
    const n = this.channel.recvN;
    let text;
    try {
      text = openFrame(this.channel.recvKey, n, buf).toString('utf8');
    } catch {
      this.openFailures.push({ n, length: buf.length });
      return;
    }
    this.channel.recvN++;
    this.#accept(text, { sealed: true, n });
  }

  /** The keys exist (§3.2): every later frame is sealed both ways. */
  setChannel({ sendKey, recvKey }) {
    this.channel = { sendKey: Buffer.from(sendKey), recvKey: Buffer.from(recvKey), sendN: 0, recvN: 0 };
    const pending = this.pendingBinary;
    this.pendingBinary = [];
    for (const b of pending) this.#openBinary(b);
    this.emit('update');
  }

  /**
   * The handshake completed; frames from `readyIndex` on came after the welcome. With autoAck, the
   * messages among them that arrived before this call (in the same read as the welcome) are acked
   * now; later ones as they arrive.
   */
  markReady(readyIndex) {
    this.ready = true;
    this.readyIndex = readyIndex;
    if (this.autoAck) for (const f of this.frames.slice(readyIndex)) if (isMessage(f)) this.send({ type: 'ack', messageId: f.id });
    this.emit('update');
  }

  get isOpen() {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a frame: sealed once the channel's keys exist, else as a text frame. */
  send(obj) {
    const text = JSON.stringify(obj);
    if (this.channel) this.sendSealed(text);
    else this.sendRaw(text);
  }

  /** Seals `text` as our next frame (counter + 1) and returns the bytes without sending them. */
  seal(text) {
    if (!this.channel) throw new Error('no channel keys yet');
    return sealFrame(this.channel.sendKey, this.channel.sendN++, text);
  }

  sendSealed(text) {
    this.sendRaw(this.seal(text), { binary: true });
  }

  /** Sends bytes or a text as they are (a text frame unless opts.binary). */
  sendRaw(data, opts = {}) {
    this.sent.push(data);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data, opts);
  }

  /** Wait for a frame matching pred at index >= from; returns the frame. */
  async next(pred, { timeout = DEFAULT_TIMEOUT, from = 0, what = 'a frame' } = {}) {
    return waitUntil(
      () => {
        for (let i = from; i < this.frames.length; i++) if (pred(this.frames[i])) return this.frames[i];
        if (this.closed) throw new Error(`${this.label}: connection closed (${this.closed.code} ${this.closed.reason}) while waiting for ${what}; frames: ${this.describeFrames()}`);
        return undefined;
      },
      { timeout, what: `${this.label}: ${what}`, emitter: this },
    );
  }

  async waitClosed({ timeout = DEFAULT_TIMEOUT } = {}) {
    return waitUntil(() => this.closed, { timeout, what: `${this.label}: close`, emitter: this });
  }

  messages() {
    return this.frames.filter(isMessage);
  }

  frameTypes() {
    return this.frames.map((f) => f.type ?? (isMessage(f) ? 'message' : '?'));
  }

  describeFrames(n = 20) {
    return this.frames
      .slice(-n)
      .map((f) => (f._sealed ? '[sealed] ' : '') + (f._raw ?? JSON.stringify(f)).slice(0, 300))
      .join('\n  ');
  }

  /**
   * Closes the connection. On a ready protocol 3 connection it first sends a sealed error frame
   * (§3.5 "Closing": a side that stops sends a sealed `error`); `sealedClose: false` skips it.
   */
  close({ sealedClose = true, reason = 'conformance peer closing' } = {}) {
    try {
      if (sealedClose && this.channel && this.ready && this.isOpen) this.send({ type: 'error', reason });
      this.ws.close(1000);
    } catch {
      /* ignore */
    }
  }

  /** Drops the TCP connection without any close frame. */
  terminate() {
    try {
      this.ws.terminate();
    } catch {
      /* ignore */
    }
  }
}

export function isMessage(f) {
  return f && typeof f === 'object' && !Array.isArray(f) && f.type === undefined && !('_bad' in f) && typeof f.id === 'string';
}

export function openWs(url, { label } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024, perMessageDeflate: false });
    const conn = new PeerConn(ws, { label: label ?? url });
    ws.once('open', () => resolve(conn));
    ws.once('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Handshake frames

/** Store keys of a peer: opts.storeKeys (preferred first) or opts.storeKey (one text, or "new,old"). */
export function keysOf(opts) {
  if (Array.isArray(opts.storeKeys)) return opts.storeKeys;
  if (Array.isArray(opts.storeKey)) return opts.storeKey;
  return String(opts.storeKey)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function makeHello({ terminalId, nonce, clock, protocol = PROTOCOL_VERSION }) {
  const f = { type: 'hello', protocol, terminalId, nonce: (nonce ?? crypto.randomBytes(32)).toString('base64') };
  Object.assign(f, clockMembers(clock));
  return f;
}

/**
 * A protocol 3 hello (§3.1: type, protocol, terminalId, nonce, key, clock members; nothing derived
 * from a store key), with its ephemeral key pair and nonce (non-enumerable `_secret`). `keys` is
 * accepted and unused (callers of the draft passed it).
 */
export function makeHello3({ terminalId, clock, nonce, keyPair }) {
  const n = nonce ?? crypto.randomBytes(32);
  const kp = keyPair ?? x25519KeyPair();
  const f = { type: 'hello', protocol: 3, terminalId, nonce: n.toString('base64'), key: kp.publicKey.toString('base64') };
  Object.assign(f, clockMembers(clock));
  Object.defineProperty(f, '_secret', { value: { nonce: n, keyPair: kp }, enumerable: false });
  return f;
}

/** clock: undefined/false = no members; true = now with correction 0 and stratum 0; or an object. */
export function clockMembers(clock) {
  if (!clock) return {};
  if (clock === true) return { clock: nowTime(), clockCorrectionMs: 0, clockStratum: 0 };
  return { ...clock };
}

function clockProblems(h, p) {
  const c = clockMemberCount(h);
  if (c !== 0 && c !== 3) p.push('clock members not all three or none');
  if (c === 3) {
    if (!isTime(h.clock)) p.push(`clock ${h.clock}`);
    if (!Number.isInteger(h.clockCorrectionMs) || Math.abs(h.clockCorrectionMs) > 100 * 366 * 86_400_000) p.push('clockCorrectionMs');
    if (!Number.isInteger(h.clockStratum) || h.clockStratum < 0 || h.clockStratum > 16) p.push('clockStratum');
  }
}

/**
 * Checks the members a hello must have (§3.1, or §3.7 for protocol 2); returns a list of problems.
 * Members §3.1 does not name (keyTags, keyIndex of the draft) are ignored.
 */
export function helloProblems(h, { server, protocol = PROTOCOL_VERSION }) {
  const p = [];
  if (h.type !== 'hello') p.push('type is not hello');
  if (h.protocol !== protocol) p.push(`protocol ${h.protocol}`);
  if (!isTerminalId(h.terminalId)) p.push(`terminalId ${h.terminalId}`);
  const n = decodeBase64Strict(h.nonce);
  if (!n || n.length !== 32) p.push(`nonce ${h.nonce}`);
  clockProblems(h, p);
  if (protocol === 2) {
    if (server) {
      const m = decodeBase64Strict(h.mac);
      if (!m || m.length !== 32) p.push('mac is not base64 of 32 bytes');
    } else if ('mac' in h) p.push('client hello carries mac');
    if ('key' in h) p.push('protocol 2 hello carries key');
    return p;
  }
  const k = decodeBase64Strict(h.key);
  if (!k || k.length !== 32) p.push(`key ${h.key}`);
  if ('mac' in h) p.push(server ? 'a protocol 3 server hello carries no mac' : 'client hello must not carry a mac');
  return p;
}

/** §3.1's refusal when the client's auth opened under none of the server's keys (a text frame). */
export const noKeyReason = (clientId) => `no store key in common with ${clientId} (its auth opened under none of this lane's keys)`;
export const NO_KEY_RE = /^no store key in common with \S+ \(its auth opened under none of this lane's keys\)$/;

/**
 * A client's choice of store key across connection attempts (§3.1): its first key; after a
 * connection refused with "no store key in common", its next key (in order, wrapping around);
 * after a connection that completed the handshake, its first key again.
 */
export class KeyChooser {
  constructor(keys) {
    this.keys = [...keys];
    this.position = 0;
    this.history = []; // [{position, outcome: 'refused' | 'completed' | 'other'}]
  }
  key() {
    return this.keys[this.position];
  }
  refused() {
    this.history.push({ position: this.position, outcome: 'refused' });
    this.position = (this.position + 1) % this.keys.length;
  }
  completed() {
    this.history.push({ position: this.position, outcome: 'completed' });
    this.position = 0;
  }
  other() {
    this.history.push({ position: this.position, outcome: 'other' });
  }
}

export function vectorProblems(v) {
  const p = [];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return ['vector is not an object'];
  const keys = Object.keys(v);
  if (keys.length > 1000) p.push('more than 1000 entries');
  for (const k of keys) {
    if (!isTerminalId(k)) p.push(`bad terminal id ${k}`);
    if (!Number.isInteger(v[k]) || v[k] < 0) p.push(`bad seq ${k}=${v[k]}`);
  }
  return p;
}

export class HandshakeError extends Error {}

/**
 * Client side of §3 over an open connection (protocol 3 unless opts.protocol is 2).
 * opts: storeKey / storeKeys, keyChooser (a KeyChooser kept across attempts; else a new one: the
 *   first key), keyPosition (use this key of the list, whatever the chooser says), terminalId,
 *   vector ({}), clock (see clockMembers), authClock, protocol,
 *   tamper: { helloExtra (members added to the hello), helloOmit (member names removed),
 *   publicKey (raw bytes sent instead of ours), authVectorSent (vector put in the frame after the
 *   MAC was computed over opts.vector), macC(buf)->buf, authBytes(buf)->buf (the sealed auth as
 *   sent), authAsText (send the auth unsealed), authKey (seal the auth under the keys of this
 *   store key and MAC it with it), skipAuth, noWelcomeWait, ignoreMacS (protocol 2) }
 * Returns { hello, serverHello, auth, welcome, transcript, storeKey, keyPosition, derived } or
 * throws HandshakeError (`refusal`: the server's error frame, `noKeyInCommon`: it was §3.1's).
 * The connection stays for inspection; our own refusals (a text frame other than an error after
 * the hellos, a welcome that does not open or fails MAC_W) are sent sealed before closing.
 */
export async function clientHandshake(conn, opts) {
  if ((opts.protocol ?? PROTOCOL_VERSION) === 2) return clientHandshake2(conn, opts);
  const tamper = opts.tamper ?? {};
  const chooser = opts.keyChooser ?? new KeyChooser(keysOf(opts));
  const keyPosition = opts.keyPosition ?? chooser.position;
  const K = tamper.authKey ?? chooser.keys[keyPosition];
  const hello = makeHello3({ terminalId: opts.terminalId, clock: opts.clock });
  const secret = hello._secret;
  if (tamper.publicKey) hello.key = Buffer.from(tamper.publicKey).toString('base64');
  if (opts.protocol !== undefined) hello.protocol = opts.protocol;
  Object.assign(hello, tamper.helloExtra ?? {});
  for (const k of tamper.helloOmit ?? []) delete hello[k];
  conn.clientHello = hello;
  conn.send(hello);
  const serverHello = await conn.next((f) => f.type === 'hello' || f.type === 'error', { what: 'server hello', timeout: opts.timeout });
  if (serverHello.type === 'error') throw refusedBy(serverHello, chooser, opts);
  conn.serverHello = serverHello;
  const probs = helloProblems(serverHello, { server: true });
  if (probs.length) throw new HandshakeError(`bad handshake frame: ${probs.join('; ')}`);
  const T1 = helloContribution3(hello);
  const T2 = helloContribution3(serverHello);
  const dh = x25519(secret.keyPair.privateKey, decodeBase64Strict(serverHello.key));
  if (dh.equals(Buffer.alloc(32))) throw new HandshakeError("peer's key exchange value is invalid");
  const derived = deriveKeys(K, dh, T1, T2);
  const afterHellos = conn.frames.indexOf(serverHello) + 1;
  conn.setChannel({ sendKey: derived.c2s, recvKey: derived.s2c });
  conn.storeKeyUsed = K;
  conn.keyPosition = keyPosition;
  const vector = opts.vector ?? {};
  const authBase = { type: 'auth', vector, ...clockMembers(opts.authClock ?? opts.clock) };
  const T3 = authContribution(authBase);
  let macC = handshakeMac3(K, 'C', [T1, T2, T3]);
  if (tamper.macC) macC = tamper.macC(macC);
  const auth = { ...authBase, mac: macC.toString('base64') };
  if (tamper.authVectorSent) auth.vector = tamper.authVectorSent;
  const result = { hello, serverHello, auth, storeKey: K, keyPosition, derived };
  if (tamper.skipAuth) return result;
  if (tamper.authAsText) conn.sendRaw(JSON.stringify(auth));
  else {
    let bytes = conn.seal(JSON.stringify(auth));
    if (tamper.authBytes) bytes = tamper.authBytes(bytes);
    conn.sendRaw(bytes, { binary: true });
  }
  if (tamper.noWelcomeWait) return result;
  const peer = serverHello.terminalId;
  // Until the welcome: a sealed welcome, an error (text: the refusal of our auth; or sealed), a
  // text frame of another kind (refused), or a sealed frame that does not open (refused).
  const first = await waitUntil(
    () => {
      const f = conn.frames.slice(afterHellos).find(() => true);
      if (f) return f;
      if (conn.openFailures.length) return 'unopened';
      if (conn.closed) throw new HandshakeError(`closed (${conn.closed.code} ${conn.closed.reason}) before the welcome; frames: ${conn.describeFrames()}`);
      return undefined;
    },
    { what: `${conn.label}: welcome`, emitter: conn, timeout: opts.timeout },
  );
  if (first === 'unopened') refuseAsClient(conn, `sealed frame 0 from ${peer} failed authentication (altered, injected, replayed or reordered)`);
  if (first.type === 'error') throw refusedBy(first, chooser, opts);
  if (!first._sealed) refuseAsClient(conn, 'text frame on an encrypted connection');
  if (first.type !== 'welcome') refuseAsClient(conn, 'unexpected frame during the handshake');
  const welcome = first;
  const vp = vectorProblems(welcome.vector);
  if (vp.length) refuseAsClient(conn, `bad handshake frame: welcome vector: ${vp.join('; ')}`);
  const T4 = welcomeContribution(welcome);
  const macW = handshakeMac3(K, 'W', [T1, T2, T3, T4]);
  if (!macEqual(macW, welcome.mac)) refuseAsClient(conn, "server's welcome failed the transcript MAC");
  if (opts.keyPosition === undefined && !tamper.authKey) chooser.completed();
  conn.peerId = peer;
  conn.peerVector = welcome.vector;
  conn.markReady(conn.frames.indexOf(welcome) + 1);
  return { ...result, welcome, transcript: [T1, T2, T3, T4] };
}

/** The server's error frame as a HandshakeError; a §3.1 "no store key in common" moves the chooser on. */
function refusedBy(frame, chooser, opts) {
  const e = new HandshakeError(`server sent error: ${frame.reason}`);
  e.refusal = frame;
  e.noKeyInCommon = NO_KEY_RE.test(String(frame.reason));
  if (opts.keyPosition === undefined && !opts.tamper?.authKey) {
    if (e.noKeyInCommon) chooser.refused();
    else chooser.other();
  }
  return e;
}

/** Our refusal as a client that holds the keys (§3.5: sealed), then close. */
function refuseAsClient(conn, reason) {
  try {
    conn.send({ type: 'error', reason });
    conn.ws.close(1008, reason.slice(0, 100));
  } catch {
    /* ignore */
  }
  throw new HandshakeError(reason);
}

/** Protocol 2 client (§3.7): the server proves the key first with MAC_S; no channel. */
async function clientHandshake2(conn, opts) {
  const tamper = opts.tamper ?? {};
  const K = keysOf(opts)[0];
  const hello = { ...makeHello({ terminalId: opts.terminalId, clock: opts.clock, protocol: 2 }), ...(tamper.helloExtra ?? {}) };
  conn.plaintext = true;
  conn.send(hello);
  const serverHello = await conn.next((f) => f.type === 'hello' || f.type === 'error', { what: 'server hello', timeout: opts.timeout });
  if (serverHello.type === 'error') throw new HandshakeError(`server sent error: ${serverHello.reason}`);
  const probs = helloProblems(serverHello, { server: true, protocol: 2 });
  if (probs.length) throw new HandshakeError(`server hello: ${probs.join('; ')}`);
  const T1 = helloContribution2(hello);
  const T2 = helloContribution2(serverHello);
  const macS = handshakeMac2(K, 'S', [T1, T2]);
  const macSOk = macEqual(macS, serverHello.mac);
  if (!macSOk && !tamper.ignoreMacS) throw new HandshakeError('server hello failed MAC_S');
  const vector = opts.vector ?? {};
  const authBase = { type: 'auth', vector, ...clockMembers(opts.authClock ?? opts.clock) };
  const T3 = authContribution(authBase);
  let macC = handshakeMac2(K, 'C', [T1, T2, T3]);
  if (tamper.macC) macC = tamper.macC(macC);
  const auth = { ...authBase, mac: macC.toString('base64') };
  if (tamper.authVectorSent) auth.vector = tamper.authVectorSent;
  if (tamper.skipAuth) return { hello, serverHello, macSOk };
  conn.send(auth);
  if (tamper.noWelcomeWait) return { hello, serverHello, auth, macSOk };
  const welcome = await conn.next((f) => f.type === 'welcome' || f.type === 'error', { what: 'welcome', timeout: opts.timeout });
  if (welcome.type === 'error') throw new HandshakeError(`server sent error: ${welcome.reason}`);
  const vp = vectorProblems(welcome.vector);
  if (vp.length) throw new HandshakeError(`welcome vector: ${vp.join('; ')}`);
  const T4 = welcomeContribution(welcome);
  const macW = handshakeMac2(K, 'W', [T1, T2, T3, T4]);
  if (!macEqual(macW, welcome.mac)) throw new HandshakeError('welcome failed MAC_W');
  conn.peerId = serverHello.terminalId;
  conn.peerVector = welcome.vector;
  conn.markReady(conn.frames.indexOf(welcome) + 1);
  return { hello, serverHello, auth, welcome, transcript: [T1, T2, T3, T4], macSOk };
}

/** Open a connection and complete the client handshake. */
export async function connectPeer(url, opts) {
  const conn = await openWs(url, { label: `${opts.terminalId}->${url}` });
  conn.autoAck = opts.autoAck ?? false;
  const hs = await clientHandshake(conn, opts);
  return { conn, ...hs };
}

/**
 * Connection attempts as a client with several store keys (§3.1): one attempt after another (each
 * a new connection) with the same KeyChooser until one completes; returns the completed one and
 * `attempts`: [{ keyPosition, refusal (the error frame) | undefined, conn }].
 */
export async function connectWithKeys(url, opts, { maxAttempts = 4 } = {}) {
  const chooser = opts.keyChooser ?? new KeyChooser(keysOf(opts));
  const attempts = [];
  for (let i = 0; i < maxAttempts; i++) {
    const keyPosition = chooser.position;
    const conn = await openWs(url, { label: `${opts.terminalId}->${url}#${i + 1}` });
    conn.autoAck = opts.autoAck ?? false;
    try {
      const hs = await clientHandshake(conn, { ...opts, keyChooser: chooser });
      attempts.push({ keyPosition, conn });
      return { conn, ...hs, attempts, keyChooser: chooser };
    } catch (e) {
      attempts.push({ keyPosition, conn, refusal: e.refusal, error: e });
      if (!e.noKeyInCommon) throw e;
      await conn.waitClosed().catch(() => {});
    }
  }
  throw new HandshakeError(`no attempt of ${maxAttempts} completed: ${attempts.map((a) => a.error?.message).join(' | ')}`);
}

/**
 * A peer that lanes dial (§2/§3 server side), on 127.0.0.1 and a free port.
 * opts: storeKey / storeKeys (ours, in our order), terminalId, vector (or a function of the
 *   connection index), clock, autoAck, plaintext (accept protocol 2 hellos: §3.7), probeKeys (keys
 *   we do not hold, tried after ours only to record in `conn.clientUsedKey` which key a refused
 *   client sealed its auth under),
 *   tamper (object or function of the connection index): { publicKey (raw bytes sent instead of
 *   ours), helloExtra (members added to our hello), helloOmit, expectHelloRefusal (default: when
 *   the hello is tampered with beyond ignored members), macW(buf)->buf, welcomeVectorSent,
 *   welcomeBytes(buf)->buf, welcomeAsText, textBeforeWelcome (a text frame sent instead of the
 *   welcome), protocol, and for protocol 2: wrongKey, macS(buf)->buf }
 * Each connection is pushed to `connections` with `handshake` = a promise of the outcome.
 */
export class PeerServer extends EventEmitter {
  constructor(opts) {
    super();
    this.setMaxListeners(1000);
    this.opts = opts;
    this.connections = [];
  }

  async listen() {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024, perMessageDeflate: false });
    await new Promise((resolve, reject) => {
      this.wss.once('listening', resolve);
      this.wss.once('error', reject);
    });
    this.port = this.wss.address().port;
    this.url = `ws://127.0.0.1:${this.port}`;
    this.wss.on('connection', (ws) => {
      const conn = new PeerConn(ws, { label: `${this.opts.terminalId}<-lane#${this.connections.length + 1}` });
      conn.autoAck = this.opts.autoAck ?? false;
      conn.handshake = this.#serve(conn).then(
        (r) => ({ ok: true, ...r }),
        (e) => ({ ok: false, error: e }),
      );
      this.connections.push(conn);
      this.emit('update');
    });
    return this;
  }

  #refuse(conn, reason) {
    conn.send({ type: 'error', reason });
    try {
      conn.ws.close(1008, reason.slice(0, 100));
    } catch {
      /* ignore */
    }
    throw new HandshakeError(reason);
  }

  async #serve(conn) {
    const o = this.opts;
    const index = this.connections.length; // 0-based: this connection is pushed after this call
    const tamper = (typeof o.tamper === 'function' ? o.tamper(index) : o.tamper) ?? {};
    const hello = await conn.next(() => true, { what: 'client hello' });
    conn.clientHello = hello;
    if (hello.protocol === 2) {
      if (!o.plaintext) this.#refuse(conn, 'protocol version 2 (plaintext) is accepted only from lanes listed in plaintextPeers; this lane speaks 3');
      return this.#serve2(conn, hello, tamper, index);
    }
    const probs = helloProblems(hello, { server: false });
    if (probs.length) this.#refuse(conn, `bad handshake frame: client hello: ${probs.join('; ')}`);
    const keys = keysOf(o);
    // §3.1: our hello carries nothing derived from a store key; we choose no key before the auth
    const kp = x25519KeyPair();
    const sh = { type: 'hello', protocol: tamper.protocol ?? 3, terminalId: o.terminalId, nonce: crypto.randomBytes(32).toString('base64'), key: (tamper.publicKey ?? kp.publicKey).toString('base64'), ...clockMembers(o.clock) };
    Object.assign(sh, tamper.helloExtra ?? {});
    for (const k of tamper.helloOmit ?? []) delete sh[k];
    conn.send(sh);
    conn.serverHello = sh;
    const refusalExpected = tamper.expectHelloRefusal ?? !!(tamper.publicKey || tamper.helloOmit || tamper.protocol || 'mac' in (tamper.helloExtra ?? {}));
    if (refusalExpected) {
      // The lane should refuse this hello; wait for what it does.
      await conn.waitClosed();
      throw new HandshakeError('tampered server hello');
    }
    const T1 = helloContribution3(hello);
    const T2 = helloContribution3(sh);
    const dh = x25519(kp.privateKey, decodeBase64Strict(hello.key));
    if (dh.equals(Buffer.alloc(32))) this.#refuse(conn, "peer's key exchange value is invalid");
    // The client's frame 0: a binary frame (kept unopened until we know the key), or a text frame
    const first = await waitUntil(
      () => {
        if (conn.pendingBinary.length) return 'binary';
        const f = conn.frames.find((x) => x !== hello);
        if (f) return f;
        if (conn.closed) throw new HandshakeError(`closed (${conn.closed.code} ${conn.closed.reason}) before the auth`);
        return undefined;
      },
      { what: `${conn.label}: auth`, emitter: conn },
    );
    if (first !== 'binary') {
      if (first.type === 'error') throw new HandshakeError(`lane sent error: ${first.reason}`);
      this.#refuse(conn, 'text frame on an encrypted connection'); // a text frame: we hold no keys yet
    }
    // §3.1: derive the keys under each of our store keys in our order; the first under which the
    // client's frame 0 opens is K
    const frame0 = conn.pendingBinary[0];
    const opensUnder = (storeKey) => {
      const d = deriveKeys(storeKey, dh, T1, T2);
      try {
        openFrame(d.c2s, 0, frame0);
        return d;
      } catch {
        return null;
      }
    };
    conn.trials = [];
    let K;
    let derived;
    for (const mine of keys) {
      const d = opensUnder(mine);
      conn.trials.push({ storeKey: mine, opens: !!d });
      if (d) {
        K = mine;
        derived = d;
        break;
      }
    }
    if (!K) {
      for (const k of o.probeKeys ?? []) if (opensUnder(k)) conn.clientUsedKey = k;
      this.#refuse(conn, noKeyReason(hello.terminalId)); // a text frame (§3.5)
    }
    conn.clientUsedKey = K;
    conn.storeKeyUsed = K;
    conn.keyPosition = keys.indexOf(K);
    conn.setChannel({ sendKey: derived.s2c, recvKey: derived.c2s });
    const auth = conn.frames.find((x) => x !== hello && x._sealed);
    if (!auth) this.#refuse(conn, `sealed frame 0 from ${hello.terminalId} failed authentication (altered, injected, replayed or reordered)`);
    if (auth.type === 'error') throw new HandshakeError(`lane sent error: ${auth.reason}`);
    if (auth.type !== 'auth') this.#refuse(conn, 'unexpected frame during the handshake');
    const vp = vectorProblems(auth.vector);
    if (vp.length) this.#refuse(conn, `bad handshake frame: auth vector: ${vp.join('; ')}`);
    const T3 = authContribution(auth);
    const macC = handshakeMac3(K, 'C', [T1, T2, T3]);
    if (!macEqual(macC, auth.mac)) this.#refuse(conn, 'client failed to prove the store key');
    conn.auth = auth;
    const vector = typeof o.vector === 'function' ? o.vector(index) : (o.vector ?? {});
    const welcome = { type: 'welcome', vector };
    const T4 = welcomeContribution(welcome);
    let macW = handshakeMac3(K, 'W', [T1, T2, T3, T4]);
    if (tamper.macW) macW = tamper.macW(macW);
    welcome.mac = macW.toString('base64');
    if (tamper.welcomeVectorSent) welcome.vector = tamper.welcomeVectorSent;
    if (tamper.textBeforeWelcome) {
      conn.sendRaw(JSON.stringify(tamper.textBeforeWelcome));
      await conn.waitClosed();
      throw new HandshakeError('text frame instead of the welcome');
    }
    if (tamper.welcomeAsText) conn.sendRaw(JSON.stringify(welcome));
    else {
      let bytes = conn.seal(JSON.stringify(welcome));
      if (tamper.welcomeBytes) bytes = tamper.welcomeBytes(bytes);
      conn.sendRaw(bytes, { binary: true });
    }
    conn.ready = true;
    conn.peerId = hello.terminalId;
    conn.peerVector = auth.vector;
    conn.readyIndex = conn.frames.length;
    conn.emit('update');
    return { clientHello: hello, serverHello: sh, auth, welcome, transcript: [T1, T2, T3, T4], storeKey: K, keyPosition: conn.keyPosition, trials: conn.trials, derived };
  }

  async #serve2(conn, hello, tamper, index) {
    const o = this.opts;
    conn.plaintext = true;
    const K = tamper.wrongKey ?? keysOf(o)[0];
    const probs = helloProblems(hello, { server: false, protocol: 2 });
    if (probs.length) throw new HandshakeError(`client hello: ${probs.join('; ')}`);
    const sh = makeHello({ terminalId: o.terminalId, clock: o.clock, protocol: tamper.protocol ?? 2 });
    const T1 = helloContribution2(hello);
    const T2 = helloContribution2(sh);
    let macS = handshakeMac2(K, 'S', [T1, T2]);
    if (tamper.macS) macS = tamper.macS(macS);
    sh.mac = macS.toString('base64');
    conn.send(sh);
    const auth = await conn.next((f) => f !== hello, { what: 'auth' });
    if (auth.type === 'error') throw new HandshakeError(`lane sent error: ${auth.reason}`);
    if (auth.type !== 'auth') throw new HandshakeError(`expected auth, got ${auth._raw}`);
    const vp = vectorProblems(auth.vector);
    if (vp.length) throw new HandshakeError(`auth vector: ${vp.join('; ')}`);
    const T3 = authContribution(auth);
    const macC = handshakeMac2(keysOf(o)[0], 'C', [T1, T2, T3]);
    if (!macEqual(macC, auth.mac)) throw new HandshakeError('auth failed MAC_C');
    conn.auth = auth;
    const vector = typeof o.vector === 'function' ? o.vector(index) : (o.vector ?? {});
    const welcome = { type: 'welcome', vector };
    const T4 = welcomeContribution(welcome);
    let macW = handshakeMac2(K, 'W', [T1, T2, T3, T4]);
    if (tamper.macW) macW = tamper.macW(macW);
    welcome.mac = macW.toString('base64');
    if (tamper.welcomeVectorSent) welcome.vector = tamper.welcomeVectorSent;
    conn.send(welcome);
    conn.ready = true;
    conn.peerId = hello.terminalId;
    conn.peerVector = auth.vector;
    conn.readyIndex = conn.frames.length;
    conn.emit('update');
    return { clientHello: hello, serverHello: sh, auth, welcome, transcript: [T1, T2, T3, T4] };
  }

  /** Wait for the n-th (1-based) connection from a lane. */
  async connection(n = 1, { timeout = DEFAULT_TIMEOUT } = {}) {
    return waitUntil(() => this.connections[n - 1], { timeout, what: `connection #${n} to ${this.url}`, emitter: this });
  }

  async close() {
    for (const c of this.connections) c.terminate();
    await new Promise((r) => this.wss.close(() => r()));
  }
}

// ---------------------------------------------------------------------------------------------
// Messages and reconciliation frames

export function makeMessage({ fromTerminal, topic, payload, seq, id = uuidv7(), timestamp = nowTime() }) {
  const m = { id, fromTerminal, topic, payload, timestamp };
  if (seq !== undefined) m.seq = seq;
  return m;
}

export function ack(id) {
  return { type: 'ack', messageId: id };
}

/**
 * Send an inventory_request and collect every inventory_response part for it.
 * Returns { frames, records, checksum, vector, match }.
 */
export async function requestInventory(conn, extra = {}, { timeout = DEFAULT_TIMEOUT } = {}) {
  const requestId = extra.requestId ?? `conf-${crypto.randomBytes(6).toString('hex')}`;
  const from = conn.frames.length;
  conn.send({ type: 'inventory_request', requestId, timestamp: nowTime(), ...extra });
  const isResp = (f) => f.type === 'inventory_response' && f.requestId === requestId;
  await waitUntil(
    () => {
      const fs = conn.frames.slice(from).filter(isResp);
      if (fs.length === 0) {
        if (conn.closed) throw new Error(`connection closed (${conn.closed.code} ${conn.closed.reason}) before inventory_response`);
        return false;
      }
      const parts = fs[0].parts ?? 1;
      return fs.length >= parts;
    },
    { timeout, what: `inventory_response ${requestId}`, emitter: conn },
  );
  const frames = conn.frames.slice(from).filter(isResp);
  const records = frames.flatMap((f) => f.inventory ?? []);
  return { requestId, frames, records, checksum: frames[0].checksum, vector: frames[0].vector, match: frames[0].match };
}
