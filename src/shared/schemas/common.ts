// Building blocks of the shared schemas, and the metadata every synced record carries.
//
// Conventions used by every entity file:
// - Objects are strict: an unknown field is an error (mass assignment; src/shared/schemas/README.md).
// - Every message is a ValidationKey (an i18n key), never prose.
// - Text is trimmed and normalised to NFC before its length is checked (docs/domain.md §8.9).
// - An optional field also accepts null, which means "cleared". Sync merges field by field, and a
//   JSON patch cannot carry `undefined`, so a member who removes a village or a note sends null.
//   Booleans and lists are cleared with false and [] instead.
import { z } from 'zod';
import { isIsoDateTime, isLocalDate } from '../text/dates';
import type { ValidationKey } from './validation-keys';
import { ROLES, type Role } from '../roles';

type IssueLike = { code?: string; input?: unknown };

/** Message for a wrong or missing value: "required" when absent, "invalidType" otherwise. */
export const typeError = (issue: IssueLike): ValidationKey =>
  issue.input === undefined ? 'validation.required' : 'validation.invalidType';

/** A strict object whose own issues (unknown keys, not an object, missing) are ValidationKeys. */
export function strictObject<S extends z.core.$ZodLooseShape>(shape: S, missing: ValidationKey = 'validation.required') {
  return z.strictObject(shape, {
    error: (issue: IssueLike): ValidationKey =>
      issue.code === 'unrecognized_keys' ? 'validation.unknownField' : issue.input === undefined ? missing : 'validation.invalidType',
  });
}

/** Trimmed NFC text of min..max UTF-16 code units; min 1 means "required, not blank". */
export function nfcString(min: number, max: number) {
  const base = z.string({ error: typeError }).normalize('NFC').trim();
  const withMin = min > 0 ? base.min(min, { error: min === 1 ? 'validation.required' : 'validation.tooShort' }) : base;
  return withMin.max(max, { error: 'validation.tooLong' });
}

/** An integer in [min, max]. */
export function intSchema(min: number, max: number) {
  return z
    .number({ error: typeError })
    .int({ error: 'validation.integer' })
    .min(min, { error: 'validation.tooSmall' })
    .max(max, { error: 'validation.tooLarge' });
}

/** A boolean. */
export function boolSchema() {
  return z.boolean({ error: typeError });
}

/** One of a fixed list of codes. */
export function enumSchema<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (issue: IssueLike) => (issue.input === undefined ? 'validation.required' : 'validation.invalidOption') });
}

/** A list of at most `max` distinct items. */
export function uniqueListSchema<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item, { error: typeError })
    .max(max, { error: 'validation.tooMany' })
    .refine((list) => new Set(list.map((v) => JSON.stringify(v))).size === list.length, { error: 'validation.duplicate' });
}

/** Optional, and null clears it (see the conventions above). */
export function clearable<T extends z.ZodType>(schema: T) {
  return schema.nullable().optional();
}

// Lower-case RFC 9562 UUID of any version (v7 for client-made ids, v5 for the seeded reference
// data, which needs the same id on every server). Defined here because src/shared/sync/ids.ts was
// written at the same time; the two can be unified once both exist (keep lower case: ids are
// compared as strings by the sync merge and the database).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A record or user id: a lower-case UUID. */
export const idSchema = z.string({ error: typeError }).regex(UUID, { error: 'validation.uuid' });

// Lower-case ASCII words joined by single dashes: "ngok-bay", "vneid-install-register".
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A stable human-readable code (catalogue codes, template and item ids, province ids). */
export const slugSchema = z
  .string({ error: typeError })
  .max(64, { error: 'validation.tooLong' })
  .regex(SLUG, { error: 'validation.slug' });

/** A commune's id, a slug such as "ngok-bay" (see src/shared/seed/communes.json). */
export const communeIdSchema = slugSchema;

/** A calendar day in Vietnam, "yyyy-mm-dd" (no time zone: see text/dates.ts). */
export const localDateSchema = z
  .string({ error: typeError })
  .refine((s) => isLocalDate(s), { error: 'validation.localDate' });

// The form toISOString writes: a valid stamp already in it is kept as is (no Date round trip).
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An instant as an ISO-8601 date-time with seconds and a zone ("Z" or "+07:00"). The value is
 * rewritten to UTC with milliseconds ("2025-07-01T01:30:00.000Z"), the form Date#toISOString
 * gives, so that string order is time order on every replica.
 */
export const isoDateTimeSchema = z
  .string({ error: typeError })
  .refine((s) => isIsoDateTime(s), { error: 'validation.dateTime' })
  // Runs after the check; an invalid value is left as it is (the check has already failed).
  .overwrite((s) => (isIsoDateTime(s) && !UTC_MILLIS.test(s) ? new Date(Date.parse(s)).toISOString() : s));

/** The four roles (docs/product.md "People and roles"; the list itself lives in shared/roles.ts). */
export { ROLES, type Role };
export const roleSchema = enumSchema(ROLES);

/** Text in both app languages; an empty `en` falls back to `vi` in the UI. */
export function localizedTextSchema(max: number) {
  return strictObject({ vi: nfcString(1, max), en: nfcString(0, max) });
}
export type LocalizedText = z.infer<ReturnType<typeof localizedTextSchema>>;

/**
 * Metadata of every commune-scoped synced record. Who sets what:
 * - `id`: the client, when it creates the record (UUIDv7, so ids sort by creation).
 * - `communeId`, `createdBy`: the server, from the access token; a client's value is never trusted
 *   (docs/sync.md §4; docs/security.md).
 * - `createdAt`, `updatedAt`: the server, when it applies the first and the latest mutation.
 * - `deleted`: the client, through a mutation that sets it (deletes are tombstones).
 * The per-field clocks travel beside the record under the protocol's reserved key and are not
 * part of this schema: the sync layer strips them before validating.
 */
export const recordMetaSchema = strictObject({
  id: idSchema,
  communeId: communeIdSchema,
  createdBy: idSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  deleted: boolSchema(),
});
export type RecordMeta = z.infer<typeof recordMetaSchema>;

/**
 * Metadata of province-scoped reference data (checklistTemplates, services): the same, except
 * that `communeId` is null and `provinceId` names the province that owns the record. Only admins
 * write these.
 */
export const referenceRecordMetaSchema = strictObject({
  id: idSchema,
  communeId: z.null({ error: typeError }),
  provinceId: slugSchema,
  createdBy: idSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  deleted: boolSchema(),
});
export type ReferenceRecordMeta = z.infer<typeof referenceRecordMetaSchema>;

/**
 * Params for a cross-field rule that runs even when a field already failed, so a form shows every
 * problem at once (a negative count and "25 women of 20 people" together). Such rules must check
 * the types they read: the values may be anything.
 */
export const EVEN_WHEN_FIELDS_FAIL = { when: (): boolean => true };

/** The `deleted` flag a patch may carry besides the entity's own fields. */
export const patchExtras = { deleted: boolSchema().optional() };
