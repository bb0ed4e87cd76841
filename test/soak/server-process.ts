// One real server process (src/server/main.ts, as `npm run serve` starts it) that the soak kills
// with SIGKILL and starts again on the same port and database, and pauses with SIGSTOP/SIGCONT.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, ROOT } from '../e2e/support/server';

const START_TIMEOUT_MS = 60_000;

export interface ServerProcess {
  readonly port: number;
  /** Up and not paused: the proxy may send it requests (a paused one is sent them too, on purpose). */
  readonly running: boolean;
  start(): Promise<void>;
  /** SIGKILL: no graceful stop, in-flight requests die with it. */
  kill(): Promise<void>;
  pause(): void;
  resume(): void;
  /** SIGTERM, as an operator would stop it (waits for the exit). */
  stop(): Promise<void>;
  output(): string;
}

export async function serverProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';
  const exited = () => child === undefined || child.exitCode !== null || child.signalCode !== null;
  const waitExit = (process: ChildProcess) => new Promise<void>((resolve) => (process.exitCode !== null || process.signalCode !== null ? resolve() : process.once('exit', () => resolve())));

  return {
    port,
    get running() {
      return !exited();
    },
    async start() {
      child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), SYNC_RATE_LIMIT: '0', WRITE_QUOTA_USER: '0', WRITE_QUOTA_COMMUNE: '0', WRITE_QUOTA_USER_BYTES: '0', WRITE_QUOTA_COMMUNE_BYTES: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const own = child;
      own.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      own.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (;;) {
        if (own.exitCode !== null) throw new Error(`server exited at start:\n${log.slice(-4000)}`);
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`server did not start:\n${log.slice(-4000)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async kill() {
      if (!child || exited()) return;
      const own = child;
      own.kill('SIGKILL');
      await waitExit(own);
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async stop() {
      if (!child || exited()) return;
      const own = child;
      own.kill('SIGCONT');
      own.kill('SIGTERM');
      await waitExit(own);
    },
    output: () => log,
  };
}
