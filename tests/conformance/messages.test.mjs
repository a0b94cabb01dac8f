// §4–§6: the lane's messages (envelope, seq), acks, messages we send (applied once), rejects.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectPeer, isUuid, isLaneTime, waitUntil, makeMessage, uuidv7, requestInventory, nowTime, vectorProblems } from './peer.mjs';
import { Lane, shutdown } from './lane.mjs';
import { STORE_KEY, deriveTransaction, lineQuantities, stockMap } from './common.mjs';
import { outboxCounts } from './health.mjs';

after(shutdown);

test("the lane's sales arrive in the envelope with seq 1..N gapless; our acks count as peer acks", async () => {
  const N = 5;
  const lane = await Lane.start({ id: 'MS-A', ringSales: N });
  assert.equal(outboxCounts(await lane.health()).pending, N, 'all sales pending before any peer');
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-m1', vector: {}, clock: true });
  const msgs = await waitUntil(() => (conn.messages().length >= N ? conn.messages() : undefined), { what: `${N} messages`, emitter: conn });
  assert.deepEqual(
    msgs.map((m) => m.seq),
    Array.from({ length: N }, (_, i) => i + 1),
    'seq 1..N in order',
  );
  const ids = new Set(lane.saleIds());
  for (const m of msgs) {
    assert.ok(isUuid(m.id), `id ${m.id}`);
    assert.equal(m.fromTerminal, 'MS-A');
    assert.equal(m.topic, 'transaction');
    assert.equal(typeof m.payload, 'object');
    assert.ok(isLaneTime(m.timestamp), `timestamp ${m.timestamp}`);
    assert.equal(m.payload.terminalId, 'MS-A', 'transaction payload terminalId equals fromTerminal (§8)');
    assert.ok(['completed', 'returned'].includes(m.payload.status), `status ${m.payload.status}`);
    assert.ok(Array.isArray(m.payload.lines) && m.payload.lines.length > 0, 'lines');
    assert.ok(ids.has(m.payload.transactionId), `payload.transactionId ${m.payload.transactionId} is one the lane printed`);
  }
  for (const m of msgs) conn.send({ type: 'ack', messageId: m.id });
  await waitUntil(async () => outboxCounts(await lane.health()).peerAcked === N, { what: `${N} peer_ack in --health` });
  const oc = outboxCounts(await lane.health());
  assert.equal(oc.pending, 0);
  // an ack for an id not in flight is ignored (§6); the connection stays
  conn.send({ type: 'ack', messageId: uuidv7() });
  const inv = await requestInventory(conn);
  assert.ok(inv.records.length > 0);
  assert.ok(!conn.closed);
  conn.close();
  await lane.stop();
});

test('our transactions are acked and applied once; a duplicate is acked again and not applied twice', async () => {
  const lane = await Lane.start({ id: 'MS-B', ringSales: 1 });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-m2', vector: {}, clock: true });
  const sale = await conn.next((f) => f.fromTerminal === 'MS-B' && f.topic === 'transaction', { what: "the lane's sale" });
  conn.send({ type: 'ack', messageId: sale.id });
  const before = await stockMap(conn);
  const payload = deriveTransaction(sale.payload, 'conf-m2');
  const qty = lineQuantities(payload);
  const msg = makeMessage({ fromTerminal: 'conf-m2', topic: 'transaction', payload, seq: 1 });
  let from = conn.frames.length;
  conn.send(msg);
  const a1 = await conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: 'ack of our transaction' });
  assert.equal(a1.type, 'ack', `answer: ${a1._raw}`);
  const mid = await stockMap(conn);
  for (const [pid, q] of qty) assert.equal(mid.map.get(pid), before.map.get(pid) - q, `stock of ${pid} after our sale of ${q}`);
  // the duplicate
  from = conn.frames.length;
  conn.send(msg);
  const a2 = await conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: 'ack of the duplicate' });
  assert.equal(a2.type, 'ack', `duplicate answer: ${a2._raw}`);
  const after2 = await stockMap(conn);
  for (const [pid] of qty) assert.equal(after2.map.get(pid), mid.map.get(pid), `stock of ${pid} unchanged by the duplicate`);
  assert.equal(after2.resp.vector?.['conf-m2'], 1, 'the lane vector now holds our seq 1');
  // the same after a reconnect: the welcome vector says the lane holds seq 1
  conn.close();
  await conn.waitClosed();
  const again = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-m2', vector: { 'MS-B': 1 } });
  assert.equal(again.welcome.vector['conf-m2'], 1, 'welcome vector holds our message');
  from = again.conn.frames.length;
  again.conn.send(msg);
  const a3 = await again.conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: 'ack after reconnect' });
  assert.equal(a3.type, 'ack');
  const after3 = await stockMap(again.conn);
  for (const [pid] of qty) assert.equal(after3.map.get(pid), mid.map.get(pid), `stock of ${pid} unchanged`);
  again.conn.close();
  await lane.stop();
});

test('rejects: invalid payload, own terminal id, unknown topic; permanent, repeated, connection stays open', async (t) => {
  const lane = await Lane.start({ id: 'MS-C', ringSales: 1 });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-m3', vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'MS-C' && f.topic === 'transaction', { what: "the lane's sale" });

  const answer = async (msg) => {
    const from = conn.frames.length;
    conn.send(msg);
    return conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: `answer to ${msg.id}` });
  };
  const checkReject = (r, re, permanent = true) => {
    assert.equal(r.type, 'reject', `expected a reject, got ${r._raw}`);
    assert.equal(r.permanent, permanent, 'permanent');
    assert.equal(typeof r.reason, 'string');
    assert.ok(r.reason.length > 0 && r.reason.length <= 500, 'reason of 1..500 characters');
    if (re) assert.match(r.reason, re);
  };

  await t.test('invalid payload: permanent reject, again on resend, connection open', async () => {
    const bad = deriveTransaction(sale.payload, 'conf-m3');
    bad.lines = [];
    const msg = makeMessage({ fromTerminal: 'conf-m3', topic: 'transaction', payload: bad });
    const r1 = await answer(msg);
    checkReject(r1, /lines/i);
    const r2 = await answer(msg);
    checkReject(r2);
    assert.equal(r2.reason, r1.reason, 'the same reject again');
    assert.ok(!conn.closed);
  });

  await t.test('payload terminalId differing from fromTerminal', async () => {
    const p = deriveTransaction(sale.payload, 'someone-else');
    checkReject(await answer(makeMessage({ fromTerminal: 'conf-m3', topic: 'transaction', payload: p })), /terminal/i);
  });

  // §8: a product the receiver does not know yet may be imported later: transient (§6).
  await t.test('unknown product in a line: kept on a placeholder and acked (§8)', async () => {
    const p = deriveTransaction(sale.payload, 'conf-m3');
    const old = p.lines[0].productId;
    const unknown = uuidv7();
    for (const l of p.lines) if (l.productId === old) l.productId = unknown;
    for (const c of p.stockChanges ?? []) if (c.productId === old) c.productId = unknown;
    const msg = makeMessage({ fromTerminal: 'conf-m3', topic: 'transaction', payload: p });
    const r = await answer(msg);
    assert.equal(r.type, 'ack', `expected an ack, got ${JSON.stringify(r)}`);
    assert.equal(r.messageId, msg.id);
  });

  await t.test('inventory with both delta and currentStock', async () => {
    const pid = sale.payload.lines[0].productId;
    // `reason` is not in PROTOCOL.md; the lane refuses an inventory payload without it (see the report)
    const p = { productId: pid, delta: -1, currentStock: 3, reason: 'adjustment', lastUpdated: nowTime(), hlcCounter: 0, hlcTerminal: 'conf-m3' };
    checkReject(await answer(makeMessage({ fromTerminal: 'conf-m3', topic: 'inventory', payload: p })), null);
  });

  await t.test("a message claiming the lane's own terminal id", async () => {
    const p = deriveTransaction(sale.payload, 'MS-C');
    checkReject(await answer(makeMessage({ fromTerminal: 'MS-C', topic: 'transaction', payload: p })), null);
    // also with a seq the lane has not published
    checkReject(await answer(makeMessage({ fromTerminal: 'MS-C', topic: 'transaction', payload: deriveTransaction(sale.payload, 'MS-C'), seq: 7 })), null);
  });

  await t.test('unknown topic', async () => {
    const r = await answer(makeMessage({ fromTerminal: 'conf-m3', topic: 'no.such.topic', payload: { a: 1 } }));
    checkReject(r, /topic/i);
  });

  await t.test('after all that the connection still works: a valid message is acked', async () => {
    const p = deriveTransaction(sale.payload, 'conf-m3');
    const r = await answer(makeMessage({ fromTerminal: 'conf-m3', topic: 'transaction', payload: p }));
    assert.equal(r.type, 'ack', r._raw);
    assert.ok(!conn.closed);
    assert.ok(!conn.frames.some((f) => f.type === 'error'), 'no error frame');
  });

  await t.test('a rejected message with seq counts as settled in the vector', async () => {
    const bad = deriveTransaction(sale.payload, 'conf-m3s');
    bad.lines = [];
    const c2 = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-m3s', vector: { 'MS-C': 1 } });
    const msg = makeMessage({ fromTerminal: 'conf-m3s', topic: 'transaction', payload: bad, seq: 1 });
    const from = c2.conn.frames.length;
    c2.conn.send(msg);
    const r = await c2.conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: 'reject' });
    checkReject(r, null);
    const inv = await requestInventory(c2.conn);
    assert.equal(inv.vector?.['conf-m3s'], 1, `vector settles the refused seq: ${JSON.stringify(inv.vector)}`);
    c2.conn.close();
  });

  conn.close();
  await lane.stop();
});

test('gaps: a seq above our vector entry makes the lane ask with sync_request; the missing one then fills it', async () => {
  const lane = await Lane.start({ id: 'MS-D', ringSales: 1 });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-g', vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'MS-D' && f.topic === 'transaction', { what: "the lane's sale" });
  const m1 = makeMessage({ fromTerminal: 'conf-g', topic: 'transaction', payload: deriveTransaction(sale.payload, 'conf-g'), seq: 1 });
  const m2 = makeMessage({ fromTerminal: 'conf-g', topic: 'transaction', payload: deriveTransaction(sale.payload, 'conf-g'), seq: 2 });
  let from = conn.frames.length;
  conn.send(m2);
  const a2 = await conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === m2.id, { from, what: 'answer to seq 2' });
  assert.equal(a2.type, 'ack', a2._raw);
  const sr = await conn.next((f) => f.type === 'sync_request', { from, what: 'sync_request for the gap (after 3 s)' });
  assert.deepEqual(vectorProblems(sr.vector), []);
  assert.ok(!sr.vector['conf-g'], `the lane's vector lacks our seq 1: ${JSON.stringify(sr.vector)}`);
  assert.equal(sr.vector['MS-D'], 1, "the lane's own entry");
  from = conn.frames.length;
  conn.send(m1);
  const a1 = await conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === m1.id, { from, what: 'answer to seq 1' });
  assert.equal(a1.type, 'ack', a1._raw);
  await waitUntil(async () => (await requestInventory(conn)).vector?.['conf-g'] === 2, { what: 'lane vector holding our seq 1..2' });
  conn.close();
  await lane.stop();
});

test('our sync_request rewinds what the lane sends and never marks anything acked', async (t) => {
  const lane = await Lane.start({ id: 'MS-E', ringSales: 2 });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-sr', vector: {} });
  await waitUntil(() => conn.messages().length >= 2, { what: '2 messages', emitter: conn });
  const first = conn.messages().map((m) => m.id);
  const resentAfter = (from) =>
    waitUntil(
      () => {
        const ms = conn.frames.slice(from).filter((f) => f.type === undefined && f.fromTerminal === 'MS-E');
        return ms.length >= 2 ? ms : undefined;
      },
      { what: 'both messages sent again', emitter: conn },
    );

  await t.test('a sync_request marks nothing acked', async () => {
    conn.send({ type: 'sync_request', vector: { 'MS-E': 2 } });
    await requestInventory(conn); // a round trip after it
    assert.equal(outboxCounts(await lane.health()).peerAcked, 0);
  });

  await t.test('a vector entry of 0 makes the lane send everything again, in seq order', async () => {
    const from = conn.frames.length;
    conn.send({ type: 'sync_request', vector: { 'MS-E': 0 } });
    const again = await resentAfter(from);
    assert.deepEqual(again.map((m) => m.id), first);
    assert.deepEqual(again.map((m) => m.seq), [1, 2]);
  });

  await t.test('an absent entry is the same as 0 (§4): the empty vector makes it send everything again', async () => {
    const from = conn.frames.length;
    conn.send({ type: 'sync_request', vector: {} });
    const again = await resentAfter(from);
    assert.deepEqual(again.map((m) => m.id), first);
  });

  await t.test('acks then count', async () => {
    for (const id of first) conn.send({ type: 'ack', messageId: id });
    await waitUntil(async () => outboxCounts(await lane.health()).peerAcked === 2, { what: 'peer_ack 2 after our acks' });
  });
  conn.close();
  await lane.stop();
});

test("our rejects: permanent marks the lane's message failed; transient makes it send again", async () => {
  const lane = await Lane.start({ id: 'MS-F', ringSales: 2 });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-rj', vector: {} });
  await waitUntil(() => conn.messages().length >= 2, { what: '2 messages', emitter: conn });
  const [m1, m2] = conn.messages();
  conn.send({ type: 'reject', messageId: m1.id, reason: 'conformance test: refused for good', permanent: true });
  const from = conn.frames.length;
  conn.send({ type: 'reject', messageId: m2.id, reason: 'conformance test: try again later', permanent: false });
  const resent = await conn.next((f) => f.type === undefined && f.id === m2.id, { from, what: 'the transiently refused message sent again' });
  assert.equal(resent.seq, 2);
  assert.equal(resent._raw, m2._raw, 'sent again byte for byte');
  conn.send({ type: 'ack', messageId: m2.id });
  await waitUntil(
    async () => {
      const oc = outboxCounts(await lane.health());
      return oc.failed === 1 && oc.peerAcked === 1;
    },
    { what: '--health: 1 failed, 1 peer_ack' },
  );
  conn.close();
  await lane.stop();
});

test('one connection per pair: a second connection with the same terminal id is refused', async () => {
  const lane = await Lane.start({ id: 'MS-G' });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-dup', vector: {} });
  const { openWs, clientHandshake } = await import('./peer.mjs');
  const c2 = await openWs(lane.url);
  await clientHandshake(c2, { storeKey: STORE_KEY, terminalId: 'conf-dup', vector: {}, tamper: { noWelcomeWait: true } });
  const { expectErrorClose } = await import('./common.mjs');
  await expectErrorClose(c2, /terminal conf-dup is already connected/);
  assert.ok(!conn.closed, 'the first connection stays');
  await requestInventory(conn);
  conn.close();
  await lane.stop();
});

test('inventory topic (§8): a delta and a count (`currentStock`) are applied', async (t) => {
  const lane = await Lane.start({ id: 'MS-H', ringSales: 1 });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-inv', vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'MS-H' && f.topic === 'transaction', { what: "the lane's sale" });
  const pid = sale.payload.lines[0].productId;
  const send = async (payload) => {
    const msg = makeMessage({ fromTerminal: 'conf-inv', topic: 'inventory', payload });
    const from = conn.frames.length;
    conn.send(msg);
    return conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: 'answer' });
  };
  await t.test('delta', async () => {
    const before = (await stockMap(conn)).map.get(pid);
    const a = await send({ productId: pid, delta: 4, reason: 'receipt', lastUpdated: nowTime(), hlcCounter: 0, hlcTerminal: 'conf-inv' });
    assert.equal(a.type, 'ack', a._raw);
    assert.equal((await stockMap(conn)).map.get(pid), before + 4);
  });
  await t.test('count with `currentStock` as §8 names it', async () => {
    const a = await send({ productId: pid, currentStock: 50, reason: 'count', lastUpdated: nowTime(), hlcCounter: 0, hlcTerminal: 'conf-inv' });
    assert.equal(a.type, 'ack', a._raw);
    assert.equal((await stockMap(conn)).map.get(pid), 50);
  });
  conn.close();
  await lane.stop();
});

test('quarantine (§9): a sale stamped an hour ahead is acked and kept, not applied, listed as held', async () => {
  const lane = await Lane.start({ id: 'MS-Q', ringSales: 1 });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-q', vector: {}, autoAck: true });
  const sale = await conn.next((f) => f.fromTerminal === 'MS-Q' && f.topic === 'transaction', { what: "the lane's sale" });
  const before = await stockMap(conn);
  const p = deriveTransaction(sale.payload, 'conf-q');
  p.hlcTime = nowTime(3_600_000);
  const msg = makeMessage({ fromTerminal: 'conf-q', topic: 'transaction', payload: p, seq: 1 });
  const from = conn.frames.length;
  conn.send(msg);
  const a = await conn.next((f) => (f.type === 'ack' || f.type === 'reject') && f.messageId === msg.id, { from, what: 'answer' });
  assert.equal(a.type, 'ack', a._raw);
  const after2 = await stockMap(conn);
  for (const [pid] of lineQuantities(p)) assert.equal(after2.map.get(pid), before.map.get(pid), 'held back: stock unchanged');
  assert.equal(after2.resp.vector['conf-q'], 1, 'but held: the vector counts it');
  const h = await lane.health();
  assert.ok(JSON.stringify(h.held ?? []).includes(msg.id), `--health lists it as held: ${JSON.stringify(h.held)}`);
  conn.close();
  await lane.stop();
});
