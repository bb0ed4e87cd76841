// The one function the server runs on every pushed mutation before merging it, and the check of
// the merged record (docs/sync.md §5 "Validation", docs/privacy.md checklist items 1–3). Pure: no
// clock reads, no I/O. Built on TABLE_SCHEMAS (the shape of the data) and WRITE_RULES
// (write-rules.ts: who may write what); who the user is and where they write is scopes.ts, what a
// reader does not receive is redaction.ts.
//
// The order of checks is fixed and cheap-first: reserved keys → scope (commune / province) →
// server-owned metadata → role for the table, the fields and the record → the patch schema →
// table-specific checks. The merged record is validated afterwards with the table's `record`
// schema (validateMergedRecord), because cross-field rules need the whole record.
import { can } from '../permissions';
import { isoDateTimeSchema } from '../schemas/common';
import { TABLE_SCHEMAS, isSyncTable, type SyncTable } from '../schemas/tables';
import type { ValidationKey } from '../schemas/validation-keys';
import type { SyncedRecord } from './merge';
import { LIMITS, type RejectionCode } from './protocol';
import type { SyncUser } from './scopes';
import { WRITE_RULES, sameJson, type Rejection } from './write-rules';

/** What validateMutation needs of a pushed mutation. */
export interface MutationInput {
  table: string;
  recordId: string;
  fields: Readonly<Record<string, unknown>>;
}

export type ValidationResult = { ok: true; patch: Record<string, unknown>; created: boolean } | ({ ok: false } & Rejection);

/** Fields the server owns. A client may echo them (the data layer does), but never change them. */
export const SERVER_OWNED_FIELDS = ['communeId', 'createdBy', 'createdAt', 'updatedAt'] as const;
/** Reference records also carry their province. */
export const REFERENCE_OWNED_FIELDS = [...SERVER_OWNED_FIELDS, 'provinceId'] as const;
/** Keys no mutation may carry: the record's identity and its clocks (merge.ts, protocol.ts). */
export const RESERVED_KEYS = ['id', 'clocks', '_c'] as const;

const reject = (code: RejectionCode, message: string): { ok: false } & Rejection => ({ ok: false, code, message });

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
