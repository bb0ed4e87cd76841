// The real entry point as a child process: it starts, serves, and stops cleanly on
// SIGTERM/SIGINT (what Docker, systemd and Ctrl-C send); bad start-ups exit 1 with a reason.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { startServer } from '../../src/server/main';
import type { HealthResponse } from '../../src/server/routes/health';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import { META_KEYS } from '../../src/server/storage/types';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/pg';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(REPO_ROOT, 'src', 'server', 'main.ts');
const INDEX_HTML = '<!doctype html><title>Sổ tay số</title>';

interface Child {
  process: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(env: Record<string, string>): Child {
  // A clean environment: nothing from the developer's shell (DATABASE_URL, PORT…) leaks in.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { process: child, output: () => ({ stdout, stderr }), exited };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForHealth(url: string, child: Child, timeoutMs = 20_000): Promise<HealthResponse> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`server exited early: ${JSON.stringify(child.output())}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return (await res.json()) as HealthResponse;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy server at ${url} after ${timeoutMs} ms: ${JSON.stringify(child.output())}`);
}

async function expectExit(child: Child, withinMs: number): Promise<number | null> {
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), withinMs));
  const result = await Promise.race([child.exited, timeout]);
  if (result === 'timeout') {
    child.process.kill('SIGKILL');
    throw new Error(`did not exit within ${withinMs} ms: ${JSON.stringify(child.output())}`);
  }
  return result.code;
}

let dir: string;
let children: Child[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-process-'));
  await mkdir(path.join(dir, 'dist'));
  await writeFile(path.join(dir, 'dist', 'index.html'), INDEX_HTML);
  children = [];
});

afterEach(async () => {
  for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

function launch(env: Record<string, string>): Child {
  const child = startChild({ DATA_DIR: path.join(dir, 'data'), DIST_DIR: path.join(dir, 'dist'), HOST: '127.0.0.1', ...env });
  children.push(child);
  return child;
}

describe('the server process (SQLite)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('starts, serves the API and the app, and exits 0 on %s', async (signal) => {
    const port = await freePort();
    const child = launch({ PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    const health = await waitForHealth(url, child);
    expect(health).toMatchObject({ status: 'ok', database: { kind: 'sqlite', ok: true } });
    expect(child.output().stdout).toContain(url);
    expect(await (await fetch(`${url}/checklists/abc`, { headers: { accept: 'text/html' } })).text()).toBe(INDEX_HTML);
    expect(existsSync(path.join(dir, 'data', 'so-tay-so.sqlite'))).toBe(true);

    child.process.kill(signal);
    expect(await expectExit(child, 5_000)).toBe(0);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });

  it('keeps its database, and so its sync epoch, across a restart', async () => {
    const file = path.join(dir, 'data', 'so-tay-so.sqlite');
    const readEpoch = async () => {
      const store = new SqliteStore({ file });
      try {
        return await store.getMeta(META_KEYS.epoch);
      } finally {
        await store.close();
      }
    };
    const port = await freePort();
    const first = launch({ PORT: String(port) });
    await waitForHealth(`http://127.0.0.1:${port}`, first);
    first.process.kill('SIGTERM');
    expect(await expectExit(first, 5_000)).toBe(0);
    const epoch = await readEpoch();
    expect(epoch).toMatch(/^[0-9a-f]{32}$/);

    const second = launch({ PORT: String(port) });
    const health = await waitForHealth(`http://127.0.0.1:${port}`, second);
    expect(health.database.ok).toBe(true);
    second.process.kill('SIGTERM');
    expect(await expectExit(second, 5_000)).toBe(0);
    expect(await readEpoch()).toBe(epoch);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'mysql://localhost/sts' }, /DATABASE_URL/],
  ])('exits 1 with a clear message on bad configuration %o', async (env, message) => {
    const child = launch(env);
    expect(await expectExit(child, 25_000)).toBe(1);
    expect(child.output().stderr).toMatch(/Invalid configuration/);
    expect(child.output().stderr).toMatch(message);
  });

  it('warns loudly on stderr when NODE_ENV is unset on an address other machines reach, and not on loopback', async () => {
    const port = await freePort();
    const exposed = launch({ PORT: String(port), HOST: '0.0.0.0', NODE_ENV: '' });
    await waitForHealth(`http://127.0.0.1:${port}`, exposed);
    expect(exposed.output().stderr).toMatch(/WARNING: NODE_ENV is not set and the server listens on 0\.0\.0\.0.*NODE_ENV=production/s);
    exposed.process.kill('SIGTERM');
    expect(await expectExit(exposed, 5_000)).toBe(0);

    const local = launch({ PORT: String(port), NODE_ENV: '' });
    await waitForHealth(`http://127.0.0.1:${port}`, local);
    expect(local.output().stderr).not.toContain('NODE_ENV');
    local.process.kill('SIGTERM');
    expect(await expectExit(local, 5_000)).toBe(0);
  });

  it('on a newcomer\'s start prints no JSON log lines and ends with a plain banner: address, database, demo accounts', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const banner = async (child: Child) => {
      await waitForHealth(url, child);
      await expect.poll(() => child.output().stdout, { timeout: 5_000 }).toMatch(/Stop with Ctrl\+C\.\n$/);
      child.process.kill('SIGTERM');
      expect(await expectExit(child, 5_000)).toBe(0);
      return child.output().stdout;
    };
    const first = await banner(launch({ PORT: String(port), NODE_ENV: '', LOG_LEVEL: '' }));
    expect(first).not.toMatch(/^\{/m);
    expect(first).toContain(`Open:      ${url}`);
    expect(first).toContain(`Database:  SQLite ${path.join(dir, 'data', 'so-tay-so.sqlite')}`);
    expect(first).toMatch(/demo-member {4}[a-z2-9]{16} {2}\(member\)/);
    expect(first.trimEnd().split('\n').at(-1)).toContain('Who sees what');

    const later = await banner(launch({ PORT: String(port), NODE_ENV: '', LOG_LEVEL: '' }));
    expect(later).not.toMatch(/^\{/m);
    expect(later).toContain('Demo accounts: demo-member, demo-leader, demo-reviewer, demo-admin');
    expect(later).toContain('reset-password');
  });

  it('exits 1 when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as net.AddressInfo;
      const child = launch({ PORT: String(port) });
      expect(await expectExit(child, 25_000)).toBe(1);
      expect(child.output().stderr).toMatch(/could not start.*EADDRINUSE|EADDRINUSE/s);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('exits 1 when the PostgreSQL server cannot be reached', async () => {
    const port = await freePort(); // nothing listens there
    const child = launch({ PORT: String(await freePort()), DATABASE_URL: `postgres://nobody:nothing@127.0.0.1:${port}/none` });
    expect(await expectExit(child, 15_000)).toBe(1);
    expect(child.output().stderr).toMatch(/could not start/);
    expect(child.output().stderr).not.toContain('nothing@'); // no password in the message
  });
});

describe('startServer (in process)', () => {
  it('returns a reachable url, and stop() closes the listener and the store', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', DATA_DIR: path.join(dir, 'data'), DIST_DIR: path.join(dir, 'dist') });
    const server = await startServer(config);
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    // The long-running server checkpoints SQLite's WAL on its own thread, never inside a COMMIT.
    expect(server.store).toBeInstanceOf(SqliteStore);
    expect((server.store as SqliteStore).settings().walAutocheckpoint).toBe(0);
    await server.stop();
    await server.stop(); // idempotent
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    expect(await server.store.health()).toEqual({ ok: false, schemaVersion: 0 });
  });
});

describePostgres('the server process (PostgreSQL)', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('migrates the PostgreSQL database, serves, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = launch({ PORT: String(port), DATABASE_URL: database.url });
    const health = await waitForHealth(`http://127.0.0.1:${port}`, child);
    expect(health).toMatchObject({ status: 'ok', database: { kind: 'postgres', ok: true } });
    expect(child.output().stdout).not.toContain('sotayso:sotayso'); // the start-up line masks the password
    child.process.kill('SIGTERM');
    expect(await expectExit(child, 5_000)).toBe(0);
  });
});
