// §1 and §3.6 store keys: weak keys refused at start (exit status 2, naming the setting);
// `--new-store-key` makes a key the lane accepts, printed or written to a file with mode 0600.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { connectPeer } from './peer.mjs';
import { Lane, runLane, tempDir, shutdown, STORE_KEY } from './lane.mjs';

after(shutdown);

const WEAK = [
  ['a passphrase (not hex)', 'conformance-store-key-0123456789'],
  ['an arithmetic run of bytes', '00112233445566778899aabbccddeeff'],
  ['a repeated block', 'a1b2c3d4e5f60718'.repeat(4)],
  ['a constant', '77'.repeat(32)],
  ['fewer than 8 distinct byte values', '1155337722664411773355224466113322775544663311227744556622113377'],
  ['31 hex digits (too short)', STORE_KEY.slice(0, 31)],
  ['an odd number of hex digits', STORE_KEY.slice(0, 33)],
  ['130 hex digits (too long)', (STORE_KEY + STORE_KEY + STORE_KEY).slice(0, 130)],
  ['a good key then a weak one', `${STORE_KEY},00112233445566778899aabbccddeeff`],
];

function startArgs(id) {
  const dir = tempDir(`weak-${id}-`);
  return ['--headless', '--terminal-id', id, '--data-dir', dir, '--terminal-port', '0', '--bind-address', '127.0.0.1', '--status-interval', '0'];
}

for (const [name, key] of WEAK) {
  test(`a weak store key is refused at start with exit status 2: ${name}`, async () => {
    const r = await runLane(startArgs('WK'), { storeKey: key });
    assert.ok(!r.killed, `the lane kept running with a weak key:\n${r.stderr.slice(-1500)}`);
    assert.equal(r.code, 2, `exit status (stderr: ${r.stderr.slice(-1500)})`);
    const out = r.stderr + r.stdout;
    // §3.6: a message that names where the key came from and never shows it
    const what = key.includes(',') ? 'store key 2 of 2 is weak' : 'the store key is weak';
    assert.match(out, new RegExp(`environment variable EUPHORIA_STORE_KEY: ${what}: it is .*; make one with euphoria-lane --new-store-key`), `§3.6 message: ${out.slice(-800)}`);
    assert.ok(!out.includes(key.split(',').pop()), 'the key itself is not printed');
  });
}

test('a weak key given with --store-key is refused the same way', async () => {
  const r = await runLane([...startArgs('WK-F'), '--store-key', '00112233445566778899aabbccddeeff']);
  assert.equal(r.code, 2, r.stderr.slice(-1500));
  assert.match(r.stderr + r.stdout, /--store-key: the store key is weak: it is .*; make one with euphoria-lane --new-store-key/, 'the message names the option the key came from');
  assert.ok(!(r.stderr + r.stdout).includes('00112233445566778899aabbccddeeff'), 'the key itself is not printed');
});

test('the same key twice is refused at start', async () => {
  const r = await runLane(startArgs('WK-2'), { storeKey: `${STORE_KEY},${STORE_KEY.toUpperCase()}` });
  assert.ok(!r.killed, 'the lane kept running with one key twice (upper- and lower-case: the same key, §1)');
  assert.equal(r.code, 2, r.stderr.slice(-1500));
  assert.match(r.stderr + r.stdout, /environment variable EUPHORIA_STORE_KEY: /);
  assert.ok(!(r.stderr + r.stdout).toLowerCase().includes(STORE_KEY), 'the key itself is not printed');
});

test('five store keys (more than 4) are refused at start', async () => {
  const keys = ['1', '2', '3', '4', '5'].map((d) => STORE_KEY.slice(0, 63) + d).join(',');
  const r = await runLane(startArgs('WK-5'), { storeKey: keys });
  assert.ok(!r.killed, 'the lane kept running with five keys');
  assert.equal(r.code, 2, r.stderr.slice(-1500));
  assert.match(r.stderr + r.stdout, /environment variable EUPHORIA_STORE_KEY: at most 4 store keys at once/);
});

test('--new-store-key prints 64 hex digits (fresh each time) that a lane accepts', async () => {
  const a = await runLane(['--new-store-key']);
  const b = await runLane(['--new-store-key']);
  assert.equal(a.code, 0, a.stderr);
  const key = a.stdout.trim();
  assert.match(key, /^[0-9a-f]{64}$/i, `printed: ${JSON.stringify(a.stdout)}`);
  assert.notEqual(b.stdout.trim(), key, 'a fresh key each time');
  const lane = await Lane.start({ id: 'NK-A', storeKey: key });
  const { conn } = await connectPeer(lane.url, { storeKey: key, terminalId: 'conf-nk', vector: {} });
  conn.close();
  await lane.stop();
});

test('--new-store-key FILE writes the key with mode 0600; storeKeyFile reads it', async () => {
  const dir = tempDir('nk-');
  const file = path.join(dir, 'store.key');
  const r = await runLane(['--new-store-key', file]);
  assert.equal(r.code, 0, r.stderr);
  const st = fs.statSync(file);
  assert.equal(st.mode & 0o777, 0o600, `mode ${(st.mode & 0o777).toString(8)}`);
  const key = fs.readFileSync(file, 'utf8').trim();
  assert.match(key, /^[0-9a-f]{64}$/i);
  assert.ok(!(r.stdout + r.stderr).includes(key), 'the key is not printed when it goes to a file');
  const lane = await Lane.start({ id: 'NK-B', storeKey: null, args: ['--store-key-file', file] });
  const { conn } = await connectPeer(lane.url, { storeKey: key, terminalId: 'conf-nkf', vector: {} });
  conn.close();
  await lane.stop();
});
