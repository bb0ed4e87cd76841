// The team roster and the commune's name, published to the commune's phones as synced records
// (docs/accounts.md "Team roster"). The accounts and communes tables are the truth; after every
// change to them (and once at start-up) the commune's `teamMembers` and `communeProfiles` records
// are brought in line through the record store's push, so they get the scope's next row_seq and
// reach phones by the ordinary pull. Only what colleagues need travels: name, role, villages
// covered, work phone, active — never the username, a password hash or a token.
import { SEED_AUTHOR_ID } from '../../shared/seed/seed-record';
import { communeProfileId } from '../../shared/schemas/commune-profile';
import type { SyncTable } from '../../shared/schemas/tables';
import { serverHlcAfter } from '../../shared/privacy/erasure';
import { parseHlc, type Hlc } from '../../shared/sync/hlc';
import { sameJson } from '../../shared/sync/canonical-json';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { CommuneRow, UserRow } from '../storage/account-types';
import type { StoredRecord } from '../storage/record-types';
import type { SyncStore } from '../storage/types';

interface Published {
  table: Extract<SyncTable, 'teamMembers' | 'communeProfiles'>;
  id: string;
  fields: Record<string, unknown>;
}

function rosterEntry(user: UserRow): Published {
  return {
    table: 'teamMembers',
    id: user.id,
    fields: {
      displayName: user.displayName,
      role: user.role,
      villageIds: user.villageIds,
      phone: user.phone,
      active: !user.disabled,
    },
  };
}

function profileEntry(commune: CommuneRow): Published {
  return { table: 'communeProfiles', id: communeProfileId(commune.id), fields: { name: commune.name, provinceId: commune.provinceId, active: commune.active } };
}

/** The record after publishing `entry`, or undefined when the stored one already says the same. */
function publishedRecord(entry: Published, communeId: string, existing: SyncedRecord | undefined, now: number): SyncedRecord | undefined {
  // A field the record does not hold yet is written even when null: phones see it set.
  const changed = Object.keys(entry.fields).filter((field) => !existing || !(field in existing) || !sameJson(entry.fields[field], existing[field]));
  if (existing && changed.length === 0 && existing.deleted === false) return undefined;
  // After every clock of the record (phones keep the greater clock per field), at `now` or just after.
  const clock = serverHlcAfter(Object.values(existing?.clocks ?? {}), now);
  const time = new Date(parseHlc(clock).millis).toISOString();
  const stamped: Record<string, unknown> = { ...Object.fromEntries(changed.map((f) => [f, entry.fields[f]])), updatedAt: time };
  if (!existing) Object.assign(stamped, { communeId, createdBy: SEED_AUTHOR_ID, createdAt: time, deleted: false });
  if (existing && existing.deleted !== false) stamped.deleted = false;
  const clocks: Record<string, Hlc> = { ...existing?.clocks };
  for (const field of Object.keys(stamped)) clocks[field] = clock;
  return { ...existing, ...stamped, id: entry.id, clocks };
}

/**
 * Brings the commune's roster and profile records in line with its accounts and its row in
 * `communes`; returns how many records changed. Idempotent: nothing is written when they agree.
 */
export async function publishRoster(store: SyncStore, communeId: string, now: number = Date.now()): Promise<number> {
  const commune = await store.accounts.getCommune(communeId);
  if (!commune) return 0;
  const users = await store.accounts.listCommuneUsers(communeId);
  const entries = [profileEntry(commune), ...users.filter((user) => user.role !== 'admin').map(rosterEntry)];
  const committed = await store.records.push({
    scope: communeId,
    userId: SEED_AUTHOR_ID,
    clientId: 'server',
    mutationIds: [],
    recordKeys: entries.map(({ table, id }) => ({ table, id })),
    now,
    plan: (state) => {
      const stored = (entry: Published): StoredRecord | undefined =>
        state.records.find((row) => row.table === entry.table && row.record.id === entry.id && row.scope === communeId);
      const writes = entries.flatMap((entry) => {
        const record = publishedRecord(entry, communeId, stored(entry)?.record, now);
        return record ? [{ table: entry.table, record }] : [];
      });
      return { remember: [], writes };
    },
  });
  return committed.plan.writes.length;
}

/** Publishes every commune's roster (start-up: accounts made by an older server or the CLI). */
export async function publishAllRosters(store: SyncStore, now: number = Date.now()): Promise<number> {
  let changed = 0;
  for (const commune of await store.accounts.listCommunes()) changed += await publishRoster(store, commune.id, now);
  return changed;
}

