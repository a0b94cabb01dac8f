// §10 seed-only peers: messages without seq are acked, applied and relayed unchanged, also to a
// lane that was offline while they were sent.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectPeer, makeMessage, waitUntil, requestInventory } from './peer.mjs';
import { Lane, shutdown } from './lane.mjs';
import { STORE_KEY, deriveTransaction, lineQuantities, stockMap } from './common.mjs';

after(shutdown);

/** Send `count` seed-format transactions (no seq) through `conn`; wait for each ack. */
async function sendSeedTransactions(conn, template, origin, count) {
  const sent = [];
  for (let i = 0; i < count; i++) {
    const msg = makeMessage({ fromTerminal: origin, topic: 'transaction', payload: deriveTransaction(template, origin) });
    const from = conn.frames.length;
    conn.send(msg);
    const a = await conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: `ack of seed message ${i + 1}` });
    assert.equal(a.type, 'ack', `answer: ${a._raw}`);
    sent.push(msg);
  }
  return sent;
}

/** Connect an observer to `lane` with an empty vector and wait until it holds every sent message. */
async function observe(lane, observerId, sent) {
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: observerId, vector: {}, autoAck: true });
  const got = await waitUntil(
    () => {
      const byId = new Map(conn.messages().map((m) => [m.id, m]));
      return sent.every((s) => byId.has(s.id)) ? sent.map((s) => byId.get(s.id)) : undefined;
    },
    { what: `${observerId} receiving ${sent.length} relayed seed messages from ${lane.id}`, emitter: conn },
  );
  return { conn, got };
}

function assertUnchanged(sent, got, conn) {
  for (let i = 0; i < sent.length; i++) {
    const s = sent[i];
    const g = got[i];
    assert.ok(!('seq' in g), `relayed seed message has no seq: ${g._raw.slice(0, 200)}`);
    assert.equal(g.id, s.id);
    assert.equal(g.fromTerminal, s.fromTerminal);
    assert.equal(g.topic, s.topic);
    assert.equal(g.timestamp, s.timestamp);
    assert.deepEqual(g.payload, s.payload);
    // "the same bytes": the payload text inside the relayed frame equals ours
    assert.ok(g._raw.includes(JSON.stringify(s.payload)), 'payload relayed byte for byte');
  }
  // in the order they were received
  const order = conn.messages().filter((m) => sent.some((s) => s.id === m.id)).map((m) => m.id);
  assert.deepEqual(order, sent.map((s) => s.id), 'relayed in the order received');
}

test('seed-only peer: acked, applied and relayed unchanged to a connected second lane', async () => {
  const a = await Lane.start({ id: 'RL-A', ringSales: 1 });
  const b = await Lane.start({ id: 'RL-B', peers: [a.url] });
  const { conn } = await connectPeer(a.url, { storeKey: STORE_KEY, terminalId: 'seed-1', vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'RL-A' && f.topic === 'transaction', { what: "RL-A's sale" });
  assert.equal(sale.seq, 1, 'a seed-only peer still receives seq (§10)');
  // B must have A's sale before we look at stock there
  const { conn: ob } = await connectPeer(b.url, { storeKey: STORE_KEY, terminalId: 'obs-0', vector: {}, autoAck: true });
  await ob.next((f) => f.id === sale.id, { what: "RL-A's sale relayed by RL-B" });
  const bBefore = await stockMap(ob);
  ob.close();

  const sent = await sendSeedTransactions(conn, sale.payload, 'seed-1', 3);
  const qty = lineQuantities(sent[0].payload);
  // applied on A
  const aAfter = await stockMap(conn);
  assert.ok(aAfter.resp.records.length > 0);
  // relayed to B, unchanged, and applied there
  const { conn: o, got } = await observe(b, 'obs-1', sent);
  assertUnchanged(sent, got, o);
  await waitUntil(
    async () => {
      const m = (await stockMap(o)).map;
      return [...qty].every(([pid, q]) => m.get(pid) === bBefore.map.get(pid) - 3 * q);
    },
    { what: 'stock on RL-B reflecting the 3 relayed sales once each' },
  );
  // never back to the origin: a connection as seed-1 to B gets none of them
  o.close();
  const { conn: back } = await connectPeer(b.url, { storeKey: STORE_KEY, terminalId: 'seed-1', vector: {}, autoAck: true });
  await requestInventory(back); // a round trip after the catch-up has been sent
  await back.next((f) => f.type === 'clock' || f.type === 'inventory_response', { what: 'a frame' });
  const echoed = back.messages().filter((m) => sent.some((s) => s.id === m.id));
  assert.equal(echoed.length, 0, 'seed messages are never sent back to their origin');
  back.close();
  conn.close();
  await b.stop();
  await a.stop();
});

test('seed-only peer: a lane that was offline while we sent gets the messages when it starts', async () => {
  const a = await Lane.start({ id: 'RO-A', ringSales: 1 });
  const { conn } = await connectPeer(a.url, { storeKey: STORE_KEY, terminalId: 'seed-2', vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'RO-A' && f.topic === 'transaction', { what: "RO-A's sale" });
  const sent = await sendSeedTransactions(conn, sale.payload, 'seed-2', 2);
  conn.close();
  // B starts only now and dials A
  const b = await Lane.start({ id: 'RO-B', peers: [a.url] });
  const { conn: o, got } = await observe(b, 'obs-2', sent);
  assertUnchanged(sent, got, o);
  o.close();
  await b.stop();
  await a.stop();
});

test('seed-only peer: a lane that goes offline and comes back gets the messages sent meanwhile', async () => {
  const a = await Lane.start({ id: 'RR-A', ringSales: 1 });
  let b = await Lane.start({ id: 'RR-B', peers: [a.url] });
  const { conn } = await connectPeer(a.url, { storeKey: STORE_KEY, terminalId: 'seed-3', vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'RR-A' && f.topic === 'transaction', { what: "RR-A's sale" });
  const first = await sendSeedTransactions(conn, sale.payload, 'seed-3', 1);
  {
    const { conn: o } = await observe(b, 'obs-3', first);
    o.close();
  }
  await b.stop();
  const second = await sendSeedTransactions(conn, sale.payload, 'seed-3', 2);
  b = await Lane.start({ id: 'RR-B', peers: [a.url], dataDir: b.dataDir });
  const { conn: o, got } = await observe(b, 'obs-4', [...first, ...second]);
  assertUnchanged([...first, ...second], got, o);
  o.close();
  conn.close();
  await b.stop();
  await a.stop();
});

test('messages with seq from a peer are relayed unchanged, seq included (§4)', async () => {
  const a = await Lane.start({ id: 'RS-A', ringSales: 1 });
  const b = await Lane.start({ id: 'RS-B', peers: [a.url] });
  const { conn } = await connectPeer(a.url, { storeKey: STORE_KEY, terminalId: 'seqpeer', vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'RS-A' && f.topic === 'transaction', { what: "RS-A's sale" });
  const sent = [];
  for (let seq = 1; seq <= 2; seq++) {
    const msg = makeMessage({ fromTerminal: 'seqpeer', topic: 'transaction', payload: deriveTransaction(sale.payload, 'seqpeer'), seq });
    const from = conn.frames.length;
    conn.send(msg);
    const ack = await conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: `ack of seq ${seq}` });
    assert.equal(ack.type, 'ack', ack._raw);
    sent.push(msg);
  }
  const { conn: o } = await connectPeer(b.url, { storeKey: STORE_KEY, terminalId: 'obs-s', vector: {}, autoAck: true });
  const got = await waitUntil(
    () => {
      const byId = new Map(o.messages().map((m) => [m.id, m]));
      return sent.every((s) => byId.has(s.id)) ? sent.map((s) => byId.get(s.id)) : undefined;
    },
    { what: 'the relayed messages on RS-B', emitter: o },
  );
  for (let i = 0; i < sent.length; i++) {
    assert.equal(got[i].seq, sent[i].seq);
    for (const k of ['id', 'fromTerminal', 'topic', 'timestamp']) assert.equal(got[i][k], sent[i][k], k);
    assert.deepEqual(got[i].payload, sent[i].payload);
  }
  const inv = await requestInventory(o);
  assert.equal(inv.vector.seqpeer, 2, "RS-B's vector holds seqpeer up to 2");
  o.close();
  conn.close();
  await b.stop();
  await a.stop();
});
