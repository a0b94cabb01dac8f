// Helpers shared by the conformance test files.

import assert from 'node:assert/strict';
import { isUuid, uuidv7, nowTime, requestInventory, waitUntil, DEFAULT_TIMEOUT } from './peer.mjs';
import { STORE_KEY, OLD_KEY, NEW_KEY, OTHER_KEY } from './lane.mjs';

export { STORE_KEY, OLD_KEY, NEW_KEY, OTHER_KEY };

/**
 * Expect the lane to send {"type":"error","reason":...} and close (1008); reasonRe checked loosely.
 * sealed: true = the error frame must be a sealed frame (§2: "sealed once the keys exist"),
 * false = a text frame (before the keys exist), undefined = either.
 */
export async function expectErrorClose(conn, reasonRe, { what = 'error frame', sealed } = {}) {
  const err = await waitUntil(
    () => {
      const e = conn.frames.find((f) => f.type === 'error');
      if (e) return e;
      if (conn.closed) throw new Error(`${what}: connection closed (${conn.closed.code} "${conn.closed.reason}") without an error frame; frames:\n  ${conn.describeFrames()}`);
      return undefined;
    },
    { what, emitter: conn },
  );
  assert.equal(typeof err.reason, 'string', 'error.reason is a string');
  if (process.env.CONFORMANCE_VERBOSE) console.error(`[${what}] error reason: ${err.reason}`);
  if (reasonRe) assert.match(err.reason, reasonRe, `error reason: ${err.reason}`);
  if (sealed === true) assert.ok(err._sealed, `the error frame ("${err.reason}") is sealed (§2, §3.5)`);
  if (sealed === false) assert.ok(!err._sealed, `the error frame ("${err.reason}") is a text frame: the keys do not exist yet`);
  const closed = await conn.waitClosed();
  assert.equal(closed.code, 1008, `close code after error (reason "${closed.reason}")`);
  assert.ok(Buffer.byteLength(closed.reason) <= 123, 'close reason fits a close frame');
  return err;
}

/** Flip one bit of a MAC. */
export const flipBit = (buf) => {
  const b = Buffer.from(buf);
  b[0] ^= 0x01;
  return b;
};

/** Product ids and the quantity per product of a transaction payload's lines. */
export function lineQuantities(payload) {
  const out = new Map();
  for (const l of payload.lines) out.set(l.productId, (out.get(l.productId) ?? 0) + l.quantity);
  return out;
}

let receiptCounter = 0;
const KEEP_ID_KEYS = /(product|employee|customer|cashier|manager|approv)/i;

/**
 * A new transaction payload for origin `terminalId`, built from a payload the lane itself published
 * (the schemas are not there yet; see the report): same lines and amounts, fresh ids, our
 * terminal id, a fresh HLC time.
 */
export function deriveTransaction(template, terminalId) {
  const p = structuredClone(template);
  const walk = (o) => {
    if (Array.isArray(o)) return o.forEach(walk);
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' && isUuid(v) && !KEEP_ID_KEYS.test(k) && k !== 'returnOf') o[k] = uuidv7();
      else if (typeof v === 'object') walk(v);
    }
  };
  walk(p);
  p.terminalId = terminalId;
  if ('hlcTime' in p) p.hlcTime = nowTime();
  if ('hlcCounter' in p) p.hlcCounter = 0;
  for (const k of ['createdAt', 'completedAt', 'timestamp']) if (typeof p[k] === 'string') p[k] = nowTime();
  // receipt numbers must be unique on the receiver (a UNIQUE constraint; not in PROTOCOL.md)
  if (typeof p.receiptNumber === 'string') p.receiptNumber = `${terminalId}-${Date.now()}-${++receiptCounter}`;
  return p;
}

/** Stock of each product as the lane reports it in an inventory_response. */
export async function stockMap(conn) {
  const r = await requestInventory(conn);
  return { map: new Map(r.records.map((x) => [x.productId, x.currentStock])), resp: r };
}

/** Wait for the lane's first own message with the given topic and return it. */
export async function firstMessage(conn, pred, what = 'a message') {
  return conn.next((f) => f.type === undefined && typeof f.id === 'string' && pred(f), { what, timeout: DEFAULT_TIMEOUT });
}
