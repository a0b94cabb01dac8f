// Independent conformance peer for the Euphoria Lane peer protocol, version 2.
//
// Written from docs/PROTOCOL.md and protocol/test-vectors/handshake.json only (no lane source).
// Everything here is plain Node.js (node:crypto) plus the `ws` package for WebSocket framing.

import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import { WebSocket, WebSocketServer } from 'ws';

export const PROTOCOL_VERSION = 2;
export const MAC_LABEL = Buffer.from('euphoria-lane/2', 'ascii'); // §3.2: 15 ASCII bytes
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
// §3.2 transcript and MACs

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

export function helloContribution(hello) {
  const nonce = decodeBase64Strict(hello.nonce);
  if (!nonce || nonce.length !== 32) throw new Error('hello nonce is not base64 of 32 bytes');
  return Buffer.concat([lp(Buffer.from(hello.terminalId, 'utf8')), lp(nonce), clockFields(hello)]);
}

export function authContribution(auth) {
  return Buffer.concat([lp(canonicalVector(auth.vector)), clockFields(auth)]);
}

export function welcomeContribution(welcome) {
  return lp(canonicalVector(welcome.vector));
}

export function keyBytes(storeKey) {
  return Buffer.isBuffer(storeKey) ? storeKey : Buffer.from(storeKey, 'utf8');
}

/** role: 'S', 'C' or 'W'; parts: the transcript contributions T1.. in order. */
export function handshakeMac(storeKey, role, parts) {
  const h = crypto.createHmac('sha256', keyBytes(storeKey));
  h.update(MAC_LABEL);
  h.update(Buffer.from(role, 'ascii'));
  for (const p of parts) h.update(p);
  return h.digest();
}

export function macEqual(expected, b64) {
  const got = decodeBase64Strict(b64);
  if (!got || got.length !== expected.length) return false;
  return crypto.timingSafeEqual(expected, got);
}

/** All contributions and MACs of a complete handshake (the four frames as sent). */
export function computeHandshake(storeKey, [clientHello, serverHello, auth, welcome]) {
  const T1 = helloContribution(clientHello);
  const T2 = helloContribution(serverHello);
  const T3 = authContribution(auth);
  const T4 = welcomeContribution(welcome);
  return {
    transcript: [T1, T2, T3, T4],
    macS: handshakeMac(storeKey, 'S', [T1, T2]),
    macC: handshakeMac(storeKey, 'C', [T1, T2, T3]),
    macW: handshakeMac(storeKey, 'W', [T1, T2, T3, T4]),
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
// A connection: every frame received is kept in order.

export class PeerConn extends EventEmitter {
  constructor(ws, { label = 'peer' } = {}) {
    super();
    this.setMaxListeners(1000);
    this.ws = ws;
    this.label = label;
    /** Every received text frame, parsed (or {_bad: text} when it is not JSON). */
    this.frames = [];
    this.binaryFrames = 0;
    this.closed = null; // {code, reason}
    this.autoAck = false;
    this.ready = false;
    this.sent = [];
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.binaryFrames++;
      } else {
        const text = data.toString('utf8');
        let f;
        try {
          f = JSON.parse(text);
        } catch {
          f = { _bad: text };
        }
        Object.defineProperty(f, '_raw', { value: text, enumerable: false });
        this.frames.push(f);
        if (this.ready && this.autoAck && isMessage(f)) this.send({ type: 'ack', messageId: f.id });
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

  get isOpen() {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(obj) {
    this.sendRaw(JSON.stringify(obj));
  }

  sendRaw(data, opts = {}) {
    this.sent.push(data);
    this.ws.send(data, opts);
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
      .map((f) => (f._raw ?? JSON.stringify(f)).slice(0, 300))
      .join('\n  ');
  }

  close() {
    try {
      this.ws.close();
    } catch {
      /* ignore */
    }
  }

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

export function makeHello({ terminalId, nonce, clock, protocol = PROTOCOL_VERSION }) {
  const f = { type: 'hello', protocol, terminalId, nonce: (nonce ?? crypto.randomBytes(32)).toString('base64') };
  Object.assign(f, clockMembers(clock));
  return f;
}

/** clock: undefined/false = no members; true = now with correction 0 and stratum 0; or an object. */
export function clockMembers(clock) {
  if (!clock) return {};
  if (clock === true) return { clock: nowTime(), clockCorrectionMs: 0, clockStratum: 0 };
  return { ...clock };
}

/** Checks the members a hello must have (§3.1); returns a list of problems. */
export function helloProblems(h, { server }) {
  const p = [];
  if (h.type !== 'hello') p.push('type is not hello');
  if (h.protocol !== PROTOCOL_VERSION) p.push(`protocol ${h.protocol}`);
  if (!isTerminalId(h.terminalId)) p.push(`terminalId ${h.terminalId}`);
  const n = decodeBase64Strict(h.nonce);
  if (!n || n.length !== 32) p.push(`nonce ${h.nonce}`);
  const c = clockMemberCount(h);
  if (c !== 0 && c !== 3) p.push('clock members not all three or none');
  if (c === 3) {
    if (!isTime(h.clock)) p.push(`clock ${h.clock}`);
    if (!Number.isInteger(h.clockCorrectionMs) || Math.abs(h.clockCorrectionMs) > 100 * 366 * 86_400_000) p.push('clockCorrectionMs');
    if (!Number.isInteger(h.clockStratum) || h.clockStratum < 0 || h.clockStratum > 16) p.push('clockStratum');
  }
  if (server) {
    const m = decodeBase64Strict(h.mac);
    if (!m || m.length !== 32) p.push('mac is not base64 of 32 bytes');
  } else if ('mac' in h) p.push('client hello carries mac');
  return p;
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
 * Client side of §3 over an open connection.
 * opts: storeKey, terminalId, vector ({}), clock (see clockMembers), protocol,
 *   tamper: { helloExtra, authVectorSent (vector put in the frame after the MAC was computed over
 *   opts.vector), macC(buf)->buf, skipAuth, skipWelcomeCheck }
 * Returns { serverHello, welcome, transcript } or throws HandshakeError (conn stays for inspection).
 */
export async function clientHandshake(conn, opts) {
  const tamper = opts.tamper ?? {};
  const hello = { ...makeHello({ terminalId: opts.terminalId, clock: opts.clock, protocol: opts.protocol ?? PROTOCOL_VERSION }), ...(tamper.helloExtra ?? {}) };
  conn.send(hello);
  const serverHello = await conn.next((f) => f.type === 'hello' || f.type === 'error', { what: 'server hello', timeout: opts.timeout });
  if (serverHello.type === 'error') throw new HandshakeError(`server sent error: ${serverHello.reason}`);
  const probs = helloProblems(serverHello, { server: true });
  if (probs.length) throw new HandshakeError(`server hello: ${probs.join('; ')}`);
  const T1 = helloContribution(hello);
  const T2 = helloContribution(serverHello);
  const macS = handshakeMac(opts.storeKey, 'S', [T1, T2]);
  const macSOk = macEqual(macS, serverHello.mac);
  if (!macSOk && !tamper.ignoreMacS) throw new HandshakeError('server hello failed MAC_S');
  const vector = opts.vector ?? {};
  const authBase = { type: 'auth', vector, ...clockMembers(opts.authClock ?? opts.clock) };
  const T3 = authContribution(authBase);
  let macC = handshakeMac(opts.storeKey, 'C', [T1, T2, T3]);
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
  const macW = handshakeMac(opts.storeKey, 'W', [T1, T2, T3, T4]);
  if (!macEqual(macW, welcome.mac)) throw new HandshakeError('welcome failed MAC_W');
  conn.ready = true;
  conn.peerId = serverHello.terminalId;
  conn.peerVector = welcome.vector;
  conn.readyIndex = conn.frames.indexOf(welcome) + 1;
  conn.emit('update');
  return { hello, serverHello, auth, welcome, transcript: [T1, T2, T3, T4] };
}

/** Open a connection and complete the client handshake. */
export async function connectPeer(url, opts) {
  const conn = await openWs(url, { label: `${opts.terminalId}->${url}` });
  conn.autoAck = opts.autoAck ?? false;
  const hs = await clientHandshake(conn, opts);
  return { conn, ...hs };
}

/**
 * A peer that lanes dial (§2/§3 server side), on 127.0.0.1 and a free port.
 * opts: storeKey, terminalId, vector (or a function returning it), clock, autoAck,
 *   tamper: { wrongKey, macS(buf)->buf, macW(buf)->buf, protocol, welcomeVectorSent }
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

  async #serve(conn) {
    const o = this.opts;
    const index = this.connections.length; // 0-based: this connection is pushed after this call
    const tamper = (typeof o.tamper === 'function' ? o.tamper(index) : o.tamper) ?? {};
    const key = tamper.wrongKey ?? o.storeKey;
    const hello = await conn.next((f) => true, { what: 'client hello' });
    const probs = helloProblems(hello, { server: false });
    if (probs.length) throw new HandshakeError(`client hello: ${probs.join('; ')}`);
    conn.clientHello = hello;
    const sh = makeHello({ terminalId: o.terminalId, clock: o.clock, protocol: tamper.protocol ?? PROTOCOL_VERSION });
    const T1 = helloContribution(hello);
    const T2 = helloContribution(sh);
    let macS = handshakeMac(key, 'S', [T1, T2]);
    if (tamper.macS) macS = tamper.macS(macS);
    sh.mac = macS.toString('base64');
    conn.send(sh);
    const auth = await conn.next((f) => f !== hello, { what: 'auth' });
    if (auth.type === 'error') throw new HandshakeError(`lane sent error: ${auth.reason}`);
    if (auth.type !== 'auth') throw new HandshakeError(`expected auth, got ${auth._raw}`);
    const vp = vectorProblems(auth.vector);
    if (vp.length) throw new HandshakeError(`auth vector: ${vp.join('; ')}`);
    const T3 = authContribution(auth);
    const macC = handshakeMac(o.storeKey, 'C', [T1, T2, T3]);
    if (!macEqual(macC, auth.mac)) throw new HandshakeError('auth failed MAC_C');
    conn.auth = auth;
    const vector = typeof o.vector === 'function' ? o.vector(index) : (o.vector ?? {});
    const welcome = { type: 'welcome', vector };
    const T4 = welcomeContribution(welcome);
    let macW = handshakeMac(key, 'W', [T1, T2, T3, T4]);
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
