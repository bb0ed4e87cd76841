// The hand-over between two phones without a network (docs/field-aids.md §2), on the phone's side:
// the unsent changes a member may hand over, the bundle's content
// built from them (opened, each with the author's MAC), and a received bundle imported through the
// one write path for handed-over changes (local-write.ts importEntries). Sealing and opening happen
// before any transaction opens (docs/sync.md §7.3).
import { db, type OutboxEntry } from './db';
import { importEntries } from './local-write';
import { openFields, requireDataKey, sealRecords } from './sealed-records';
import type { SessionUser } from './session-repository';
import { readRelayKey } from './relay-key';
import { BUNDLE_FORMAT, type HandOverContent, type HandOverEntry } from '../../shared/handover/bundle';
import { relayKeyBytes, relayMacs } from '../../shared/handover/relay';
import { TABLE_SCHEMAS, type SyncTable } from '../../shared/schemas/tables';
import { toMutation } from './sync-shapes';
import { handOverFollowUps, receivedFollowUps } from './handover-follow-ups';
import type { SyncedRecord } from '../../shared/sync/merge';

/** The phone has no relay key yet: the member must go online once (sign in or sync). */
export class RelayKeyMissingError extends Error {
  override readonly name = 'RelayKeyMissingError';
  constructor() {
    super('no relay key on this phone yet');
  }
}

/** One record with unsent changes, as the sender picks it. */
export interface HandOverCandidate {
  table: SyncTable;
  recordId: string;
  /** Outbox entries of that record (all travel together). */
  changes: number;
  /** When the first of them was made. */
  createdAt: string;
}

/** The member's own changes (not ones handed over to this phone) of tables a commune phone writes. */
function ownEntries(entries: readonly OutboxEntry[], userId: string): OutboxEntry[] {
  return entries.filter((entry) => TABLE_SCHEMAS[entry.table].scope === 'commune' && (entry.relay === undefined || entry.relay.author === userId));
}

/** The member's unsent changes, one line per record, oldest first. */
export async function listHandOverCandidates(user: SessionUser): Promise<HandOverCandidate[]> {
  const byRecord = new Map<string, HandOverCandidate>();
  for (const entry of ownEntries(await db.outbox.orderBy('seq').toArray(), user.id)) {
    const key = `${entry.table}\u0000${entry.recordId}`;
    const known = byRecord.get(key);
    if (known) known.changes += 1;
    else byRecord.set(key, { table: entry.table, recordId: entry.recordId, changes: 1, createdAt: entry.createdAt });
  }
  return [...byRecord.values()];
}

/**
 * What a bundle carries for the picked records: their outbox entries in order, opened (the
 * receiver cannot open this member's seals), each with the member's MAC so the server accepts it
 * from the colleague's phone as this member's.
 */
export async function handOverContent(
  user: SessionUser,
  picked: readonly { table: SyncTable; recordId: string }[],
  now: number = Date.now(),
  // Follow-ups handed to colleague `to` (handover-follow-ups.ts): their logs travel, and their unsent changes.
  followUps?: { logIds: readonly string[]; to: string },
): Promise<HandOverContent> {
  if (!user.communeId) throw new RelayKeyMissingError();
  const key = requireDataKey();
  const relayKey = relayKeyBytes(await readRelayKey(user.id, key));
  if (!relayKey) throw new RelayKeyMissingError();
  const handed = followUps ? await handOverFollowUps(user, followUps.logIds, followUps.to, now) : [];
  const wanted = new Set([...picked.map(({ table, recordId }) => `${table}\u0000${recordId}`), ...handed.map((record) => `assistanceLogs\u0000${record.id}`)]);
  const entries = ownEntries(await db.outbox.orderBy('seq').toArray(), user.id).filter((entry) => wanted.has(`${entry.table}\u0000${entry.recordId}`));
  const opened = await Promise.all(entries.map(async (entry) => ({ ...entry, fields: await openFields(entry.table, entry.recordId, entry.fields, key) })));
  const macs = await relayMacs(relayKey, opened.map(toMutation));
  const relayed: HandOverEntry[] = opened.map((entry, index) => ({
    id: entry.id,
    table: entry.table,
    recordId: entry.recordId,
    hlc: entry.hlc,
    fields: entry.fields,
    createdAt: entry.createdAt,
    relay: { author: user.id, mac: macs[index]! },
  }));
  const content: HandOverContent = { format: BUNDLE_FORMAT, communeId: user.communeId, author: { id: user.id, displayName: user.displayName }, createdAt: new Date(now).toISOString(), entries: relayed };
  return handed.length > 0 ? { ...content, followUps: handed } : content;
}

/** Why an opened bundle is still not imported (each has its own message). */
export type ImportProblem = 'notSameCommune' | 'notHandOver' | 'notYourFollowUp';

export class HandOverImportError extends Error {
  override readonly name = 'HandOverImportError';
  constructor(readonly problem: ImportProblem) {
    super(`hand-over import refused: ${problem}`);
  }
}

/**
 * Checks that an opened bundle holds only its author's relayed changes of commune tables, for this
 * member's commune; throws HandOverImportError (nothing written) otherwise.
 */
export function checkHandOver(user: SessionUser, content: HandOverContent): SyncedRecord[] {
  if (!user.communeId || content.communeId !== user.communeId) throw new HandOverImportError('notSameCommune');
  const followUps = receivedFollowUps(user, content.communeId, content.author.id, content.followUps ?? []);
  if (!followUps) throw new HandOverImportError('notYourFollowUp');
  for (const entry of content.entries) {
    const createdBy = entry.fields.createdBy;
    const ownChange = entry.relay?.author === content.author.id && (createdBy === undefined || createdBy === content.author.id);
    if (!ownChange || TABLE_SCHEMAS[entry.table].scope !== 'commune') throw new HandOverImportError('notHandOver');
  }
  return followUps;
}

/** What the receiver sees before importing: the changes per table, and how many this phone already holds. */
export async function previewHandOver(user: SessionUser, content: HandOverContent): Promise<{ byTable: Partial<Record<SyncTable, number>>; alreadyHere: number; followUps: number }> {
  const followUps = checkHandOver(user, content).length;
  const byTable: Partial<Record<SyncTable, number>> = {};
  const records = new Set<string>();
  for (const entry of content.entries) {
    const key = `${entry.table}\u0000${entry.recordId}`;
    if (!records.has(key)) byTable[entry.table] = (byTable[entry.table] ?? 0) + 1;
    records.add(key);
  }
  const alreadyHere = await db.outbox.where('id').anyOf(content.entries.map((entry) => entry.id)).count();
  return { byTable, alreadyHere, followUps };
}

/**
 * Imports an opened bundle: each change sealed with this member's key (as every record on this
 * phone), then applied and queued with its own id, clock, author and MAC in one transaction.
 * Returns how many changes were new (a bundle imported twice adds nothing).
 */
export async function importHandOver(user: SessionUser, content: HandOverContent, now: number = Date.now()): Promise<number> {
  const followUps = checkHandOver(user, content);
  const key = requireDataKey();
  // A follow-up's log is merged as a pull would merge it (local-write.ts importEntries), its citizen sealed first.
  const sealedFollowUps = await sealRecords('assistanceLogs', followUps.map((record) => ({ id: record.id, fields: record })), key);
  // Table by table, so the encryptions of a thousand logs are in flight together.
  const fields: Record<string, unknown>[] = content.entries.map((entry) => entry.fields);
  const tables = new Set(content.entries.map((entry) => entry.table));
  await Promise.all(
    [...tables].map(async (table) => {
      const indexes = content.entries.flatMap((entry, index) => (entry.table === table ? [index] : []));
      const sealed = await sealRecords(table, indexes.map((index) => ({ id: content.entries[index]!.recordId, fields: content.entries[index]!.fields })), key);
      indexes.forEach((index, at) => (fields[index] = sealed[at]!));
    }),
  );
  const entries = content.entries.map(
    (entry, index): OutboxEntry => ({ id: entry.id, table: entry.table, recordId: entry.recordId, hlc: entry.hlc, fields: fields[index]!, createdAt: entry.createdAt, ...(entry.relay ? { relay: entry.relay } : {}) }),
  );
  return importEntries(entries, now, undefined, sealedFollowUps.map((record) => ({ table: 'assistanceLogs' as const, record })));
}
