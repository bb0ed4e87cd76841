// One phone syncing through the server's own push and pull paths (compose.ts openServerStore),
// without HTTP: each round pushes 10 new contacts and pulls from its cursor. The benches that
// measure sync rounds beside heavy work on the same server (the retention purge, the province view)
// time these rounds with and without that work.
import type { SyncRequests } from '../../src/server/sync/sync-requests';
import { readPushRequest } from '../../src/server/sync/sync-requests';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/sync/protocol';
import type { SyncUser } from '../../src/shared/sync/scopes';

const MUTATIONS = 10;

/** A round's function for this member of `user.communeId`: it resolves with the round's time in ms, or throws if a push is refused. */
export function storeSyncRound(sync: SyncRequests, user: SyncUser & { communeId: string }): () => Promise<number> {
  let cursor: string | undefined;
  let counter = 0;
  return async () => {
    const started = performance.now();
    const now = new Date().toISOString();
    const mutations = Array.from({ length: MUTATIONS }, () => ({
      id: uuidv7(),
      table: 'contacts' as const,
      recordId: uuidv7(),
      hlc: formatHlc({ millis: Date.now(), counter: (counter = (counter + 1) % 0xffff), node: '00000000000000b1' }),
      fields: { communeId: user.communeId, createdBy: user.id, createdAt: now, updatedAt: now, deleted: false, name: 'Liên hệ thử', phones: ['0912345678'] },
    }));
    const pushed = await sync.push(user, readPushRequest({ clientId: 'bench-phone', schemaVersion: CURRENT_SCHEMA_VERSION, mutations }), Date.now());
    if (pushed.response.acked.length !== MUTATIONS) throw new Error(`push rejected: ${JSON.stringify(pushed.response.rejected)}`);
    const page = JSON.parse(await sync.pull(user, cursor ? { cursor } : {}, Date.now())) as { cursor: string };
    cursor = page.cursor;
    return performance.now() - started;
  };
}
