// The server's entry point: config → store → migrations → app → listen, and a
// graceful stop on SIGTERM/SIGINT (finish in-flight requests, then close the database).
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, type LoggerOverrides } from './app';
import { ConfigError, describeDatabase, loadConfig, startupWarnings, type Config } from './config';
import { formatBanner } from './banner';
import { demoModeApplies, enabledDemoAccounts, setUpDemo, type DemoCredential } from './demo';
import { seedAllProvinces } from './sync/seed';
import { publishAllRosters } from './admin/roster';
import { backfillRecordLookups } from './privacy/lookup-backfill';
import { backfillReportFacts } from './reports/facts-backfill';
import { purgeExpiredDetails, purgePause } from './privacy/retention-purge';
import { openServerStore } from './compose';
import type { SyncStore } from './storage/types';
import type { SyncRequests } from './sync/sync-requests';

/** After this long a stop that is still waiting on requests gives up and exits non-zero. */
const SHUTDOWN_TIMEOUT_MS = 10_000;
/**
 * Idempotency keys are kept this long (docs/sync.md §5 asks ≥ 180 days, longer than any plausible
 * offline period); the merge is idempotent anyway, so a later duplicate cannot double-apply.
 */
export const APPLIED_MUTATION_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface RunningServer {
  app: FastifyInstance;
  store: SyncStore;
  /** An address a client on this machine can reach, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Stops accepting connections, waits for in-flight requests, then closes the store. */
  stop(): Promise<void>;
  /** The demo accounts created by this start (first start of an empty embedded database), to print once. */
  demoCredentials: DemoCredential[] | undefined;
  /** The enabled demo accounts that existed before this start (demo mode only), to name in the banner. */
  demoAccounts: string[];
}

export async function startServer(config: Config, options: { logger?: LoggerOverrides } = {}): Promise<RunningServer> {
  let app: FastifyInstance | undefined;
  let demoCredentials: DemoCredential[] | undefined;
  let demoAccounts: string[] = [];
  const { store, sync: syncRequests, ready: syncReady } = openServerStore(config.database, (error) => app?.log.error({ err: error }, 'database background error'));
  try {
    app = buildApp({ config, store, syncRequests, ...(options.logger ? { logger: options.logger } : {}) });
    const migration = await store.migrate();
    app.log.info({ database: describeDatabase(config.database), ...migration }, 'database ready');
    const batches = await backfillRecordLookups(store);
    if (batches > 0) app.log.info({ batches }, 'record lookups filled');
    const factBatches = await backfillReportFacts(store);
    if (factBatches > 0) app.log.info({ batches: factBatches }, 'report facts filled');
    if (config.nodeEnv === 'production') {
      const demo = await enabledDemoAccounts(store);
      if (demo.length > 0) {
        throw new Error(
          `the database has demo accounts (${demo.join(', ')}), which must never exist in production. Disable them with \`npm run admin -- disable-user --username <name> --as <admin>\` or use a fresh database.`,
        );
      }
    }
    const seeded = await seedAllProvinces(store);
    if (seeded > 0) app.log.info({ seeded }, 'province reference data seeded');
    if (demoModeApplies(config)) {
      demoCredentials = await setUpDemo(store, config.demoPassword);
      if (!demoCredentials) demoAccounts = await enabledDemoAccounts(store);
    }
    // Accounts made by an older server reach the phones' rosters (docs/accounts.md).
    const published = await publishAllRosters(store);
    if (published > 0) app.log.info({ published }, 'team rosters published');
    await pruneOldRows(store, app.log);
    await syncReady;
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await syncRequests.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
  const running = app;
  // The retention purge runs beside the server, not before it listens: it may take minutes.
  const purger = retentionPurger(store, syncRequests, running.log);
  void purger.run();
  const pruning = setInterval(() => {
    void pruneOldRows(store, running.log);
    void purger.run();
  }, PRUNE_INTERVAL_MS);
  pruning.unref();
  let stopping: Promise<void> | undefined;
  return {
    app: running,
    store,
    url: reachableUrl(config.host, (running.server.address() as AddressInfo).port),
    demoCredentials,
    demoAccounts,
    stop: () => {
      clearInterval(pruning);
      // Fastify's close() stops listening, closes idle keep-alive sockets and waits for
      // requests in flight; only then is it safe to close the database under them.
      stopping ??= running
        .close()
        .then(() => purger.stop())
        .then(() => syncRequests.close())
        .then(() => store.close());
      return stopping;
    },
  };
}

/** Revoked sessions stay this long for the record (who was signed out, why), then go. */
export const REVOKED_SESSION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The periodic clean-up (at start and daily): idempotency keys past their retention, and expired
 * sessions and refresh tokens — a refresh token is 256 bits of a member's access for 60 days, so
 * none is kept longer than it can be used.
 */
export async function pruneOldRows(store: SyncStore, log: Pick<FastifyInstance['log'], 'info' | 'error'>, now = Date.now()): Promise<void> {
  try {
    const removed = await store.records.pruneAppliedMutations(now - APPLIED_MUTATION_RETENTION_MS);
    if (removed > 0) log.info({ removed }, 'old idempotency keys pruned');
  } catch (error) {
    log.error({ err: error }, 'pruning idempotency keys failed');
  }
  try {
    const removed = await store.sessions.pruneSessions(now, now - REVOKED_SESSION_RETENTION_MS);
    if (removed.sessions + removed.tokens > 0) log.info(removed, 'expired sessions and refresh tokens pruned');
  } catch (error) {
    log.error({ err: error }, 'pruning sessions failed');
  }
}

/**
 * The daily retention purge (docs/privacy.md "Retention"), one run at a time: a run still going
 * when the next is due is not doubled, and `stop` ends it before its next batch. Failures are
 * logged and retried the next day.
 */
export function retentionPurger(
  store: SyncStore,
  sync: Pick<SyncRequests, 'purge'>,
  log: Pick<FastifyInstance['log'], 'info' | 'error'>,
): { run: () => Promise<void>; stop: () => Promise<void> } {
  const stopping = new AbortController();
  let current: Promise<void> | undefined;
  const once = async () => {
    try {
      const purged = await purgeExpiredDetails(store, { now: Date.now(), runBatch: sync.purge, pause: purgePause, signal: stopping.signal });
      if (purged.records > 0) log.info(purged, 'retention: citizen details past the limit purged');
    } catch (error) {
      log.error({ err: error }, 'retention purge failed');
    } finally {
      current = undefined;
    }
  };
  return {
    run: () => {
      if (!stopping.signal.aborted) current ??= once();
      return current ?? Promise.resolve();
    },
    stop: () => {
      stopping.abort();
      return current ?? Promise.resolve();
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

  for (const warning of startupWarnings(config)) process.stderr.write(`${warning}\n`);

  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Sổ tay số could not start: ${message}\n`);
    process.exit(1);
  }
  // One write, last: the address, the database and the demo accounts together, after every start-up line.
  const banner = { url: server.url, database: describeDatabase(config.database), created: server.demoCredentials, existing: server.demoAccounts };
  process.stdout.write(formatBanner(banner));

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
