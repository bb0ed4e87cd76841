// Demo mode (docs/sync.md §5, docs/privacy.md checklist item 12): the first start of an empty embedded
// database creates one demo commune and one account per role and prints the passwords once;
// never in production, and a production start refuses a database with demo accounts.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { DEMO_ACCOUNTS, DEMO_COMMUNE } from '../../src/server/demo';
import { startServer, type RunningServer } from '../../src/server/main';
import type { PullResponse } from '../../src/shared/sync/protocol';
import { createTestDatabase, describePostgres } from '../helpers/pg';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(REPO_ROOT, 'src', 'server', 'main.ts');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-demo-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function config(env: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', DATA_DIR: path.join(dir, 'data'), DIST_DIR: path.join(dir, 'dist'), ...env });
}

async function signIn(server: RunningServer, username: string, password: string): Promise<{ status: number; accessToken?: string; user?: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { accessToken?: string; user?: Record<string, unknown> };
  return { status: res.status, ...body };
}

/** Runs main.ts to completion or until it prints its banner, then stops it. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', DATA_DIR: path.join(dir, 'data'), DIST_DIR: path.join(dir, 'dist'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('Stop with Ctrl+C.')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

describe('demo mode', () => {
  it('[A14] the first start prints one account per role once; they sign in and see the demo commune and the catalogue', async () => {
    const first = await runMain({ NODE_ENV: 'development' });
    expect(first.stdout).toContain(`Demo commune "${DEMO_COMMUNE.name}", one account per role. These passwords are shown only now:`);
    const passwords = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const match = new RegExp(`^\\s+${account.username}\\s+([a-z2-9]{16})\\s+\\(${account.role}\\)$`, 'm').exec(first.stdout);
      expect(match, account.username).not.toBeNull();
      passwords.set(account.username, match![1]!);
    }
    expect(new Set(passwords.values()).size).toBe(DEMO_ACCOUNTS.length);

    const second = await runMain({ NODE_ENV: 'development' });
    expect(second.stdout).not.toContain('shown only now');
    expect(second.stdout).not.toMatch(/[a-z2-9]{16} {2}\(/);

    const server = await startServer(config());
    try {
      expect(server.demoCredentials).toBeUndefined();
      const member = await signIn(server, 'demo-member', passwords.get('demo-member')!);
      expect(member.status).toBe(200);
      expect(member.user).toMatchObject({ role: 'member', communeId: DEMO_COMMUNE.id, displayName: 'Thành viên tổ (demo)' });
      const admin = await signIn(server, 'demo-admin', passwords.get('demo-admin')!);
      expect(admin.user).toMatchObject({ role: 'admin', communeId: null, provinceId: 'quang-ngai' });
      const pull = await fetch(`${server.url}/api/sync/pull`, { headers: { authorization: `Bearer ${member.accessToken}` } });
      const body = (await pull.json()) as PullResponse;
      expect(body.changes.filter((change) => change.table === 'services').length).toBeGreaterThan(10);
    } finally {
      await server.stop();
    }
  });

  it('[A14] DEMO_PASSWORD (tests only) fixes the demo password', async () => {
    const server = await startServer(config({ DEMO_PASSWORD: 'e2e-demo-password' }));
    try {
      expect(server.demoCredentials?.map((c) => c.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
      for (const account of DEMO_ACCOUNTS) expect((await signIn(server, account.username, 'e2e-demo-password')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('[A14] NODE_ENV=production creates no demo accounts, and refuses to start on a database that has them', async () => {
    const production = await startServer(config({ NODE_ENV: 'production' }));
    try {
      expect(production.demoCredentials).toBeUndefined();
      expect(await production.store.accounts.listUsers()).toEqual([]);
    } finally {
      await production.stop();
    }
    await rm(path.join(dir, 'data'), { recursive: true, force: true });
    const demo = await startServer(config({ DEMO_PASSWORD: 'e2e-demo-password' }));
    await demo.stop();
    const refused = await runMain({ NODE_ENV: 'production' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/demo accounts \((demo-[a-z]+(, )?){4}\), which must never exist in production/);
    const withPassword = await runMain({ NODE_ENV: 'production', DEMO_PASSWORD: 'e2e-demo-password' });
    expect(withPassword.code).toBe(1);
    expect(withPassword.stderr).toContain('DEMO_PASSWORD: is for tests only');
  });
});

describePostgres('demo mode on PostgreSQL', () => {
  it('[A14] is off: PostgreSQL is a real deployment', async () => {
    const database = await createTestDatabase();
    try {
      const server = await startServer(config({ DATABASE_URL: database.url, DEMO_PASSWORD: 'e2e-demo-password' }));
      try {
        expect(server.demoCredentials).toBeUndefined();
        expect(await server.store.accounts.listUsers()).toEqual([]);
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
