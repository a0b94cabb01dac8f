// Starting and stopping real lanes (the euphoria-lane executable) for the conformance tests.
// Uses only what README.md documents: command-line flags, the store key environment variable,
// the `listening for peers on 127.0.0.1:<port>` log line (or `<dataDir>/lane-<id>.port`) and `--health`.

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitUntil, DEFAULT_TIMEOUT } from './peer.mjs';

export const LANE = process.env.LANE_EXECUTABLE || path.resolve(import.meta.dirname, '../../build/app/euphoria-lane');
// Store keys (§1: 32 to 128 hex digits; made with `openssl rand -hex 32`). STORE_KEY is what every
// lane of the suite holds unless a test says otherwise; the others are for rotation tests.
export const STORE_KEY = '7c0c6e9c3e54ea214b8971cb76cb56f87f10d599cfadc6c7f83927876826e968';
export const OLD_KEY = '23083145931f21b5b54865ce8e066f34572a6d080871486a3d791af1970f03e0';
export const NEW_KEY = '10b72b77a64d84ed4ebfa80beb1843e94a9161d2ea89ec868cc68601028d8c42';
export const OTHER_KEY = 'f123718591d1b65f6db28840013d10a1c74d64e822b547cf6e4933df7596ba12';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'euphoria-conformance-'));
let counter = 0;
const running = new Set();

function laneEnv(storeKey) {
  const home = path.join(tmpRoot, 'home');
  fs.mkdirSync(home, { recursive: true });
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), QT_QPA_PLATFORM: 'offscreen' };
  for (const k of Object.keys(env)) if (k.startsWith('EUPHORIA_')) delete env[k];
  if (storeKey !== null) env.EUPHORIA_STORE_KEY = storeKey;
  return env;
}

export class Lane {
  /**
   * opts: id, storeKey (one key, or "new,old"), peers (urls), plaintextPeers (terminal ids and
   *   ws:// urls allowed protocol 2, §3.7), ringSales, args (extra flags), dataDir (reuse one)
   */
  constructor(opts) {
    this.id = opts.id;
    this.storeKey = opts.storeKey === undefined ? STORE_KEY : opts.storeKey;
    this.peers = opts.peers ?? [];
    this.plaintextPeers = opts.plaintextPeers ?? [];
    this.ringSales = opts.ringSales ?? 0;
    this.extra = opts.args ?? [];
    this.dataDir = opts.dataDir ?? path.join(tmpRoot, `${opts.id}-${++counter}`);
    this.cwd = path.join(tmpRoot, `cwd-${counter}-${opts.id}`);
    fs.mkdirSync(this.dataDir, { recursive: true });
    fs.mkdirSync(this.cwd, { recursive: true });
    this.stdout = '';
    this.stderr = '';
    this.exit = null;
  }

  args() {
    const a = ['--headless', '--terminal-id', this.id, '--data-dir', this.dataDir, '--terminal-port', '0', '--bind-address', '127.0.0.1', '--status-interval', '0', '--peer-backoff-initial-ms', '300', '--peer-backoff-max-ms', '2000'];
    if (this.peers.length) a.push('--peer-terminals', this.peers.join(','));
    if (this.plaintextPeers.length) a.push(PLAINTEXT_PEERS_FLAG, this.plaintextPeers.join(','));
    if (this.ringSales) a.push('--ring-sales', String(this.ringSales));
    // No scheduled reconciliation (its messages and inventory_request would interleave with what a
    // test checks) unless the test asks for it.
    if (!this.extra.includes('--reconcile-first-seconds')) a.push('--reconcile-first-seconds', '3600');
    return [...a, ...this.extra];
  }

  static async start(opts) {
    const l = new Lane(opts);
    await l.start();
    return l;
  }

  async start() {
    this.stdout = '';
    this.stderr = '';
    this.exit = null;
    this.port = undefined;
    const portFile = path.join(this.dataDir, `lane-${this.id}.port`);
    try {
      fs.unlinkSync(portFile);
    } catch {
      /* none */
    }
    this.proc = spawn(LANE, this.args(), { cwd: this.cwd, env: laneEnv(this.storeKey), stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(this);
    this.proc.stdout.on('data', (d) => (this.stdout += d.toString()));
    this.proc.stderr.on('data', (d) => (this.stderr += d.toString()));
    this.proc.on('exit', (code, signal) => {
      this.exit = { code, signal };
      running.delete(this);
    });
    const m = await waitUntil(
      () => {
        const mm = /listening for peers on 127\.0\.0\.1:(\d+)/.exec(this.stderr);
        if (mm) return Number(mm[1]);
        if (this.exit) throw new Error(`lane ${this.id} exited ${JSON.stringify(this.exit)} before listening:\n${this.stderr.slice(-3000)}`);
        return undefined;
      },
      { timeout: DEFAULT_TIMEOUT, what: `lane ${this.id} listening` },
    );
    this.port = m;
    this.url = `ws://127.0.0.1:${m}`;
    if (this.ringSales) {
      await waitUntil(() => this.saleIds().length >= this.ringSales || (this.exit && new Error('exited')), {
        timeout: 120_000,
        what: `lane ${this.id} ringing ${this.ringSales} sales`,
      });
    }
    return this;
  }

  /** Transaction ids the lane printed for --ring-sales (one per line). */
  saleIds() {
    return this.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s));
  }

  async stop() {
    if (!this.proc || this.exit) return;
    this.proc.kill('SIGTERM');
    try {
      await waitUntil(() => this.exit, { timeout: 20_000, what: `lane ${this.id} exit` });
    } catch {
      this.proc.kill('SIGKILL');
      await waitUntil(() => this.exit, { timeout: 20_000, what: `lane ${this.id} exit after SIGKILL` });
    }
  }

  /** `--health` as JSON (exit status 1 is a verdict, not a failure to read it). */
  health() {
    const args = ['--health', '--terminal-id', this.id, '--data-dir', this.dataDir];
    if (this.peers.length) args.push('--peer-terminals', this.peers.join(','));
    return new Promise((resolve, reject) => {
      execFile(LANE, args, { cwd: this.cwd, env: laneEnv(this.storeKey), timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') return reject(err);
        try {
          resolve(JSON.parse(stdout));
        } catch (e) {
          reject(new Error(`--health did not print JSON (exit ${err?.code ?? 0}): ${stdout.slice(0, 2000)} ${stderr.slice(0, 2000)}`));
        }
      });
    });
  }

  log() {
    return this.stderr;
  }
}

/** The command-line flag of the setting `plaintextPeers` (§3.7). */
export const PLAINTEXT_PEERS_FLAG = '--plaintext-peers';

/**
 * Runs the lane executable once with `args` (not as a lane that keeps running: --new-store-key,
 * or a start that must fail) and returns { code, signal, stdout, stderr }. A lane that is still
 * running after `timeout` ms is killed (and reported as such).
 */
export function runLane(args, { storeKey = null, env = {}, timeout = 30_000 } = {}) {
  return new Promise((resolve) => {
    const cwd = fs.mkdtempSync(path.join(tmpRoot, 'run-'));
    const p = spawn(LANE, args, { cwd, env: { ...laneEnv(storeKey), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d.toString()));
    p.stderr.on('data', (d) => (stderr += d.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      p.kill('SIGKILL');
    }, timeout);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, killed, cwd });
    });
  });
}

/** A fresh temporary directory under the suite's root. */
export function tempDir(prefix = 'tmp-') {
  return fs.mkdtempSync(path.join(tmpRoot, prefix));
}

export async function stopAll() {
  await Promise.all([...running].map((l) => l.stop()));
}

/** Stop every lane this process started and remove their data (unless CONFORMANCE_KEEP_DATA is set). */
export async function shutdown() {
  await stopAll();
  if (!process.env.CONFORMANCE_KEEP_DATA) cleanupTmp();
}

export function cleanupTmp() {
  try {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  } catch {
    /* ignore */
  }
}

process.on('exit', () => {
  for (const l of running) {
    try {
      l.proc.kill('SIGKILL');
    } catch {
      /* ignore */
    }
  }
});
