// The daily write quotas of a push (docs/sync.md "Write quotas"): what a member and a commune may
// still write in the rolling day, which quota a push would pass, and when a refused push may retry.
// The push itself (sync-requests.ts) reads the counts inside its transaction and refuses over them.
import type { PushState, QuotaKeys, QuotaWindow, RecordStore } from '../storage/record-types';
import type { IncomingMutation } from './push-plan';

/**
 * Changes a member, and all members of a commune, may push in a day, and the bytes of those
 * changes' fields (docs/sync.md "Write quotas"); 0 = unlimited. Counted as mutation ids the server
 * remembers, whatever their outcome.
 */
export interface WriteQuota {
  perUserPerDay: number;
  perCommunePerDay: number;
  bytesPerUserPerDay: number;
  bytesPerCommunePerDay: number;
}

export const NO_WRITE_QUOTA: WriteQuota = { perUserPerDay: 0, perCommunePerDay: 0, bytesPerUserPerDay: 0, bytesPerCommunePerDay: 0 };

/** Which quota a refused push would have passed, and when a retry may succeed. */
export interface OverQuota extends QuotaWindow {
  retryAfterSeconds: number;
}

/** The quotas' window: a rolling day. */
export const QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A quota this push would pass, and by how much (changes or bytes). */
export interface QuotaExcess extends QuotaWindow {
  excess: number;
}

/** The bytes a mutation's fields add (what the quotas' "bytes" count); a malformed one adds none. */
export function sizeOf(mutation: IncomingMutation): number {
  return mutation.kind === 'valid' ? Buffer.byteLength(JSON.stringify(mutation.fields)) : 0;
}

/**
 * Which quota this push would pass, if any, checked changes before bytes and the member before the
 * commune; a mutation id already applied (a retry) is not counted again.
 */
export function excessOf(quota: WriteQuota, state: PushState, mutations: readonly IncomingMutation[], sizes: ReadonlyMap<string, number>): QuotaExcess | undefined {
  const recent = state.recentWrites ?? { user: 0, commune: 0, userBytes: 0, communeBytes: 0 };
  const fresh = [...new Set(mutations.filter((m) => !state.applied.has(m.id)).map((m) => m.id))];
  if (fresh.length === 0) return undefined;
  const freshBytes = fresh.reduce((sum, id) => sum + (sizes.get(id) ?? 0), 0);
  const checks: [QuotaWindow, number, number, number][] = [
    [{ of: 'user', measure: 'changes' }, quota.perUserPerDay, recent.user, fresh.length],
    [{ of: 'commune', measure: 'changes' }, quota.perCommunePerDay, recent.commune, fresh.length],
    [{ of: 'user', measure: 'bytes' }, quota.bytesPerUserPerDay, recent.userBytes, freshBytes],
    [{ of: 'commune', measure: 'bytes' }, quota.bytesPerCommunePerDay, recent.communeBytes, freshBytes],
  ];
  for (const [window, limit, used, adding] of checks) {
    if (limit > 0 && used + adding > limit) return { ...window, excess: used + adding - limit };
  }
  return undefined;
}

/**
 * Seconds until the rolling window has let out enough of its oldest changes for this push to fit:
 * the moment the change that brings the aged-out total to the excess leaves the window. A push
 * larger than the whole quota never fits: it is told to wait a whole window.
 */
export async function retryAfterSeconds(store: RecordStore, keys: QuotaKeys, excess: QuotaExcess, now: number): Promise<number> {
  const oldest = await store.quotaFreesAt(keys, excess, excess.excess);
  // A change made at `oldest` is counted while the window starts at or before it: it is out 1 ms later.
  const frees = oldest === null ? now + QUOTA_WINDOW_MS : oldest + QUOTA_WINDOW_MS + 1;
  return Math.min(QUOTA_WINDOW_MS / 1000, Math.max(1, Math.ceil((frees - now) / 1000)));
}
