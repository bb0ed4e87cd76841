// The sync wire contract (docs/sync.md §4 — the HTTP surface is fixed). Request and response bodies
// as zod schemas, used by the server to validate and by the client to parse. The full protocol,
// with examples, is in PROTOCOL.md beside this file.
import { z } from 'zod';
import { hlcSchema, InvalidHlcError, isHlc, type Hlc } from './hlc';
import { uuidSchema } from './ids';
import { SYNC_TABLES } from '../schemas/tables';
import type { FieldClocks, SyncedRecord } from './merge';

/** The data format this client writes. The server accepts [MIN, CURRENT] and upcasts older ones. */
export const CURRENT_SCHEMA_VERSION = 1;
export const MIN_SCHEMA_VERSION = 1;

/** Limits shared by both sides (the server enforces them; the client stays below them). */
export const LIMITS = {
  /** Mutations in one push. */
  pushMutations: 500,
  /** What the client aims for per push: small batches survive a 2G link that drops. */
  clientPushBatch: 100,
  clientPushBytes: 64 * 1024,
  /** Serialized size of one mutation's fields. */
  mutationBytes: 64 * 1024,
  pullDefault: 500,
  pullMax: 1000,
} as const;

/** Request bodies larger than this are gzip-compressed by the client (CompressionStream). */
export const COMPRESS_REQUEST_ABOVE_BYTES = 1024;

export const syncTableSchema = z.enum(SYNC_TABLES);

// ---------- push ----------

/**
 * A change handed over from its author's phone to a colleague's (docs/field-aids.md §2): who made
 * it, and the author's MAC over the mutation (src/shared/handover/relay.ts). The server plans a
 * relayed mutation as the author's once the MAC and the author check out (PROTOCOL.md §4).
 */
export const relaySchema = z.strictObject({
  author: uuidSchema,
  /** HMAC-SHA-256, base64url without padding. */
  mac: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type Relay = z.infer<typeof relaySchema>;

export const mutationSchema = z.strictObject({
  id: uuidSchema,
  table: syncTableSchema,
  recordId: uuidSchema,
  hlc: hlcSchema,
  fields: z.record(z.string(), z.unknown()),
  relay: relaySchema.optional(),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.strictObject({
  clientId: z.string().min(1).max(64),
  schemaVersion: z.number().int().min(0),
  mutations: z.array(mutationSchema).max(LIMITS.pushMutations),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Why a mutation will never apply. The client shows these in "changes not accepted". */
export const REJECTION_CODES = [
  'invalid', // fields fail the table's schema (message = a validation key)
  'forbidden', // the user's role may not write this table or field
  'wrong_commune', // the record belongs to another commune, or communeId was forged
  'immutable_field', // createdBy / communeId / createdAt changed after creation
  'too_large', // one mutation's fields over LIMITS.mutationBytes
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const rejectionSchema = z.object({
  id: z.string(),
  code: z.string(),
  message: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

export const pushResponseSchema = z.object({
  acked: z.array(z.string()),
  rejected: z.array(rejectionSchema),
  serverTime: z.string(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---------- pull ----------

/** The reserved key holding a pulled record's field clocks (see encodeClocks). */
export const CLOCKS_KEY = '_c';

export const pullQuerySchema = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pullMax).default(LIMITS.pullDefault),
});

export const wireRecordSchema = z
  .object({ id: uuidSchema, [CLOCKS_KEY]: z.record(z.string(), z.array(z.string())) })
  .catchall(z.unknown());
export type WireRecord = z.infer<typeof wireRecordSchema>;

export const changeSchema = z.object({ table: syncTableSchema, id: uuidSchema, record: wireRecordSchema });
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * A pulled page as the app reads it. A change of a table this version of the app does not know
 * (the server was updated first, and a phone in the field may take days to accept the new app)
 * must not make every pull fail: it is set aside, the rest is applied, and the app pulls from the
 * beginning once an update knows that table (data/sync-repository.ts). A known table's change is
 * still checked in full (changeSchema).
 */
export const pulledPageSchema = pullResponseSchema.extend({
  changes: z.array(z.object({ table: z.string(), id: uuidSchema, record: z.unknown() })),
});
export type PulledPage = z.infer<typeof pulledPageSchema>;

// ---------- record encoding ----------

/**
 * Field clocks on the wire, grouped by clock: { "<hlc>": ["field", …] }. Most records were written
 * by one or two mutations, so each 46-character clock appears once instead of once per field.
 */
export function encodeClocks(clocks: FieldClocks): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [field, hlc] of Object.entries(clocks)) (grouped[hlc] ??= []).push(field);
  return grouped;
}

export function decodeClocks(encoded: Record<string, string[]>): Record<string, Hlc> {
  const clocks: Record<string, Hlc> = {};
  for (const [hlc, fields] of Object.entries(encoded)) {
    // hlcSchema's own check without a zod parse per clock (a first sync decodes tens of thousands).
    if (!isHlc(hlc)) throw new InvalidHlcError(`Not an HLC: ${JSON.stringify(hlc)}`);
    for (const field of fields) clocks[field] = hlc;
  }
  return clocks;
}

export function toWireRecord(record: SyncedRecord): WireRecord {
  const { clocks, ...fields } = record;
  return { ...fields, id: record.id, [CLOCKS_KEY]: encodeClocks(clocks) };
}

export function fromWireRecord(wire: WireRecord): SyncedRecord {
  const { [CLOCKS_KEY]: encoded, ...fields } = wire;
  return { ...fields, id: wire.id, clocks: decodeClocks(encoded) };
}

// ---------- auth ----------

export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().min(1).max(512).optional() });

/** Error body of every non-2xx response. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A failed sign-in: the tries left before the account is locked for a while (the phone warns). */
    remainingAttempts: z.number().int().min(0).optional(),
    /** Why a new password or a one-time sign-in code was refused (docs/accounts.md). */
    problem: z.string().max(40).optional(),
  }),
});
