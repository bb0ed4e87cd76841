// The server's entry point: config → store → migrations → app → listen, and a
// graceful stop on SIGTERM/SIGINT (finish in-flight requests, then close the database).
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, type LoggerOverrides } from './app';
import { ConfigError, describeDatabase, loadConfig, type Config } from './config';
import { openStore } from './storage/open-store';
import type { SyncStore } from './storage/types';

/** After this long a stop that is still waiting on requests gives up and exits non-zero. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface RunningServer {
  app: FastifyInstance;
  store: SyncStore;
  /** An address a client on this machine can reach, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Stops accepting connections, waits for in-flight requests, then closes the store. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, options: { logger?: LoggerOverrides } = {}): Promise<RunningServer> {
  let app: FastifyInstance | undefined;
  const store = openStore(config.database, {
    onBackgroundError: (error) => app?.log.error({ err: error }, 'database connection error'),
  });
  try {
    app = buildApp({ config, store, ...(options.logger ? { logger: options.logger } : {}) });
    const migration = await store.migrate();
    app.log.info({ database: describeDatabase(config.database), ...migration }, 'database ready');
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
  const running = app;
  let stopping: Promise<void> | undefined;
  return {
    app: running,
    store,
    url: reachableUrl(config.host, (running.server.address() as AddressInfo).port),
    stop: () => {
      // Fastify's close() stops listening, closes idle keep-alive sockets and waits for
      // requests in flight; only then is it safe to close the database under them.
      stopping ??= running.close().then(() => store.close());
      return stopping;
    },
  };
}

function reachableUrl(host: string, port: number): string {
  // A wildcard bind is reachable on loopback; IPv6 literals need brackets in URLs.
  const name = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Sổ tay số could not start: ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Sổ tay số is running at ${server.url} (${describeDatabase(config.database)})\n`);

  const shutdown = (signal: NodeJS.Signals) => {
    server.app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      server.app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

// Run only as the entry point (`node --import tsx src/server/main.ts`), not when a test imports startServer.
const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  void main();
}
