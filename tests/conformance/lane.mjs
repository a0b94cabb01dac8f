// Starting and stopping real lanes (the euphoria-lane executable) for the conformance tests.
// Uses only what README.md documents: command-line flags, the store key environment variable,
// the `listening for peers on 127.0.0.1:<port>` log line (or `<dataDir>/lane-<id>.port`) and `--health`.

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitUntil, DEFAULT_TIMEOUT } from './peer.mjs';

export const LANE = process.env.LANE_EXECUTABLE || path.resolve(import.meta.dirname, '../../build/app/euphoria-lane');
export const STORE_KEY = 'conformance-store-key-0123456789';

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
   * opts: id, storeKey, peers (urls), ringSales, args (extra flags), dataDir (reuse one)
   */
  constructor(opts) {
    this.id = opts.id;
    this.storeKey = opts.storeKey === undefined ? STORE_KEY : opts.storeKey;
    this.peers = opts.peers ?? [];
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
