// Starts the real server (the same entry as `npm start`) in a child process on a free port,
// with its own data directory, serving the built app from dist/ — for the e2e tests and the
// benches (which also start the bare baseline server through it, and read its CPU time).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const DIST = path.join(ROOT, 'dist');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The server process's id (the benches read its CPU time). */
  pid: number | undefined;
  output: () => string;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** The script and its arguments given the port; the real server (src/server/main.ts) by default. */
  script?: (port: number) => string[];
  /** Node flags before the script (e.g. a CPU profile). */
  nodeFlags?: string[];
  /**
   * Only PATH and HOME from this process's environment, not all of it: the benches measure the
   * server with the environment a deployment gives it, never the runner's.
   */
  cleanEnv?: boolean;
}

/** The real server on the built app (dist/), as the e2e tests and the phone benches use it. */
export async function startAppServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('dist/index.html is missing: run `npm run build` before the e2e suite');
  }
  return startServerProcess({ LOG_LEVEL: 'warn', ...env });
}

/** A server process on a free port (or env.PORT) and its own data directory (or env.DATA_DIR), once it answers /api/health. */
export async function startServerProcess(env: Record<string, string> = {}, options: ServerProcessOptions = {}): Promise<RunningServer> {
  // A fixed PORT lets a test restart the server on the same origin (the phone's IndexedDB is per origin).
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'so-tay-so-data-'));
  const inherited = options.cleanEnv ? { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } : process.env;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...(options.nodeFlags ?? []), ...(options.script?.(port) ?? ['src/server/main.ts'])], {
    cwd: ROOT,
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DIST_DIR: DIST, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dataDir,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
