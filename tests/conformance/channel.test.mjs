// §3.5 sealed frames after the handshake: a frame altered, replayed, reordered or injected, or a
// text frame, closes the connection with the documented reason; nothing of it is applied; the
// peer reconnects and converges. Closing: sealed error frames both ways.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { connectPeer, makeMessage, waitUntil, sealFrame } from './peer.mjs';
import { Lane, shutdown } from './lane.mjs';
import { STORE_KEY, expectErrorClose, deriveTransaction, lineQuantities, stockMap } from './common.mjs';

after(shutdown);

const sealedFailed = (n, peer) => new RegExp(`^sealed frame ${n} from ${peer} failed authentication \\(altered, injected, replayed or reordered\\)$`);

/**
 * Each case: connect as `id`, take the lane's sale as a template, send our transaction(s) in a
 * tampered way; the lane must close with the §3.5 reason naming frame N; then reconnect and check
 * that nothing of it was applied (the lane's vector has no seq of ours, stock unchanged) and that
 * the honest resend is acked, applied once and converges.
 */
const CASES = [
  {
    name: 'one flipped byte',
    send(conn, [a]) {
      const bytes = conn.seal(JSON.stringify(a));
      bytes[Math.floor(bytes.length / 2)] ^= 0x20;
      conn.sendRaw(bytes, { binary: true });
      return { n: conn.channel.sendN - 1, lost: [a] };
    },
  },
  {
    name: 'a flipped bit in the tag',
    send(conn, [a]) {
      const bytes = conn.seal(JSON.stringify(a));
      bytes[bytes.length - 1] ^= 0x01;
      conn.sendRaw(bytes, { binary: true });
      return { n: conn.channel.sendN - 1, lost: [a] };
    },
  },
  {
    name: 'two frames swapped',
    send(conn, [a, b]) {
      const fa = conn.seal(JSON.stringify(a));
      const fb = conn.seal(JSON.stringify(b));
      conn.sendRaw(fb, { binary: true });
      conn.sendRaw(fa, { binary: true });
      return { n: conn.channel.sendN - 2, lost: [a, b] };
    },
  },
  {
    name: 'an injected frame (sealed under another key)',
    send(conn, [a]) {
      const n = conn.channel.sendN; // the lane expects this counter next
      conn.sendRaw(sealFrame(crypto.randomBytes(32), n, JSON.stringify(a)), { binary: true });
      return { n, lost: [a] };
    },
  },
  {
    name: 'an injected frame (random bytes)',
    send(conn, [a]) {
      conn.sendRaw(crypto.randomBytes(200), { binary: true });
      return { n: conn.channel.sendN, lost: [a] };
    },
  },
  {
    name: 'a frame cut short',
    send(conn, [a]) {
      const bytes = conn.seal(JSON.stringify(a));
      conn.sendRaw(bytes.subarray(0, bytes.length - 5), { binary: true });
      return { n: conn.channel.sendN - 1, lost: [a] };
    },
  },
  {
    name: 'a frame shorter than a tag',
    send(conn, [a]) {
      conn.sendRaw(Buffer.from([1, 2, 3]), { binary: true });
      return { n: conn.channel.sendN, lost: [a] };
    },
  },
];

for (const [i, c] of CASES.entries()) {
  test(`sealed frames: ${c.name} closes the connection; nothing of it applied; reconnect converges`, async () => {
    const laneId = `CH-${i}`;
    const me = `conf-ch${i}`;
    const lane = await Lane.start({ id: laneId, ringSales: 1 });
    const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: me, vector: {}, autoAck: true });
    const sale = await conn.next((f) => f.fromTerminal === laneId, { what: "the lane's sale" });
    const before = await stockMap(conn);
    const msgs = [1, 2].map((seq) => makeMessage({ fromTerminal: me, topic: 'transaction', payload: deriveTransaction(sale.payload, me), seq }));
    const { n } = c.send(conn, msgs);
    await expectErrorClose(conn, sealedFailed(n, me), { sealed: true });
    assert.ok(!conn.frames.some((f) => (f.type === 'ack' || f.type === 'reject') && msgs.some((m) => m.id === f.messageId)), 'no ack or reject for what the bad frame carried');

    // Reconnect: nothing of it applied, then the honest resend converges.
    const again = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: me, vector: { [laneId]: 1 }, autoAck: true });
    assert.equal(again.welcome.vector[me] ?? 0, 0, `the lane holds no message of ours: ${JSON.stringify(again.welcome.vector)}`);
    const mid = await stockMap(again.conn);
    for (const [pid] of lineQuantities(msgs[0].payload)) assert.equal(mid.map.get(pid), before.map.get(pid), `stock of ${pid} unchanged`);
    for (const m of msgs) {
      const from = again.conn.frames.length;
      again.conn.send(m);
      const a = await again.conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === m.id, { from, what: `ack of ${m.id}` });
      assert.equal(a.type, 'ack', a._raw);
    }
    const after2 = await stockMap(again.conn);
    assert.equal(after2.resp.vector?.[me], 2, 'the lane now holds our seq 1 and 2');
    for (const [pid, q] of lineQuantities(msgs[0].payload)) assert.equal(after2.map.get(pid), before.map.get(pid) - 2 * q, `stock of ${pid} after our two sales`);
    again.conn.close();
    await lane.stop();
  });
}

test('sealed frames: a replayed frame closes the connection; what it carried applies once', async () => {
  const lane = await Lane.start({ id: 'CH-R', ringSales: 1 });
  const me = 'conf-replay';
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: me, vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'CH-R', { what: "the lane's sale" });
  const before = await stockMap(conn);
  const m = makeMessage({ fromTerminal: me, topic: 'transaction', payload: deriveTransaction(sale.payload, me), seq: 1 });
  const bytes = conn.seal(JSON.stringify(m));
  const from = conn.frames.length;
  conn.sendRaw(bytes, { binary: true });
  await conn.next((f) => f.type === 'ack' && f.messageId === m.id, { from, what: 'ack' });
  const n = conn.channel.sendN;
  conn.sendRaw(bytes, { binary: true }); // the same bytes again
  await expectErrorClose(conn, sealedFailed(n, me), { sealed: true });
  const again = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: me, vector: { 'CH-R': 1 } });
  assert.equal(again.welcome.vector[me], 1);
  const after2 = await stockMap(again.conn);
  for (const [pid, q] of lineQuantities(m.payload)) assert.equal(after2.map.get(pid), before.map.get(pid) - q, `stock of ${pid} moved once`);
  again.conn.close();
  await lane.stop();
});

test('a text frame after the hellos closes the connection (and is not applied)', async () => {
  const lane = await Lane.start({ id: 'CH-T', ringSales: 1 });
  const me = 'conf-text';
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: me, vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'CH-T', { what: "the lane's sale" });
  const m = makeMessage({ fromTerminal: me, topic: 'transaction', payload: deriveTransaction(sale.payload, me), seq: 1 });
  conn.sendRaw(JSON.stringify(m));
  await expectErrorClose(conn, /^text frame on an encrypted connection$/, { sealed: true });
  const again = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: me, vector: { 'CH-T': 1 } });
  assert.equal(again.welcome.vector[me] ?? 0, 0, 'not applied');
  again.conn.close();
  await lane.stop();
});

test('closing: the lane sends a sealed error when it stops; it logs a connection cut without our sealed close', async () => {
  const lane = await Lane.start({ id: 'CH-C' });
  // cut: no close frame, no sealed error
  const { conn: cut } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-cut', vector: {} });
  await cut.next((f) => f.type === 'clock', { what: 'clock frame' });
  cut.terminate();
  await waitUntil(() => /connection ended without conf-cut's sealed close/.test(lane.log()), { what: "the lane logging the missing sealed close (§3.5)" });
  // a sealed close of ours is not logged as such
  const { conn: polite } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-polite', vector: {} });
  await polite.next((f) => f.type === 'clock', { what: 'clock frame' });
  polite.close({ reason: 'conformance peer stopping' });
  await polite.waitClosed();
  // and the lane's own stop sends us a sealed error first
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-stop', vector: {} });
  await conn.next((f) => f.type === 'clock', { what: 'clock frame' });
  await lane.stop();
  const closed = await conn.waitClosed();
  const err = conn.frames.find((f) => f.type === 'error');
  assert.ok(err, `a stopping lane sends an error frame before it closes (§3.5); close ${closed.code} "${closed.reason}", frames:\n  ${conn.describeFrames()}`);
  assert.ok(err._sealed, 'and it is sealed');
  assert.ok(!/connection ended without conf-polite's sealed close/.test(lane.log()), 'our sealed close was seen as one');
});
