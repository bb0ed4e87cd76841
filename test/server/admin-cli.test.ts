// The admin CLI as operators run it: a child process (`node --import tsx src/server/admin-cli.ts`,
// what `npm run admin --` runs) on a temp SQLite DATA_DIR, then the real server on the same data.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/main';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'src', 'server', 'admin-cli.ts');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir: string;

function admin(...args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withServer<T>(fn: (server: RunningServer) => Promise<T>): Promise<T> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DIST_DIR: path.join(dataDir, 'no-dist') });
  const server = await startServer(config);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

async function loginStatus(server: RunningServer, username: string, password: string): Promise<number> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return res.status;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-admin-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// Each case spawns a Node process that loads the CLI through tsx: about a second on an idle machine,
// up to ten on a loaded two-core one, and the create-user case spawns nine of them.
describe('npm run admin', { timeout: 120_000 }, () => {
  it('[A13] create-commune creates a commune, refuses a duplicate or a malformed id (exit 1, a reason)', async () => {
    const ok = await admin('create-commune', '--id', 'ngok-bay', '--name', 'Xã Ngọk Bay', '--province', 'quang-ngai');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toContain('Created commune ngok-bay "Xã Ngọk Bay" in province quang-ngai');
    const again = await admin('create-commune', '--id', 'ngok-bay', '--name', 'Khác');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const bad = await admin('create-commune', '--id', 'Ngọk Bay', '--name', 'x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not valid');
  });

  it('[A13] create-user makes commune members and province admins, with clear refusals', async () => {
    const member = await admin('create-user', '--username', 'lan.member', '--password', 'một mật khẩu dài', '--role', 'member', '--commune', 'ngok-bay');
    expect(member).toMatchObject({ code: 0 });
    expect(member.stdout).toContain('Created member lan.member (commune ngok-bay)');
    const adminUser = await admin('create-user', '--username', 'so-khcn', '--password', 'another long one', '--role', 'admin', '--province', 'quang-ngai', '--display-name', 'Sở KH&CN');
    expect(adminUser.stdout).toContain('Created admin so-khcn (province quang-ngai)');

    for (const [args, message] of [
      [['--username', 'x1y', '--password', 'long enough pass', '--role', 'member'], /add --commune/],
      [['--username', 'x1y', '--password', 'long enough pass', '--role', 'member', '--commune', 'nowhere'], /no commune "nowhere"/],
      [['--username', 'x1y', '--password', 'long enough pass', '--role', 'admin', '--commune', 'ngok-bay'], /use --province/],
      [['--username', 'x1y', '--password', '12345678', '--role', 'member', '--commune', 'ngok-bay'], /most common/],
      [['--username', 'x1y', '--password', 'short', '--role', 'member', '--commune', 'ngok-bay'], /at least 8/],
      [['--username', 'x1y', '--password', 'long enough pass', '--role', 'boss', '--commune', 'ngok-bay'], /role must be one of/],
      [['--username', 'LAN.member', '--password', 'long enough pass', '--role', 'member', '--commune', 'ngok-bay'], /is taken/],
    ] as const) {
      const res = await admin('create-user', ...args);
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.stderr).toMatch(message);
    }
  });

  it('[A13] list-users shows every account with role, commune and state', async () => {
    const res = await admin('list-users');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+ROLE\s+COMMUNE\s+STATE\s+DISPLAY NAME$/);
    expect(lines.some((line) => /^lan\.member\s+member\s+ngok-bay\s+active\s+lan\.member$/.test(line))).toBe(true);
    expect(lines.some((line) => /^so-khcn\s+admin\s+province:quang-ngai\s+active\s+Sở KH&CN$/.test(line))).toBe(true);
    expect(res.stdout).not.toMatch(/scrypt|mật khẩu/);
  });

  it('[A13] reset-password: the new password signs in, the old one no longer does', async () => {
    await withServer(async (server) => {
      expect(await loginStatus(server, 'lan.member', 'một mật khẩu dài')).toBe(200);
    });
    const res = await admin('reset-password', '--username', 'lan.member', '--password', 'mật khẩu mới toanh');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('every session of the account has ended');
    await withServer(async (server) => {
      expect(await loginStatus(server, 'lan.member', 'một mật khẩu dài')).toBe(401);
      expect(await loginStatus(server, 'lan.member', 'mật khẩu mới toanh')).toBe(200);
      // Real accounts exist, so this first server start made no demo accounts.
      expect(server.demoCredentials).toBeUndefined();
    });
    expect((await admin('reset-password', '--username', 'nobody', '--password', 'whatever long')).code).toBe(1);
  });

  it('[A13] disable-user stops sign-in; enable-user restores it', async () => {
    expect((await admin('disable-user', '--username', 'lan.member', '--as', 'so-khcn')).code).toBe(0);
    await withServer(async (server) => expect(await loginStatus(server, 'lan.member', 'mật khẩu mới toanh')).toBe(401));
    expect((await admin('enable-user', '--username', 'lan.member', '--as', 'so-khcn')).code).toBe(0);
    await withServer(async (server) => expect(await loginStatus(server, 'lan.member', 'mật khẩu mới toanh')).toBe(200));
  });

  it('[A13] wrong usage exits 2 with the usage text; help exits 0', async () => {
    for (const args of [[], ['make-coffee'], ['create-commune', '--id', 'x'], ['list-users', '--role', 'member'], ['create-user', '--colour', 'red']]) {
      const res = await admin(...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain('Usage: npm run admin');
    }
    const help = await admin('help');
    expect(help.code).toBe(0);
    expect(help.stderr).toContain('create-commune --id <id> --name <name> [--province <id>]');
  });
});
