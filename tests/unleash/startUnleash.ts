import { ChildProcess, execFileSync, spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import { freePort } from '../../src/testing/freePort';
import os from 'os';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface RealUnleash {
  url: string;
  /** An admin API token, sent as the bare Authorization header value as Unleash expects. */
  token: string;
  stop: () => Promise<void>;
}

/** PostgreSQL's programs: PG_BIN, else the newest Debian cluster's, else whatever PATH has. */
function postgresBin(): string {
  if (process.env.PG_BIN) {
    return process.env.PG_BIN;
  }
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => /^\d+$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : '';
}

/**
 * Runs a PostgreSQL program. PostgreSQL refuses to run as root, so as root (CI containers)
 * it runs as the `postgres` user the Debian package creates.
 */
function pg(program: string, args: string[]): void {
  const bin = postgresBin();
  const file = bin ? path.join(bin, program) : program;
  const asRoot = process.getuid?.() === 0;
  try {
    execFileSync(asRoot ? 'runuser' : file, asRoot ? ['-u', 'postgres', '--', file, ...args] : args, { stdio: 'pipe' });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(`${program} failed: ${stderr.trim() || (error as Error).message}. Is PostgreSQL installed (apt-get install postgresql)?`);
  }
}

/** A throwaway PostgreSQL cluster in a temporary folder on a free port, with database `unleash`. */
async function startPostgres(): Promise<{ port: number; stop: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['postgres', dir]);
  }
  // trust on loopback only: the cluster lives for one test file and listens on 127.0.0.1.
  pg('initdb', ['-D', data, '-U', 'unleash', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  // -F: no fsync, -k: the socket in the temporary folder, not /var/run (which may not exist).
  pg('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -h 127.0.0.1 -F`, '-l', path.join(dir, 'log'), '-w', 'start']);
  pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'unleash', 'unleash']);
  return {
    port,
    stop: () => {
      try {
        pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Waits for `listening <port>` on the child's stdout. */
function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) {
        resolve(Number(port));
      }
    });
    child.stderr?.on('data', (chunk) => (err += String(chunk)));
    child.once('exit', (code) => reject(new Error(`the Unleash server exited (${code}) before listening: ${err.slice(-2000)}`)));
  });
}

/**
 * The real Unleash server (installed by scripts/installUnleash.mjs) on a fresh PostgreSQL
 * cluster; one per test file, as start-up (migrations included) takes seconds.
 */
export async function startUnleash(): Promise<RealUnleash> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'installUnleash.mjs')], { stdio: 'inherit' });
  const postgres = await startPostgres();
  const token = `*:*.${crypto.randomBytes(16).toString('hex')}`;
  const child = spawn(process.execPath, [path.join(__dirname, 'serve.cjs')], {
    env: {
      PATH: process.env.PATH ?? '',
      UNLEASH_DIR: path.join(ROOT, '.build', 'unleash-server'),
      PG_PORT: String(postgres.port),
      PG_USER: 'unleash',
      PG_DATABASE: 'unleash',
      UNLEASH_ADMIN_TOKEN: token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    postgres.stop();
  };
  try {
    const port = await waitForPort(child);
    return { url: `http://127.0.0.1:${port}`, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
