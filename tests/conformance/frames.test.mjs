// §2 and §7: bad frames (sealed) are counted and the 100th closes; frames over 1 MiB (a sealed
// frame: 1 MiB + 16 bytes) close with 1009; the rate limit; the handshake timeout.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectPeer, makeHello3, requestInventory, waitUntil, uuidv7 } from './peer.mjs';
import { Lane, shutdown } from './lane.mjs';
import { STORE_KEY, expectErrorClose } from './common.mjs';
import { healthPeer, badFrames } from './health.mjs';

after(shutdown);

test('bad frames after the handshake: counted, the connection stays until the 100th closes it', async () => {
  const lane = await Lane.start({ id: 'FR-A' });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-f1', vector: {} });
  const kinds = [
    () => '{"type":"ack", not json',
    () => '[1,2,3]',
    () => '"a string"',
    () => '42',
    () => JSON.stringify({ type: 'no_such_frame_type' }),
    () => JSON.stringify(makeHello3({ terminalId: 'conf-f1', keys: [STORE_KEY] })),
    () => JSON.stringify({ type: 'auth', vector: {}, mac: Buffer.alloc(32).toString('base64') }),
    () => JSON.stringify({ type: 'welcome', vector: {}, mac: Buffer.alloc(32).toString('base64') }),
    () => JSON.stringify({ fromTerminal: 'conf-f1', topic: 'transaction', payload: {}, timestamp: new Date().toISOString() }), // message without id
  ];
  for (let i = 0; i < 50; i++) conn.sendSealed(kinds[i % kinds.length]());
  // still served: an inventory_request is answered
  const inv = await requestInventory(conn);
  assert.ok(inv.records.length > 0);
  assert.ok(!conn.closed, 'open after 50 bad frames');
  assert.ok(!conn.frames.some((f) => f.type === 'error'), 'no error frame yet');
  // counted in --health
  await waitUntil(
    async () => {
      const n = badFrames(healthPeer(await lane.health(), 'conf-f1'));
      return n !== undefined && n >= 50;
    },
    { what: '50 bad frames counted for conf-f1 in --health' },
  );
  for (let i = 50; i < 99; i++) conn.sendSealed(kinds[i % kinds.length]());
  const inv2 = await requestInventory(conn);
  assert.ok(inv2.records.length > 0);
  assert.ok(!conn.closed, 'open after 99 bad frames');
  conn.sendSealed('{not json either');
  await expectErrorClose(conn, /100 bad frames/, { sealed: true });
  await lane.stop();
});

test('a sealed frame over 1 MiB + 16 bytes closes with 1009; a plaintext of exactly 1 MiB (sealed: + 16) is served', async () => {
  const lane = await Lane.start({ id: 'FR-C' });
  // exactly 1 MiB of JSON text, sealed to 1 MiB + 16 bytes: not refused for its size
  const { conn: ok } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-f3a', vector: {} });
  const base = JSON.stringify({ type: 'inventory_request', requestId: 'pad', timestamp: new Date().toISOString(), pad: '' });
  const padLen = 1024 * 1024 - Buffer.byteLength(base);
  const inv = await requestInventory(ok, { requestId: 'pad', timestamp: JSON.parse(base).timestamp, pad: 'x'.repeat(padLen) });
  assert.equal(ok.sent.find((b) => Buffer.isBuffer(b) && b.length > 1024 * 1024)?.length, 1024 * 1024 + 16, 'the sealed frame was 1 MiB + 16 bytes');
  assert.ok(inv.records.length > 0, 'a 1 MiB frame (sealed: 1 MiB + 16 bytes) is served');
  ok.close();

  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-f3', vector: {} });
  conn.send({ type: 'inventory_request', requestId: 'big', timestamp: new Date().toISOString(), pad: 'x'.repeat(1024 * 1024 + 10) });
  const c = await conn.waitClosed();
  // 1006 (no close frame) is tolerated: the lane closes with most of our frame unread, and the TCP
  // reset that follows can discard its close frame.
  assert.ok(c.code === 1009 || c.code === 1006, `close code ${c.code} ${c.reason}`);
  assert.ok(!conn.frames.some((f) => f.type === 'error'), 'no error frame before a 1009 close (§2)');
  await waitUntil(() => /conf-f3\b.*(1048576|1048592|1 MiB|too large|larger)/i.test(lane.log()), { what: 'the lane logging why it closed' });
  await lane.stop();
});

test('bad frame during the handshake closes with an error frame', async () => {
  const lane = await Lane.start({ id: 'FR-D' });
  const { openWs } = await import('./peer.mjs');
  const conn = await openWs(lane.url);
  conn.sendRaw('{"type":"hello", oops');
  await expectErrorClose(conn, null, { sealed: false });
  const conn2 = await openWs(lane.url);
  conn2.send({ ...makeHello3({ terminalId: 'conf-f4', keys: [STORE_KEY] }), clock: new Date().toISOString() }); // clock without the other two members
  await expectErrorClose(conn2, /^bad handshake frame: /, { sealed: false });
  await lane.stop();
});

test('frames per second over peerMaxFramesPerSecond close the connection', async () => {
  const lane = await Lane.start({ id: 'FR-E', args: ['--peer-max-frames-per-second', '20'] });
  const { conn } = await connectPeer(lane.url, { storeKey: STORE_KEY, terminalId: 'conf-f5', vector: {} });
  // 400 harmless frames at once: acks for ids not in flight (ignored, §6), far over a burst of 20
  for (let i = 0; i < 400; i++) conn.send({ type: 'ack', messageId: uuidv7() });
  const c = await conn.waitClosed();
  // The error frame and the 1008 close are not reliably seen here: the lane closes the socket with
  // our frames still unread, and the TCP reset that follows can discard them (see the report).
  const err = conn.frames.find((f) => f.type === 'error');
  if (err) {
    assert.match(err.reason, /more than 20 frames per second/);
    assert.equal(c.code, 1008);
  }
  await waitUntil(() => /more than 20 frames per second/.test(lane.log()), { what: 'the lane logging the reason' });
  await lane.stop();
});

test('a connection without a handshake is closed (10 s)', async () => {
  const lane = await Lane.start({ id: 'FR-F' });
  const { openWs } = await import('./peer.mjs');
  const conn = await openWs(lane.url);
  await expectErrorClose(conn, /^no handshake within 10000 ms$/, { sealed: false });
  await lane.stop();
});
