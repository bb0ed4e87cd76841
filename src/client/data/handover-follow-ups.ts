// Handing a follow-up to a colleague's phone without a network (docs/field-aids.md §2 "Handing over a
// follow-up"): the member's open follow-ups, the colleagues who may take them (an active member or
// leader of the commune, as the server checks), the hand-over itself (the log's `followUpBy` set to
// the colleague — the member's own change, so it travels in the bundle with their MAC — and the
// log as this phone holds it, the citizen's details only where their consent covers the
// follow-up, each hand-over of details in the phone's audit trail), and the receiver's checks.
import { db, type OpenedRecord } from './db';
import { writeRecords } from './local-write';
import { openFields, requireDataKey } from './sealed-records';
import type { SessionUser } from './session-repository';
import { recordCitizenHandOver } from './audit-repository';
import { listTeamMembers, type TeamMember } from './team-repository';
import { mayTakeFollowUp } from '../../shared/permissions';
import { fromWireRecord, toWireRecord, type WireRecord } from '../../shared/sync/protocol';
import type { SyncedRecord } from '../../shared/sync/merge';
import { TABLE_SCHEMAS } from '../../shared/schemas/tables';

/** One open follow-up of the member's own, as the sender picks it. */
export interface OpenFollowUp {
  logId: string;
  serviceId: string;
  followUpAt: string;
  /** The citizen's name when the log has one (shown to the sender only). */
  citizenName: string | null;
  /** Whether the citizen's details travel: their consent covers the follow-up. */
  citizenTravels: boolean;
}

type OpenedLog = OpenedRecord<'assistanceLogs'>;

const consentCoversFollowUp = (log: OpenedLog): boolean => log.citizen?.consentEvidence.purposes?.includes('followUp') === true;

async function ownOpenLogs(user: SessionUser, ids?: ReadonlySet<string>): Promise<OpenedLog[]> {
  const key = requireDataKey();
  const rows = await db
    .records('assistanceLogs')
    .where('followUpAt')
    .above('')
    .filter((row) => !row.deleted && row.followUpDone !== true && row.createdBy === user.id && row.communeId === user.communeId && (ids === undefined || ids.has(row.id)))
    .toArray();
  return Promise.all(rows.map((row) => openFields('assistanceLogs', row.id, row, key) as Promise<OpenedLog>));
}

/** The member's own open follow-ups (their logs with a follow-up date, not done), soonest first. */
export async function listOpenFollowUps(user: SessionUser): Promise<OpenFollowUp[]> {
  return (await ownOpenLogs(user)).map((log) => ({
    logId: log.id,
    serviceId: log.serviceId,
    followUpAt: log.followUpAt ?? '',
    citizenName: log.citizen?.name ?? null,
    citizenTravels: consentCoversFollowUp(log),
  }));
}

/** The colleague named is not an active member or leader of the commune on this phone's roster: nothing was written. */
export class FollowUpColleagueError extends Error {
  override readonly name = 'FollowUpColleagueError';
  constructor() {
    super('follow-up not handed: not an active colleague of the commune');
  }
}

/** Whom the member may hand a follow-up to: the roster's active members and leaders of their commune, but themselves. */
export async function listFollowUpColleagues(user: SessionUser): Promise<TeamMember[]> {
  return (await listTeamMembers()).filter((member) => member.id !== user.id && mayTakeFollowUp(member, user.communeId));
}

/**
 * Hands the chosen follow-ups to `to`: sets each log's `followUpBy` (a change of the member's own,
 * queued in the outbox like any other, so it travels among the bundle's entries) and returns the
 * logs as this phone then holds them, opened, for the bundle — without the citizen's details and
 * the note where the consent does not cover the follow-up (the note may name them). Each log whose
 * details travel is recorded in the audit trail.
 */
export async function handOverFollowUps(user: SessionUser, logIds: readonly string[], to: string, now: number = Date.now()): Promise<WireRecord[]> {
  if (logIds.length === 0) return [];
  // The server refuses anyone else (sync.followUpNotColleague); refusing here says so before the bundle is made.
  if (!(await listFollowUpColleagues(user)).some((member) => member.id === to)) throw new FollowUpColleagueError();
  const wanted = new Set(logIds);
  const logs = await ownOpenLogs(user, wanted);
  await writeRecords(
    logs.map((log) => ({ table: 'assistanceLogs', recordId: log.id, fields: { followUpBy: to } })),
    now,
  );
  const handed = await ownOpenLogs(user, wanted);
  const records: WireRecord[] = [];
  for (const log of handed) {
    const travels = consentCoversFollowUp(log);
    records.push(toWireRecord(travels ? log : withoutDetails(log)));
    if (travels) await recordCitizenHandOver(user.id, log.id, to, now);
  }
  return records;
}

function withoutDetails(log: OpenedLog): SyncedRecord {
  const { citizen: _citizen, note: _note, clocks, ...rest } = log;
  const { citizen: _c, note: _n, ...kept } = clocks;
  return { ...rest, clocks: kept };
}

/**
 * The receiver's check of a bundle's follow-ups: logs of the bundle's commune and author, handed to
 * this member, valid records of their table. Returns them as records; undefined when one is not.
 */
export function receivedFollowUps(user: SessionUser, communeId: string, authorId: string, wire: readonly WireRecord[]): SyncedRecord[] | undefined {
  const records = wire.map(fromWireRecord);
  const valid = records.every((record) => record.communeId === communeId && record.createdBy === authorId && record.followUpBy === user.id && TABLE_SCHEMAS.assistanceLogs.record.safeParse(withoutClocks(record)).success);
  return valid ? records : undefined;
}

function withoutClocks(record: SyncedRecord): Record<string, unknown> {
  const { clocks: _clocks, ...fields } = record;
  return fields;
}
