// Citizen-assistance logs (docs/product.md jobs 1–2): one log as a screen reads it, and create,
// edit, soft delete and undo, and a follow-up's result. The lists (the paged newest-first list,
// follow-ups due, recent kinds of help) are in assistance-list.ts.
// Every write is validated with the shared zod schema BEFORE a transaction opens, then goes
// through writeRecord (record + outbox entry in one transaction).
import { db, recordTiming, type OpenedRecord } from './db';
import { communeUserWhoMay } from './access';
import { planEdit, editableRecord } from './editable-record';
import { ValidationError } from './errors';
import { writeRecord, writeRecordAs } from './local-write';
import { definedOnly } from './record-fields';
import { openRow } from './sealed-records';
import { requireUser, type SessionUser } from './session-repository';
import { can, canRecordFollowUp } from '../../shared/permissions';
import {
  assistanceLogFieldsObject,
  assistanceLogFieldsSchema,
  assistanceLogPatchSchema,
  type AssistanceLogFields,
  type AssistanceLogPatch,
  type AssistanceLogRecord,
  type Citizen,
  type Outcome,
} from '../../shared/schemas/assistance-log';
import { sameJson } from '../../shared/sync/canonical-json';
import { uuidv7 } from '../../shared/sync/ids';

// ---------------------------------------------------------------------------------------------
// Reading.

/** A log as the screens read it: the stored record, `citizen` null when hidden from the reader. */
export type LogItem = AssistanceLogRecord;

// Reviewers read the commune's activity, never citizens' details (docs/privacy.md).
export function toLog(row: OpenedRecord<'assistanceLogs'>, user: SessionUser): LogItem {
  return row.citizen == null || can(user.role, 'citizen.view') ? row : { ...row, citizen: null };
}

/** One log of the user's commune, deleted ones included (the detail screen offers undo). */
export async function getLog(id: string): Promise<LogItem | undefined> {
  const user = await requireUser();
  const row = await db.records('assistanceLogs').get(id);
  if (!row || row.communeId !== user.communeId) return undefined;
  return toLog(await openRow('assistanceLogs', row), user);
}

// ---------------------------------------------------------------------------------------------
// Writing.

const LOG_EDIT = { patch: assistanceLogPatchSchema, fields: assistanceLogFieldsSchema, names: Object.keys(assistanceLogFieldsObject.shape) };

// The server checks that the consent was recorded by the member who pushes it (docs/privacy.md "Notice and consent").
function checkConsentAuthor(citizen: Citizen | null | undefined, user: SessionUser): void {
  if (citizen && citizen.consentEvidence.recordedBy !== user.id) throw ValidationError.of('citizen.consent', 'validation.consentRequired');
}

/** User Timing entry of each createLog (validation + committed transaction), read by the bench. */
export const CREATE_LOG_TIMING = 'assistance:log-create';

/**
 * Creates a log for the signed-in user's commune. Bad input throws ValidationError and writes
 * nothing; the user and their right to log are read and checked inside the write's transaction
 * (writeRecordAs), so a refusal writes nothing either.
 */
export async function createLog(input: AssistanceLogFields, now: number = Date.now()): Promise<LogItem> {
  const started = performance.now();
  const parsed = assistanceLogFieldsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error);
  const { user, record } = await writeRecordAs(
    {
      read: () => communeUserWhoMay('log.create'),
      fields: (author) => {
        checkConsentAuthor(parsed.data.citizen, author);
        return { communeId: author.communeId, createdBy: author.id };
      },
    },
    { table: 'assistanceLogs', recordId: uuidv7(), fields: { ...definedOnly(parsed.data), createdAt: new Date(now).toISOString(), deleted: false } },
    now,
  );
  recordTiming(CREATE_LOG_TIMING, started);
  return toLog(record, user);
}

/**
 * Changes some fields of a log: only those whose value really changes are written and queued
 * (planEdit). The merged result must pass the cross-field rules (no disability barrier beside a
 * named citizen).
 */
export async function updateLog(id: string, changes: Omit<AssistanceLogPatch, 'deleted'>, now: number = Date.now()): Promise<LogItem> {
  const { user, row, changed } = await planEdit('assistanceLogs', id, changes, LOG_EDIT);
  // New consent evidence must be the editor's own; an unchanged evidence may be someone else's.
  if (changed.citizen && !sameJson(changed.citizen.consentEvidence, row.citizen?.consentEvidence)) checkConsentAuthor(changed.citizen, user);
  if (Object.keys(changed).length === 0) return toLog(row, user);
  return toLog(await writeRecord({ table: 'assistanceLogs', recordId: id, fields: changed }, now), user);
}

/** Soft delete: a tombstone that syncs to every phone; restoreLog undoes it. */
export async function deleteLog(id: string, now: number = Date.now()): Promise<void> {
  await editableRecord('assistanceLogs', id);
  await writeRecord({ table: 'assistanceLogs', recordId: id, fields: { deleted: true } }, now);
}

export async function restoreLog(id: string, now: number = Date.now()): Promise<void> {
  await editableRecord('assistanceLogs', id);
  await writeRecord({ table: 'assistanceLogs', recordId: id, fields: { deleted: false } }, now);
}

/**
 * Records the result of a follow-up visit: the new outcome, and either the follow-up closed or a
 * new date set (then it stays open).
 */
export async function recordFollowUp(id: string, result: { outcome: Outcome; nextFollowUpAt?: string | null }, now: number = Date.now()): Promise<LogItem> {
  const next = result.nextFollowUpAt ?? null;
  const changes = next ? { outcome: result.outcome, followUpAt: next, followUpDone: false } : { outcome: result.outcome, followUpDone: true };
  // The colleague a follow-up was handed to records it too (docs/field-aids.md §2); only these fields.
  const { user, changed } = await planEdit('assistanceLogs', id, changes, LOG_EDIT, canRecordFollowUp);
  return toLog(await writeRecord({ table: 'assistanceLogs', recordId: id, fields: changed }, now), user);
}
