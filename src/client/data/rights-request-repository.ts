// The commune's register of citizens' requests about their data (docs/privacy.md "Requests
// register"): record a request, then take its steps — acknowledge, extend once, answer or refuse.
// Each step is an ordinary synced write (local-write.ts) that names the signed-in user as who took it;
// the server checks the same rules again and audits every step. Who asked is sealed at rest.
import { db, type StoredRecord } from './db';
import { communeUserWhoMay, assertMay, type CommuneUser } from './access';
import { RecordNotFoundError, ValidationError } from './errors';
import { writeRecord } from './local-write';
import { openRow, openRows } from './sealed-records';
import { rightsRequestFieldsObject, rightsRequestFieldsSchema, type RightsRequestKind, type RightsRequestRecord, type Requester } from '../../shared/schemas/rights-request';
import { uuidv7 } from '../../shared/sync/ids';

export type RequestItem = RightsRequestRecord;

const recorder = (): Promise<CommuneUser> => communeUserWhoMay('rightsRequest.record');

/** The commune's requests (who asked opened), newest received first. */
export async function listRequests(): Promise<RequestItem[]> {
  const user = await recorder();
  const rows = (await db.records('rightsRequests').orderBy('receivedOn').reverse().toArray()).filter((row) => row.communeId === user.communeId && !row.deleted);
  return openRows('rightsRequests', rows);
}

/** One request of the commune, or undefined. */
export async function getRequest(id: string): Promise<RequestItem | undefined> {
  const user = await recorder();
  const row = await db.records('rightsRequests').get(id);
  return row && row.communeId === user.communeId && !row.deleted ? openRow('rightsRequests', row) : undefined;
}

export interface NewRequest {
  kind: RightsRequestKind;
  requester: Requester;
  receivedOn: string;
}

/** Records a request as received. Bad input throws ValidationError and writes nothing. */
export async function recordRequest(input: NewRequest, now: number = Date.now()): Promise<string> {
  const user = await recorder();
  const parsed = rightsRequestFieldsSchema.safeParse({ ...input, status: 'received' });
  if (!parsed.success) throw new ValidationError(parsed.error);
  const id = uuidv7();
  const { kind, requester, receivedOn, status } = parsed.data;
  await writeRecord({ table: 'rightsRequests', recordId: id, fields: { kind, requester, receivedOn, status, communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false } }, now);
  return id;
}

type StepFields = Partial<Pick<RequestItem, 'status' | 'acknowledgedAt' | 'acknowledgedBy' | 'extendedAt' | 'extendedBy' | 'extensionReason' | 'closedAt' | 'closedBy' | 'closeReason' | 'erasedLogs' | 'exportedRows'>>;

/** Writes a step after checking the request as it would then stand, so a refused step changes nothing. */
async function takeStep(id: string, user: CommuneUser, step: (row: RequestItem, at: string) => StepFields, now: number): Promise<void> {
  const stored: StoredRecord<'rightsRequests'> | undefined = await db.records('rightsRequests').get(id);
  if (!stored || stored.communeId !== user.communeId || stored.deleted) throw new RecordNotFoundError();
  const row = await openRow('rightsRequests', stored);
  const fields = step(row, new Date(now).toISOString());
  const changes: Readonly<Record<string, unknown>> = fields;
  const before: Readonly<Record<string, unknown>> = row;
  const next = Object.fromEntries(Object.keys(rightsRequestFieldsObject.shape).map((key) => [key, changes[key] ?? before[key]]));
  const parsed = rightsRequestFieldsSchema.safeParse(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined)));
  if (!parsed.success) throw new ValidationError(parsed.error);
  await writeRecord({ table: 'rightsRequests', recordId: id, fields }, now);
}

const open = (row: RequestItem): boolean => row.status === 'received' || row.status === 'acknowledged';

/** Acknowledges a received request (a member or the leader). */
export async function acknowledgeRequest(id: string, now: number = Date.now()): Promise<void> {
  const user = await recorder();
  await takeStep(id, user, (row, at) => (row.status === 'received' ? { status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: user.id } : {}), now);
}

/** The one extension of an open request, with its reason (the leader). */
export async function extendRequest(id: string, reason: string, now: number = Date.now()): Promise<void> {
  const user = await recorder();
  assertMay(user, 'rightsRequest.decide');
  await takeStep(
    id,
    user,
    (row, at) => {
      if (!open(row) || row.extendedAt) throw ValidationError.of('extensionReason', 'validation.invalidOption');
      return { extendedAt: at, extendedBy: user.id, extensionReason: reason };
    },
    now,
  );
}

export interface Answer {
  outcome: 'done' | 'refused';
  /** Required for a refusal; a note of what was done otherwise. */
  reason?: string;
  erasedLogs?: number;
  exportedRows?: number;
}

/** Answers or refuses an open request (the leader); acknowledging it too if nobody had. */
export async function closeRequest(id: string, answer: Answer, now: number = Date.now()): Promise<void> {
  const user = await recorder();
  assertMay(user, 'rightsRequest.decide');
  await takeStep(
    id,
    user,
    (row, at) => {
      if (!open(row)) throw ValidationError.of('closeReason', 'validation.invalidOption');
      const reason = answer.reason?.trim() ? answer.reason : null;
      return {
        ...(row.acknowledgedAt ? {} : { acknowledgedAt: at, acknowledgedBy: user.id }),
        status: answer.outcome,
        closedAt: at,
        closedBy: user.id,
        closeReason: reason,
        ...(answer.erasedLogs === undefined ? {} : { erasedLogs: answer.erasedLogs }),
        ...(answer.exportedRows === undefined ? {} : { exportedRows: answer.exportedRows }),
      };
    },
    now,
  );
}

/** Notes how many logs a copy for an access request held (before it is answered). */
export async function noteExport(id: string, rows: number, now: number = Date.now()): Promise<void> {
  const user = await recorder();
  await takeStep(id, user, () => ({ exportedRows: rows }), now);
}
