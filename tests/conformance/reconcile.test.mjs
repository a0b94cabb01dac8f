// §11 reconciliation frames: inventory_request/response shape, checksum (§11.1), buckets (§11.2),
// and a seed-format empty inventory_response that must settle nothing (§10, §11.3).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectPeer, requestInventory, inventoryChecksum, bucketHashes, bucketOf, isLaneTime, isUuid, isTerminalId, vectorProblems, nowTime, waitUntil } from './peer.mjs';
import { Lane, shutdown } from './lane.mjs';
import { STORE_KEY } from './common.mjs';

after(shutdown);

function checkResponseShape(r, requestId) {
  const parts = r.frames[0].parts ?? 1;
  assert.equal(r.frames.length, parts, 'one frame per part');
  r.frames.forEach((f, i) => {
    assert.equal(f.type, 'inventory_response');
    assert.equal(f.requestId, requestId);
    assert.ok(typeof f.timestamp === 'string' && isLaneTime(f.timestamp), `timestamp ${f.timestamp}`);
    assert.ok(Array.isArray(f.inventory), 'inventory is an array');
    assert.ok(f.inventory.length <= 1500, 'at most 1500 records per frame');
    assert.match(f.checksum, /^[0-9a-f]{64}$/, 'checksum: lowercase hex SHA-256');
    assert.deepEqual(vectorProblems(f.vector), [], 'vector');
    if (f.parts !== undefined || parts > 1) {
      assert.equal(f.part, i + 1, 'part numbers 1-based in order');
      assert.equal(f.parts, parts);
    }
    if (f.held !== undefined) assert.match(f.held, /^[0-9a-f]{64}$/, 'held: hex SHA-256');
    for (const rec of f.inventory) {
      assert.ok(isUuid(rec.productId), `productId ${rec.productId}`);
      assert.ok(Number.isInteger(rec.currentStock), 'currentStock integer');
      assert.ok(Number.isInteger(rec.reservedStock), 'reservedStock integer');
      assert.ok(isLaneTime(rec.lastUpdated), `lastUpdated ${rec.lastUpdated}`);
      assert.ok(Number.isInteger(rec.hlcCounter) && rec.hlcCounter >= 0, 'hlcCounter');
      assert.equal(typeof rec.hlcTerminal, 'string', 'hlcTerminal is a string');
      assert.ok(rec.hlcTerminal === '' || isTerminalId(rec.hlcTerminal), `hlcTerminal ${rec.hlcTerminal}`);
      if (rec.baseline !== undefined) {
        assert.ok(Number.isInteger(rec.baseline.currentStock));
        assert.ok(isLaneTime(rec.baseline.lastUpdated));
        assert.ok(Number.isInteger(rec.baseline.hlcCounter));
        assert.equal(typeof rec.baseline.hlcTerminal, 'string');
      }
    }
  });
}

test('inventory_request: documented response shape; our §11.1 checksum equals the lane\'s', async (t) => {
  const lane = await Lane.start({ id: 'RC-A', ringSales: 3 });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-r1', vector: {}, autoAck: true });
  // the lane's sales first, so the figures are not all the catalog's
  await waitUntil(() => conn.messages().filter((m) => m.fromTerminal === 'RC-A').length >= 3, { what: 'the 3 sales', emitter: conn });

  let full;
  await t.test('plain seed request: every record, checksum recomputed', async () => {
    full = await requestInventory(conn, { requestId: 'plain-1' });
    checkResponseShape(full, 'plain-1');
    assert.ok(full.records.length >= 214, `records: ${full.records.length}`);
    assert.equal(new Set(full.records.map((r) => r.productId)).size, full.records.length, 'each product once');
    assert.equal(inventoryChecksum(full.records), full.checksum, 'checksum by §11.1 from the records equals the lane\'s');
    const h = await lane.health();
    if (h.inventory?.checksum) assert.equal(h.inventory.checksum, full.checksum, '--health reports the same checksum');
    assert.equal(full.vector['RC-A'], 3, 'vector: own entry is the last seq published');
  });

  await t.test('with the same checksum: match, no records', async () => {
    const r = await requestInventory(conn, { requestId: 'same-1', checksum: full.checksum, vector: full.vector });
    assert.equal(r.frames[0].match, true, r.frames[0]._raw.slice(0, 300));
    assert.equal(r.records.length, 0);
  });

  await t.test('with buckets: only differing buckets are sent and listed in coveredBuckets', async () => {
    const target = full.records[0];
    const b = bucketOf(target.productId);
    const altered = full.records.map((r) => (r.productId === target.productId ? { ...r, currentStock: r.currentStock + 1 } : r));
    const buckets = bucketHashes(altered);
    assert.equal(buckets.length, 65536);
    const r = await requestInventory(conn, { requestId: 'bk-1', checksum: inventoryChecksum(altered), vector: full.vector, buckets });
    const covered = r.frames.flatMap((f) => f.coveredBuckets ?? []);
    assert.deepEqual([...new Set(covered)], [b], `coveredBuckets ${JSON.stringify(covered)}`);
    const expected = full.records.filter((x) => bucketOf(x.productId) === b).map((x) => x.productId).sort();
    assert.deepEqual(r.records.map((x) => x.productId).sort(), expected, 'records of that bucket only');
  });

  await t.test('with identical buckets but another checksum: nothing differs', async () => {
    const r = await requestInventory(conn, { requestId: 'bk-2', buckets: bucketHashes(full.records) });
    assert.equal(r.records.length, 0, 'no records for identical buckets');
  });

  conn.close();
  await lane.stop();
});

test("a seed-format empty inventory_response to the lane's own inventory_request changes nothing", async () => {
  // PROTOCOL.md gives no way to make a lane reconcile on demand; README's reconcileFirstSeconds does.
  const lane = await Lane.start({ id: 'RC-B', ringSales: 2, args: ['--reconcile-first-seconds', '3', '--reconcile-timeout-seconds', '5'] });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-r2', vector: {}, autoAck: true });
  await waitUntil(() => conn.messages().filter((m) => m.fromTerminal === 'RC-B' && m.topic === 'transaction').length >= 2, { what: 'the 2 sales', emitter: conn });
  const before = await requestInventory(conn, { requestId: 'before' });
  const req = await conn.next((f) => f.type === 'inventory_request', { what: "the lane's inventory_request", timeout: 90_000 });
  assert.equal(typeof req.requestId, 'string');
  assert.ok(req.requestId.length >= 1 && req.requestId.length <= 64);
  if (req.checksum !== undefined) assert.equal(req.checksum, before.checksum, "request carries the lane's checksum");
  if (req.buckets !== undefined) assert.equal(req.buckets, bucketHashes(before.records), "request's buckets by §11.2");
  const from = conn.frames.length;
  conn.send({ type: 'inventory_response', requestId: req.requestId, inventory: [], timestamp: nowTime() });
  // the run ends with inventory.reconciliation.complete (§8, README)
  const done = await conn.next((f) => f.topic === 'inventory.reconciliation.complete', { from: 0, what: 'inventory.reconciliation.complete', timeout: 90_000 });
  assert.equal(typeof done.payload, 'object');
  const after2 = await requestInventory(conn, { requestId: 'after' });
  assert.equal(after2.checksum, before.checksum, 'checksum unchanged');
  const recon = conn.messages().filter((m) => m.topic === 'inventory' && m.fromTerminal === 'RC-B');
  assert.equal(
    recon.length,
    0,
    `the lane published ${recon.length} inventory messages after a response that settles nothing, e.g. ${recon
      .slice(0, 2)
      .map((m) => JSON.stringify(m.payload))
      .join(' ')}`,
  );
  assert.ok(from >= 0);
  conn.close();
  await lane.stop();
});
