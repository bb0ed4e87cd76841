// Commune checklists (docs/product.md job 3): checklists made from a template version, the state of each
// item, and reviewers' sign-offs. Every change goes through writeRecord (record + outbox entry in
// one transaction) after the role and the shared schema have accepted it, so a refused change
// changes nothing. Item states are separate records with an id fixed by (checklist, item), and a
// change sends only the fields it changes: two members editing the status and the note of one item
// offline merge field by field (docs/sync.md §2). An item's note and a sign-off's comment are
// stored sealed (docs/security.md "Checklist notes"): opened when read, sealed before a write.
import { db, type StoredRecord } from './db';
import { assertMay, communeUserWhoMay } from './access';
import { RecordNotFoundError, ValidationError } from './errors';
import { queueDecidedWrite, writeRecord, writeRecords, type LocalWrite } from './local-write';
import { openRow, openRows, requireDataKey, sealFields } from './sealed-records';
import { changedFields } from './record-fields';
import { requireUser, type SessionUser } from './session-repository';
import { getTemplateVersion, listLatestTemplates, listTemplateVersions, type ChecklistTemplate } from './checklist-template-repository';
import { listVillages } from './village-repository';
import { checklistFieldsSchema, type ChecklistRecord, type ChecklistScope } from '../../shared/schemas/checklist';
import { checklistItemFieldsObject, type ChecklistItemRecord, type ChecklistItemStatus } from '../../shared/schemas/checklist-item';
import { signOffFieldsSchema, type SignOffRecord } from '../../shared/schemas/sign-off';
import { uuidv7 } from '../../shared/sync/ids';
import { localDateOf, todayLocal } from '../../shared/text/dates';
import { findVersion } from '../../shared/checklists/versioning';
import { checklistItemRecordId } from '../../shared/checklists/item-id';
import { buildItemViews, progressOf, type ChecklistProgress } from '../../shared/checklists/progress';
import { DEFAULT_ITEM_STATUS } from '../../shared/checklists/status';
import { ChecklistError } from '../../shared/checklists/errors';

/** The records as the screens read them. An item without a state record is "todo". */
export type Checklist = ChecklistRecord;
export type ItemStateRecord = ChecklistItemRecord;
export type SignOff = SignOffRecord;

/** A checklist with everything its screen shows. `template` is undefined while its version is not on the phone. */
export interface ChecklistBundle {
  checklist: Checklist;
  template: ChecklistTemplate | undefined;
  states: Map<string, ItemStateRecord>;
  signOffs: SignOff[];
}

/** A checklist of the commune that is not deleted, or null. */
function ofCommune(row: StoredRecord<'checklists'> | undefined, communeId: string | null): Checklist | null {
  return row && !row.deleted && row.communeId === communeId ? row : null;
}

const live = <T extends { deleted: boolean }>(row: T): boolean => !row.deleted;
const newestFirst = <K extends string>(key: K) => (a: Record<K, string>, b: Record<K, string>) => (a[key] < b[key] ? 1 : a[key] > b[key] ? -1 : 0);

/** The local date a checklist was made (template dates already past then are not deadlines). */
export function checklistCreatedOn(checklist: Pick<Checklist, 'createdAt'>): string {
  return localDateOf(checklist.createdAt);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The signed-in user's commune's checklists, newest first (archived ones included). */
export async function listChecklists(): Promise<Checklist[]> {
  const user = await requireUser();
  const rows = await db.records('checklists').toArray();
  return rows.filter((row) => ofCommune(row, user.communeId)).sort(newestFirst('createdAt'));
}

async function loadChecklist(user: SessionUser, id: string): Promise<Checklist> {
  const checklist = ofCommune(await db.records('checklists').get(id), user.communeId);
  if (!checklist) throw new RecordNotFoundError();
  return checklist;
}

// Only rows holding a sealed note are decrypted (a handful per checklist), outside any transaction.
async function statesOf(checklistIds: readonly string[]): Promise<ItemStateRecord[]> {
  const rows = await db.records('checklistItems').where('checklistId').anyOf(checklistIds).toArray();
  return openRows('checklistItems', rows.filter(live));
}

async function signOffsOf(checklistIds: readonly string[]): Promise<SignOff[]> {
  const rows = await db.records('signOffs').where('checklistId').anyOf(checklistIds).toArray();
  return (await openRows('signOffs', rows.filter(live))).sort(newestFirst('signedAt'));
}

/**
 * One checklist of the signed-in user's commune (pass the user when the caller already has the
 * session, to save a read), or undefined.
 */
export async function getChecklist(id: string, user?: Pick<SessionUser, 'communeId'>): Promise<Checklist | undefined> {
  const { communeId } = user ?? (await requireUser());
  return ofCommune(await db.records('checklists').get(id), communeId) ?? undefined;
}

/** The item states of one checklist by template item id (items without a record are "todo"). */
export async function listItemStates(checklistId: string): Promise<Map<string, ItemStateRecord>> {
  return new Map((await statesOf([checklistId])).map((s) => [s.itemId, s]));
}

/** The sign-offs of one checklist, newest first. */
export async function listSignOffs(checklistId: string): Promise<SignOff[]> {
  return signOffsOf([checklistId]);
}

/** One checklist with its template version, item states and sign-offs; undefined when it does not exist. */
export async function getChecklistBundle(id: string): Promise<ChecklistBundle | undefined> {
  const checklist = await getChecklist(id);
  if (!checklist) return undefined;
  const [template, states, signOffs] = await Promise.all([
    getTemplateVersion(checklist.templateId, checklist.templateVersion),
    listItemStates(id),
    listSignOffs(id),
  ]);
  return { checklist, template, states, signOffs };
}

/** Every checklist of the commune with its template, states and sign-offs (the readiness overview). */
export async function listChecklistBundles(): Promise<ChecklistBundle[]> {
  const checklists = await listChecklists();
  const ids = checklists.map((c) => c.id);
  const [templates, states, signOffs] = await Promise.all([listTemplateVersions(), statesOf(ids), signOffsOf(ids)]);
  return checklists.map((checklist) => ({
    checklist,
    template: findVersion(templates, checklist.templateId, checklist.templateVersion),
    states: new Map(states.filter((s) => s.checklistId === checklist.id).map((s) => [s.itemId, s])),
    signOffs: signOffs.filter((s) => s.checklistId === checklist.id),
  }));
}

/** Progress of a bundle on a given day (undefined without its template). */
export function bundleProgress(bundle: ChecklistBundle, today: string): ChecklistProgress | undefined {
  if (!bundle.template) return undefined;
  return progressOf(buildItemViews(bundle.template.items, bundle.states, checklistCreatedOn(bundle.checklist), today));
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface NewChecklistInput {
  templateId: string;
  scope: ChecklistScope;
  villageId?: string | null;
  /** Defaults to the template's Vietnamese title. */
  title?: string;
}

/**
 * Creates a checklist from the newest version of a template (leaders). The state record of every
 * item is created in the same transaction with status "todo": a member who later sets a status and
 * another who writes a note then both change an existing record field by field, instead of racing
 * to create it (the loser's "todo" would overwrite the winner's "done").
 */
export async function createChecklist(input: NewChecklistInput, now: number = Date.now()): Promise<Checklist> {
  const user = await communeUserWhoMay('checklist.create');
  const template = (await listLatestTemplates()).find((t) => t.templateId === input.templateId);
  if (!template) throw new ChecklistError('templateMissing');
  const parsed = checklistFieldsSchema.safeParse({
    templateId: template.templateId,
    templateVersion: template.version,
    title: input.title ?? template.title.vi.slice(0, 200),
    scope: input.scope,
    villageId: input.scope === 'village' ? (input.villageId ?? null) : null,
    archived: false,
  });
  if (!parsed.success) throw new ValidationError(parsed.error);
  if (parsed.data.villageId != null && !(await listVillages()).some((v) => v.id === parsed.data.villageId)) {
    throw ValidationError.of('villageId', 'validation.invalidOption');
  }
  const id = uuidv7();
  const createdAt = new Date(now).toISOString();
  const meta = { communeId: user.communeId, createdBy: user.id, createdAt, deleted: false };
  const writes: LocalWrite[] = [
    { table: 'checklists', recordId: id, fields: { ...parsed.data, ...meta } },
    ...template.items.map((item): LocalWrite => ({
      table: 'checklistItems',
      recordId: checklistItemRecordId(id, item.id),
      fields: { checklistId: id, itemId: item.id, status: DEFAULT_ITEM_STATUS, ...meta },
    })),
  ];
  await writeRecords(writes, now);
  return loadChecklist(user, id);
}

/** Archives (or restores) a checklist (leaders). Archived checklists are read-only. */
export async function setChecklistArchived(id: string, archived: boolean, now: number = Date.now()): Promise<void> {
  const user = await requireUser();
  assertMay(user, 'checklist.archive');
  const checklist = await loadChecklist(user, id);
  if (checklist.archived === archived) return;
  await writeRecord({ table: 'checklists', recordId: id, fields: { archived } }, now);
}

/** What the details sheet (or a tap) may change on an item; null clears a field. */
export type ItemChanges = Partial<{
  status: ChecklistItemStatus;
  note: string | null;
  assignee: string | null;
  dueDate: string | null;
  blockedReason: string | null;
}>;

// The item ids of a template version never change (publishing adds a version, and versions keep
// item ids), so they are remembered: a tap then skips reading the whole template record.
const itemIdCache = new Map<string, ReadonlySet<string>>();

async function templateItemIds(templateId: string, version: number): Promise<ReadonlySet<string> | undefined> {
  const key = `${templateId}/${version}`;
  const cached = itemIdCache.get(key);
  if (cached) return cached;
  const template = await getTemplateVersion(templateId, version);
  if (!template) return undefined;
  const ids = new Set(template.items.map((item) => item.id));
  itemIdCache.set(key, ids);
  return ids;
}

const itemChangesSchema = checklistItemFieldsObject.pick({ status: true, note: true, assignee: true, dueDate: true, blockedReason: true }).partial();
const TEXT_FIELDS = ['note', 'assignee', 'blockedReason'] as const;

/**
 * Changes an item's state (members and leaders). Only the fields that differ from the stored
 * state are written; nothing at all when nothing differs. Returns the fields written.
 */
export async function updateChecklistItem(checklistId: string, itemId: string, changes: ItemChanges, now: number = Date.now()): Promise<ItemChanges> {
  // A blank field is a cleared one: store null, so the clear merges as a clear on every phone.
  const parsed = itemChangesSchema.safeParse(changes.dueDate === '' ? { ...changes, dueDate: null } : changes);
  if (!parsed.success) throw new ValidationError(parsed.error);
  const wanted: ItemChanges = { ...parsed.data };
  for (const key of TEXT_FIELDS) if (wanted[key] === '') wanted[key] = null;
  const recordId = checklistItemRecordId(checklistId, itemId);
  // The note is compared and sealed BEFORE the transaction (WebCrypto would commit it early); a
  // status tap has no note and costs no crypto at all.
  const { note: typedNote, ...others } = wanted;
  const note = await noteToStore(recordId, typedNote);
  // Checks and write in ONE transaction (local-write.ts queueDecidedWrite): a refusal aborts it so
  // nothing changes, nothing changes between the check and the write, and a tap costs two rounds
  // of requests — the checks' reads beside the item's and the clock's — and one commit
  // (docs/performance.md "A checklist status tap"). Only Dexie is awaited inside (docs/sync.md §7.3).
  const checks = async (): Promise<Checklist> => {
    const [user, row] = await Promise.all([requireUser(), db.records('checklists').get(checklistId)]);
    assertMay(user, 'checklistItem.update');
    const checklist = ofCommune(row, user.communeId);
    if (!checklist) throw new RecordNotFoundError();
    if (checklist.archived) throw new ChecklistError('archived');
    const itemIds = await templateItemIds(checklist.templateId, checklist.templateVersion);
    if (!itemIds) throw new ChecklistError('templateMissing');
    if (!itemIds.has(itemId)) throw new ChecklistError('unknownItem');
    return checklist;
  };
  let written: ItemChanges = {};
  await queueDecidedWrite({ table: 'checklistItems', recordId }, [db.settings, db.records('checklists'), db.records('checklistTemplates')], checks, (existing, checklist) => {
    const current: Required<Omit<ItemChanges, 'note'>> = {
      status: existing?.status ?? DEFAULT_ITEM_STATUS,
      assignee: existing?.assignee ?? null,
      dueDate: existing?.dueDate ?? null,
      blockedReason: existing?.blockedReason ?? null,
    };
    const fields: ItemChanges = { ...changedFields(current, others), ...(note.unchanged ? {} : { note: typedNote ?? null }) };
    const status = fields.status ?? current.status;
    const reason = fields.blockedReason !== undefined ? fields.blockedReason : current.blockedReason;
    if (status === 'blocked' && (reason === null || reason.trim() === '')) throw new ChecklistError('blockedReasonRequired');
    if (Object.keys(fields).length === 0) return null;
    written = fields;
    // Normally created with the checklist. A state not yet pulled (a sync page boundary) is
    // created here with its status; createdBy/createdAt are left to the server, where the record
    // most likely exists with the leader as author (echoing another would be rejected).
    const creation = existing ? {} : { checklistId, itemId, status, communeId: checklist.communeId, deleted: false };
    // The note goes to disk sealed; the caller reads what it typed.
    return { ...creation, ...fields, ...(note.unchanged ? {} : { note: note.stored }) };
  }, now);
  return written;
}

/**
 * What an item's note change stores: nothing when it equals the stored note once opened (the
 * sheet sends every field), null to clear it, else the note sealed with the member's key.
 */
async function noteToStore(recordId: string, note: string | null | undefined): Promise<{ unchanged: true } | { unchanged: false; stored: StoredRecord<'checklistItems'>['note'] }> {
  if (note === undefined) return { unchanged: true };
  const stored = await openRow('checklistItems', await db.records('checklistItems').get(recordId));
  if ((stored?.note ?? null) === note) return { unchanged: true };
  return { unchanged: false, stored: note === null ? null : (await sealFields('checklistItems', recordId, { note }, requireDataKey())).note };
}

/** Signs off a completed checklist (reviewers): who, when and an optional comment. */
export async function signOffChecklist(checklistId: string, comment: string | null, now: number = Date.now()): Promise<SignOff> {
  const user = await communeUserWhoMay('checklist.signOff');
  const bundle = await getChecklistBundle(checklistId);
  if (!bundle) throw new RecordNotFoundError();
  if (bundle.checklist.archived) throw new ChecklistError('archived');
  const progress = bundleProgress(bundle, todayLocal(now));
  if (!progress) throw new ChecklistError('templateMissing');
  if (!progress.complete) throw new ChecklistError('notComplete');
  const parsed = signOffFieldsSchema.safeParse({
    checklistId,
    signedBy: user.id,
    signedAt: new Date(now).toISOString(),
    comment: comment === null || comment.trim() === '' ? null : comment,
  });
  if (!parsed.success) throw new ValidationError(parsed.error);
  return writeRecord(
    { table: 'signOffs', recordId: uuidv7(), fields: { ...parsed.data, communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false } },
    now,
  );
}
