// GET /api/health: liveness plus the database's state, for load balancers and the e2e suite.
import type { FastifyInstance } from 'fastify';
import { APP_VERSION } from '../../shared/version';
import type { StoreHealth, SyncStore } from '../storage/types';

/** A hung database must not hang the health check: it reports "degraded" after this long. */
export const HEALTH_TIMEOUT_MS = 3_000;

export interface HealthResponse {
  status: 'ok' | 'degraded';
  version: string;
  database: { kind: SyncStore['kind'] } & StoreHealth;
}

export function registerHealthRoute(app: FastifyInstance, store: SyncStore): void {
  app.get('/api/health', async (_request, reply) => {
    const database = await checkWithTimeout(store);
    const body: HealthResponse = {
      status: database.ok ? 'ok' : 'degraded',
      version: APP_VERSION,
      database: { kind: store.kind, ...database },
    };
    return reply.code(database.ok ? 200 : 503).send(body);
  });
}

async function checkWithTimeout(store: SyncStore): Promise<StoreHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StoreHealth>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, schemaVersion: 0 }), HEALTH_TIMEOUT_MS);
  });
  try {
    // health() promises never to reject; the catch guards a future implementation that forgets.
    return await Promise.race([store.health().catch(() => ({ ok: false, schemaVersion: 0 })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
