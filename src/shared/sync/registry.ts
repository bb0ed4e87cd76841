// Who may write what, per table, field and role, and the one function the server runs on every
// pushed mutation before merging it (docs/sync.md §5 "Validation", docs/privacy.md checklist items 1–3).
// Pure: no clock reads, no I/O. Built on TABLE_SCHEMAS (shape of the data) and permissions.ts
// (the role table the client also reads), so a rule changes in one place for both sides.
//
// The order of checks is fixed and cheap-first: reserved keys → scope (commune / province) →
// server-owned metadata → role for the table, the fields and the record → the patch schema →
// table-specific checks. The merged record is validated afterwards with the table's `record`
// schema (validateMergedRecord), because cross-field rules need the whole record.
import { can, canEditRecord, type Action, type Role } from '../permissions';
import { isoDateTimeSchema } from '../schemas/common';
import { TABLE_SCHEMAS, isSyncTable, type SyncTable, type TableScope } from '../schemas/tables';
import type { ValidationKey } from '../schemas/validation-keys';
import { LIMITS, type RejectionCode } from './protocol';
import { STATUS_RANK, isRequestStatus } from '../privacy/rights-requests';
import type { SyncedRecord } from './merge';

/** The signed-in user as the server knows it (from its database, never from the request). */
export interface SyncUser {
  id: string;
  role: Role;
  /** null for province admins. */
  communeId: string | null;
  /** The province the user's commune belongs to, or the admin's province. */
  provinceId: string | null;
}

/** What validateMutation needs of a pushed mutation. */
export interface MutationInput {
  table: string;
  recordId: string;
  fields: Readonly<Record<string, unknown>>;
}

export interface Rejection {
  code: RejectionCode;
  message: string;
}

export type ValidationResult = { ok: true; patch: Record<string, unknown>; created: boolean } | ({ ok: false } & Rejection);

/** Fields the server owns. A client may echo them (the data layer does), but never change them. */
export const SERVER_OWNED_FIELDS = ['communeId', 'createdBy', 'createdAt', 'updatedAt'] as const;
/** Reference records also carry their province. */
export const REFERENCE_OWNED_FIELDS = [...SERVER_OWNED_FIELDS, 'provinceId'] as const;
/** Keys no mutation may carry: the record's identity and its clocks (merge.ts, protocol.ts). */
export const RESERVED_KEYS = ['id', 'clocks', '_c'] as const;

/** The sync scope of a province's reference data; commune scopes are the commune ids (slugs, no ':'). */
export function provinceScope(provinceId: string): string {
  return `province:${provinceId}`;
}

/** The scope a user writes to for a table, or undefined when the user has none of that kind. */
export function writeScope(user: SyncUser, scope: TableScope): string | undefined {
  if (scope === 'province') return user.provinceId ? provinceScope(user.provinceId) : undefined;
  return user.communeId ?? undefined;
}

/** The scopes a user reads: their commune (if any) and their province's reference data (if any). */
export function readScopes(user: SyncUser): { commune: string | undefined; province: string | undefined } {
  return { commune: user.communeId ?? undefined, province: user.provinceId ? provinceScope(user.provinceId) : undefined };
}

// ---------- the rules, per table ----------

interface WriteRule {
  /** Creating a record. */
  create: Action;
  /** Changing an existing record (any field). */
  update: (user: SyncUser, existing: SyncedRecord) => boolean;
  /** Setting `deleted` (delete or undo) needs this action besides `update`. */
  delete?: Action;
  /** Fields that need an extra action to change. */
  fieldActions?: Readonly<Record<string, Action>>;
  /** Fields that may not change once the record exists (besides the server-owned ones). */
  immutableAfterCreate?: readonly string[];
  /** Checks that need the user and the values (e.g. "signedBy is you"). */
  check?: (user: SyncUser, patch: Readonly<Record<string, unknown>>, existing: SyncedRecord | undefined) => Rejection | undefined;
}

const byAction =
  (action: Action) =>
  (user: SyncUser): boolean =>
    can(user.role, action);

/** Logs and group sessions: authors edit their own, leaders any (permissions.ts canEditRecord). */
const ownRecords = (user: SyncUser, existing: SyncedRecord): boolean => canEditRecord(user, { createdBy: existing.createdBy });

/**
 * docs/privacy.md: the consent evidence names the member who heard the citizen agree. New evidence must
 * name the pusher; evidence already on the record (a leader correcting a name) may stay as it is.
 */
function consentRecordedByPusher(user: SyncUser, patch: Readonly<Record<string, unknown>>, existing: SyncedRecord | undefined): Rejection | undefined {
  const citizen = patch.citizen as { consentEvidence?: { recordedBy?: unknown } } | null | undefined;
  if (!citizen) return undefined;
  const evidence = citizen.consentEvidence;
  const before = (existing?.citizen as { consentEvidence?: unknown } | null | undefined)?.consentEvidence;
  if (before !== undefined && sameJson(before, evidence)) return undefined;
  return evidence?.recordedBy === user.id ? undefined : { code: 'forbidden', message: 'sync.consentNotYours' };
}

/** A sign-off is signed by the person pushing it, and only its author can withdraw it. */
function signOffBySigner(user: SyncUser, patch: Readonly<Record<string, unknown>>, existing: SyncedRecord | undefined): Rejection | undefined {
  if (existing === undefined && patch.signedBy !== user.id) return { code: 'forbidden', message: 'sync.signOffNotYours' };
  return undefined;
}

/** A submission names the leader who pushes it as its sender. */
function submittedByPusher(user: SyncUser, patch: Readonly<Record<string, unknown>>, existing: SyncedRecord | undefined): Rejection | undefined {
  if (existing === undefined && patch.submittedBy !== user.id) return { code: 'forbidden', message: 'sync.submissionNotYours' };
  return undefined;
}

/**
 * A request's steps (docs/privacy.md "Requests register"): each names the pusher as who took it; the
 * status never goes back; a closed request and its extension are final; closing goes through the
 * record's own checks (a refusal's reason, who and when).
 */
function requestStepByPusher(user: SyncUser, patch: Readonly<Record<string, unknown>>, existing: SyncedRecord | undefined): Rejection | undefined {
  // Extending and closing are the leader's; null and absent are the same "not yet".
  const decides = ['extendedAt', 'extendedBy', 'extensionReason', 'closedAt', 'closedBy', 'closeReason'].some((field) => Object.hasOwn(patch, field) && !sameJson(patch[field] ?? null, existing?.[field] ?? null));
  if (decides && !can(user.role, 'rightsRequest.decide')) return { code: 'forbidden', message: 'sync.notAllowed' };
  for (const field of ['acknowledgedBy', 'extendedBy', 'closedBy'] as const) {
    if (Object.hasOwn(patch, field) && patch[field] !== null && patch[field] !== existing?.[field] && patch[field] !== user.id) return { code: 'forbidden', message: 'sync.requestStepNotYours' };
  }
  if (existing === undefined) return undefined;
  const before = isRequestStatus(existing.status) ? STATUS_RANK[existing.status] : 0;
  if (isRequestStatus(patch.status) && patch.status !== existing.status && (STATUS_RANK[patch.status] < before || before === 2)) return { code: 'immutable_field', message: 'sync.immutableField' };
  const final = [...(before === 2 ? ['acknowledgedAt', 'acknowledgedBy', 'closedAt', 'closedBy', 'closeReason', 'extendedAt', 'extendedBy', 'extensionReason'] : []), ...(existing.extendedAt ? ['extendedAt', 'extendedBy', 'extensionReason'] : [])];
  for (const field of final) {
    if (Object.hasOwn(patch, field) && !sameJson(patch[field], existing[field])) return { code: 'immutable_field', message: 'sync.immutableField' };
  }
  return undefined;
}

export const WRITE_RULES: Readonly<Record<SyncTable, WriteRule>> = {
  assistanceLogs: { create: 'log.create', update: ownRecords, check: consentRecordedByPusher },
  groupSessions: { create: 'log.create', update: ownRecords },
  contacts: { create: 'contact.create', update: byAction('contact.edit'), delete: 'contact.delete' },
  checklists: {
    create: 'checklist.create',
    update: byAction('checklist.create'),
    delete: 'checklist.archive',
    fieldActions: { archived: 'checklist.archive' },
  },
  checklistItems: { create: 'checklistItem.update', update: byAction('checklistItem.update'), delete: 'checklist.create' },
  villages: { create: 'villages.manage', update: byAction('villages.manage') },
  // Sign-offs are never edited: a new sign-off is a new record; withdrawing one is a tombstone by its author.
  signOffs: {
    create: 'checklist.signOff',
    update: (user, existing) => can(user.role, 'checklist.signOff') && existing.createdBy === user.id,
    immutableAfterCreate: ['checklistId', 'signedBy', 'signedAt', 'comment'],
    check: signOffBySigner,
  },
  // `returned` is the province's word on a sent report, written by the server (POST /api/reports/returns).
  periodReports: { create: 'periodReport.write', update: byAction('periodReport.write'), delete: 'periodReport.write', fieldActions: { returned: 'serverPublished.push' } },
  // A sent report is never edited nor withdrawn: a correction is a new submission (docs/reports.md).
  reportSubmissions: {
    create: 'periodReport.write',
    update: () => false,
    check: submittedByPusher,
  },
  services: { create: 'services.manage', update: byAction('services.manage') },
  checklistTemplates: { create: 'template.manage', update: byAction('template.manage') },
  teamMembers: { create: 'serverPublished.push', update: byAction('serverPublished.push') },
  communeProfiles: { create: 'serverPublished.push', update: byAction('serverPublished.push') },
  provinceContacts: { create: 'provinceContacts.manage', update: byAction('provinceContacts.manage') },
  rightsRequests: {
    create: 'rightsRequest.record',
    update: byAction('rightsRequest.record'),
    delete: 'rightsRequest.decide',
    immutableAfterCreate: ['kind', 'receivedOn'],
    check: requestStepByPusher,
  },
  // Published by the server for the admin's guide editor (/api/admin/guides), never pushed by a phone:
  // a version is checked as a whole (its pictures exist, the province's picture budget holds).
  serviceGuides: { create: 'serverPublished.push', update: byAction('serverPublished.push') },
  guideImages: { create: 'serverPublished.push', update: byAction('serverPublished.push') },
};

// ---------- validation ----------

const reject = (code: RejectionCode, message: string): { ok: false } & Rejection => ({ ok: false, code, message });

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const utf8 = new TextEncoder();

/** Whether the fields' JSON takes more than `limit` bytes; encodes only when it might. */
function fieldsOver(fields: Readonly<Record<string, unknown>>, limit: number): boolean {
  const json = JSON.stringify(fields);
  // A UTF-16 code unit is at most 3 bytes of UTF-8, so short text needs no encoding at all.
  return json.length * 3 > limit && utf8.encode(json).length > limit;
}

/** The first issue's message, which the shared schemas guarantee is a ValidationKey. */
function firstMessage(issues: readonly { message: string }[]): string {
  return issues[0]?.message ?? ('validation.invalidType' satisfies ValidationKey);
}

/**
 * Decides whether `user` may apply `mutation` to `existing` (the record as the server holds it in
 * the user's scope, or undefined when it does not exist there). On success returns the patch to
 * merge: the client's fields, normalised by the table's patch schema, without the server-owned
 * metadata, plus `communeId`/`createdBy` (and `provinceId`) from the user when the record is new.
 * The caller adds `createdAt`/`updatedAt` from its own clock and validates the merged record.
 */
export function validateMutation(user: SyncUser, mutation: MutationInput, existing: SyncedRecord | undefined): ValidationResult {
  const { table, fields } = mutation;
  if (!isSyncTable(table)) return reject('invalid', 'validation.invalidOption');
  if (fieldsOver(fields, LIMITS.mutationBytes)) return reject('too_large', 'sync.mutationTooLarge');
  for (const key of RESERVED_KEYS) {
    if (Object.hasOwn(fields, key)) return reject('invalid', 'validation.unknownField');
  }

  const { scope } = TABLE_SCHEMAS[table];
  const rule = WRITE_RULES[table];

  // Scope: the user must have one of this kind, and the record must be in it.
  const userScopeId = scope === 'province' ? user.provinceId : user.communeId;
  if (!userScopeId) return reject('forbidden', 'sync.notAllowed');
  if (existing !== undefined) {
    const owner = scope === 'province' ? existing.provinceId : existing.communeId;
    if (owner !== userScopeId) return reject('wrong_commune', 'sync.wrongCommune');
  }

  // Server-owned metadata: echoing the true value is harmless, anything else is a forgery.
  const owned: readonly string[] = scope === 'province' ? REFERENCE_OWNED_FIELDS : SERVER_OWNED_FIELDS;
  const ownerField = scope === 'province' ? 'provinceId' : 'communeId';
  if (Object.hasOwn(fields, ownerField) && fields[ownerField] !== userScopeId) return reject('wrong_commune', 'sync.wrongCommune');
  if (scope === 'province' && Object.hasOwn(fields, 'communeId') && fields.communeId !== null) {
    return reject('wrong_commune', 'sync.wrongCommune');
  }
  if (Object.hasOwn(fields, 'createdBy') && fields.createdBy !== user.id && fields.createdBy !== existing?.createdBy) {
    return reject('immutable_field', 'sync.immutableField');
  }
  for (const key of ['createdAt', 'updatedAt'] as const) {
    if (Object.hasOwn(fields, key) && !isoDateTimeSchema.safeParse(fields[key]).success) return reject('invalid', 'validation.dateTime');
  }
  const clientFields = Object.fromEntries(Object.entries(fields).filter(([key]) => !owned.includes(key)));

  // Role: for the table, then for particular fields.
  if (existing === undefined ? !can(user.role, rule.create) : !rule.update(user, existing)) return reject('forbidden', 'sync.notAllowed');
  if (rule.delete && Object.hasOwn(clientFields, 'deleted')) {
    const changesDeleted = existing === undefined ? clientFields.deleted === true : clientFields.deleted !== existing.deleted;
    if (changesDeleted && !can(user.role, rule.delete)) return reject('forbidden', 'sync.notAllowed');
  }
  for (const [field, action] of Object.entries(rule.fieldActions ?? {})) {
    if (Object.hasOwn(clientFields, field) && !sameJson(clientFields[field], existing?.[field]) && !can(user.role, action)) {
      return reject('forbidden', 'sync.notAllowed');
    }
  }
  if (existing !== undefined) {
    for (const field of rule.immutableAfterCreate ?? []) {
      if (Object.hasOwn(clientFields, field) && !sameJson(clientFields[field], existing[field])) return reject('immutable_field', 'sync.immutableField');
    }
  }

  // Shape: the table's strict patch schema (unknown fields, types, lengths), values normalised.
  const parsed = TABLE_SCHEMAS[table].patch.safeParse(clientFields);
  if (!parsed.success) return reject('invalid', firstMessage(parsed.error.issues));
  const patch = { ...(parsed.data as Record<string, unknown>) };

  const problem = rule.check?.(user, patch, existing);
  if (problem) return { ok: false, ...problem };

  if (existing === undefined) {
    if (scope === 'province') Object.assign(patch, { communeId: null, provinceId: userScopeId, createdBy: user.id });
    else Object.assign(patch, { communeId: userScopeId, createdBy: user.id });
  }
  return { ok: true, patch, created: existing === undefined };
}

/**
 * The merged record against the table's full schema (cross-field rules, required fields). The
 * clocks are not part of the record schema. Returns a rejection or undefined.
 */
export function validateMergedRecord(table: SyncTable, record: SyncedRecord): Rejection | undefined {
  const { clocks: _clocks, ...fields } = record;
  const parsed = TABLE_SCHEMAS[table].record.safeParse(fields);
  return parsed.success ? undefined : { code: 'invalid', message: firstMessage(parsed.error.issues) };
}

/**
 * Fields that only roles with an action may read (docs/privacy.md checklist item 3), per table: they are removed
 * before a record leaves the server, so a phone never holds what its user may not see.
 */
export const READ_RESTRICTED_FIELDS: Readonly<Partial<Record<SyncTable, Readonly<Record<string, Action>>>>> = {
  assistanceLogs: { citizen: 'citizen.view', note: 'notes.view' },
  groupSessions: { note: 'notes.view' },
  // Who asked, and the leader's reasons (which may name them): the team only.
  rightsRequests: { requester: 'citizen.view', extensionReason: 'notes.view', closeReason: 'notes.view' },
};

/** The fields of a table's records a role does not receive. */
export function hiddenFields(role: Role, table: SyncTable): string[] {
  return Object.entries(READ_RESTRICTED_FIELDS[table] ?? {})
    .filter(([, action]) => !can(role, action))
    .map(([field]) => field);
}

/** Whether redactForReader removes anything from this table's records for this reader. */
export function redactsFor(user: Pick<SyncUser, 'role'>, table: SyncTable): boolean {
  return hiddenFields(user.role, table).length > 0;
}

/** Fields a role may not read are removed, with their clocks, before a record leaves the server. */
export function redactForReader(user: Pick<SyncUser, 'role'>, table: SyncTable, record: SyncedRecord): SyncedRecord {
  const hidden = hiddenFields(user.role, table);
  if (hidden.length === 0) return record;
  const rest: Record<string, unknown> = { ...record };
  const clocks: Record<string, string> = { ...record.clocks };
  for (const field of hidden) {
    delete rest[field];
    delete clocks[field];
  }
  return { ...rest, id: record.id, clocks } as SyncedRecord;
}

/**
 * Upcasters from an older client data format to the current one, by the version they upgrade
 * from (docs/sync.md §7.2 item 24). Empty while MIN_SCHEMA_VERSION = CURRENT_SCHEMA_VERSION = 1;
 * a format change adds `1: (m) => …` here and raises CURRENT_SCHEMA_VERSION in protocol.ts.
 */
export const UPCASTERS: Readonly<Record<number, (mutation: MutationInput) => MutationInput>> = {};

export function upcastMutation(schemaVersion: number, currentVersion: number, mutation: MutationInput): MutationInput {
  let result = mutation;
  for (let version = schemaVersion; version < currentVersion; version++) {
    const upcast = UPCASTERS[version];
    if (upcast) result = upcast(result);
  }
  return result;
}
