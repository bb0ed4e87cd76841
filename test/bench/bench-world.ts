// One way to start the server for every bench: the e2e tests' own server process
// (test/e2e/support/server.ts startServerProcess). The phone benches (sync-client.bench.ts,
// profile-first-sync.ts) take it as the e2e tests do, through startAppServer with its own fresh data
// directory; the server bench (server.bench.ts) takes it as a deployment runs it, here, and also
// starts the bare baseline through it so that both are measured the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServerProcess, type RunningServer, type ServerProcessOptions } from '../e2e/support/server';

/** A fresh data directory, and how to delete it. */
export function makeDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-bench-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `work` with a fresh data directory, deleted afterwards whatever happens. */
export async function withDataDir<T>(work: (dataDir: string) => Promise<T>): Promise<T> {
  const { dir, remove } = makeDataDir();
  try {
    return await work(dir);
  } finally {
    remove();
  }
}

/** The server as production runs it (NODE_ENV=production, a log line per request, a fixed key, no sync rate limit), nothing inherited but PATH and HOME. */
export function startBenchServer(env: Record<string, string>, options: Omit<ServerProcessOptions, 'cleanEnv'> = {}): Promise<RunningServer> {
  return startServerProcess(
    {
      NODE_ENV: 'production',
      // The production default: a log line per request is part of what a round costs.
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      SYNC_RATE_LIMIT: '0',
      // Simulated phones push far more than a member's day (0 turns the write quotas off).
      WRITE_QUOTA_USER: '0',
      WRITE_QUOTA_COMMUNE: '0',
      WRITE_QUOTA_USER_BYTES: '0',
      WRITE_QUOTA_COMMUNE_BYTES: '0',
      AUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
      ...env,
    },
    { ...options, cleanEnv: true },
  );
}

/** Runs `work` against a started server and stops it afterwards. */
export async function withServer<T>(start: Promise<RunningServer>, work: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}
