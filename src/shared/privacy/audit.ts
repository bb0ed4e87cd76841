// The audit log's vocabulary (docs/privacy.md "Audit log"): the kinds of event, what each one
// carries, what a phone may report and what a reader receives. Shared by the server (which
// validates and stores events) and the phones (which record views and exports and read the log).
//
// The kinds are an open list: a new kind is one entry in AUDIT_DETAILS with the strict schema of
// its details. Details never hold a citizen's name, phone or notes — only ids, counts, roles and
// the reason a leader typed for an export.
import { z } from 'zod';
import { devicePolicySchema } from '../device-policy';
import { ROLES } from '../schemas/common';
import { uuidSchema } from '../sync/ids';
import { RIGHTS_REQUEST_KINDS } from '../schemas/rights-request';
import { REQUEST_STEPS } from './rights-requests';

/** The reason asked in the export dialog: short, free text typed by the leader. */
export const EXPORT_REASON_MIN = 3;
export const EXPORT_REASON_MAX = 200;

const shortText = z.string().min(1).max(100);

/**
 * The actor of an admin CLI command run without `--as` (docs/accounts.md "The CLI acts in someone's
 * name"): whoever has a shell on the server, whom the server cannot name — the only actor there is
 * when a province's first admin is made. Such an event has no actor role; readers show it in words.
 */
export const SERVER_OPERATOR_ID = 'server-operator';

/** Every kind of event and the schema of its details. Add a kind here (and its labels in locales/). */
export const AUDIT_DETAILS = {
  /** A member or leader opened a log showing a citizen's details (recorded by the phone). */
  'citizen.viewed': z.strictObject({ table: z.literal('assistanceLogs') }),
  /** A member handed a follow-up's log with the citizen's details to a colleague's phone (docs/field-aids.md §2; recorded by the phone). */
  'citizen.handedOver': z.strictObject({ table: z.literal('assistanceLogs'), to: uuidSchema }),
  /** A leader exported citizen columns; checked by the server before the phone writes the file. */
  'citizen.exported': z.strictObject({
    reason: z.string().trim().min(EXPORT_REASON_MIN).max(EXPORT_REASON_MAX),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    rows: z.number().int().min(0).max(1_000_000),
  }),
  /** A leader erased a citizen's details on request (how many logs changed; never who). */
  'citizen.erased': z.strictObject({ logs: z.number().int().min(0) }),
  /** A leader listed the events about one citizen (how many of the commune's logs and requests were theirs; never who). */
  'citizen.historyRead': z.strictObject({ logs: z.number().int().min(0), requests: z.number().int().min(0) }),
  /** A push added, changed or removed a log's citizen section (recorded by the server). */
  'citizen.changed': z.strictObject({ change: z.enum(['added', 'changed', 'removed']) }),
  /** The server refused a request: what was tried, and the role that tried it. */
  'access.refused': z.strictObject({ action: shortText, role: z.enum(ROLES) }),
  /** Account administration (the province console). */
  'account.created': z.strictObject({ role: z.enum(ROLES) }),
  'account.roleChanged': z.strictObject({ from: z.enum(ROLES), to: z.enum(ROLES) }),
  'account.disabled': z.strictObject({}),
  'account.enabled': z.strictObject({}),
  /** A new one-time sign-in code was issued (at creation the event is account.created). */
  'account.passwordReset': z.strictObject({}),
  /** The member redeemed their one-time code and chose a password. */
  'account.codeRedeemed': z.strictObject({}),
  /** The member changed their own password. */
  'account.passwordChanged': z.strictObject({}),
  /** The admin CLI's reset-password set a typed password (and ended the account's sessions). */
  'account.passwordSet': z.strictObject({}),
  /** The display name or work phone changed (which fields; never their values). */
  'account.updated': z.strictObject({ fields: z.array(z.enum(['displayName', 'phone'])).min(1).max(2) }),
  /**
   * A leader or the province admin revoked a device (docs/accounts.md "Devices"); the subject is its
   * account. The device's name is kept here: its session is deleted 30 days later.
   */
  'device.revoked': z.strictObject({ finalPush: z.boolean(), device: z.string().max(100).nullable() }),
  /** The province admin created, renamed, deactivated or reactivated a commune (the subject and commune are its id). */
  'commune.created': z.strictObject({}),
  /** The names before and after (a commune's name is public; events before they were kept have neither). */
  'commune.renamed': z.strictObject({ from: z.string().min(1).max(100).optional(), to: z.string().min(1).max(100).optional() }),
  'commune.deactivated': z.strictObject({}),
  'commune.reactivated': z.strictObject({}),
  /** The province admin changed reference data: which table, which entry (a code or id), what kind of change. */
  'reference.changed': z.strictObject({
    table: z.enum(['services', 'provinceContacts', 'checklistTemplates', 'serviceGuides', 'reportSettings']),
    change: z.enum(['created', 'updated', 'retired', 'restored', 'published']),
    code: z.string().min(1).max(100).optional(),
    /** A checklist template's version. */
    version: z.number().int().min(1).max(1_000_000).optional(),
  }),
  /** A step of a citizen's request in the register (recorded by the server from the push): which request kind, which step. */
  'rightsRequest.changed': z.strictObject({ kind: z.enum(RIGHTS_REQUEST_KINDS), step: z.enum(REQUEST_STEPS) }),
  /** The province admin changed how long citizens' details are kept (months, docs/privacy.md "Retention"). */
  'retention.changed': z.strictObject({ from: z.number().int().min(1).max(12), to: z.number().int().min(1).max(12) }),
  /** The province admin returned a commune's sent report for correction (the subject is the submission, the commune is its). */
  'report.returned': z.strictObject({ version: z.number().int().min(1).max(1000), periodStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), periodEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  /** The province admin changed the phones' lock rules (docs/security.md "The province's settings"). */
  'devicePolicy.changed': z.strictObject({ from: devicePolicySchema, to: devicePolicySchema }),
} as const satisfies Record<string, z.ZodType>;

export type AuditKind = keyof typeof AUDIT_DETAILS;
export type AuditDetails<K extends AuditKind> = z.infer<(typeof AUDIT_DETAILS)[K]>;

export const AUDIT_KINDS = Object.keys(AUDIT_DETAILS) as [AuditKind, ...AuditKind[]];
export const auditKindSchema = z.enum(AUDIT_KINDS);

/** What a phone may report itself; every other kind is recorded by the server only. */
export const PHONE_AUDIT_KINDS = ['citizen.viewed', 'citizen.exported', 'citizen.handedOver'] as const satisfies readonly AuditKind[];
export type PhoneAuditKind = (typeof PHONE_AUDIT_KINDS)[number];

/** Limits of the audit API. */
export const AUDIT_LIMITS = { eventsPerPost: 100, pageSize: 50 } as const;

/** Checks an event's details against its kind; undefined when they do not fit. */
export function parseAuditDetails(kind: AuditKind, details: unknown): Record<string, unknown> | undefined {
  const parsed = AUDIT_DETAILS[kind].safeParse(details);
  return parsed.success ? (parsed.data) : undefined;
}

/** One event as a phone sends it: its id makes a resend harmless; the server adds who and when. */
export const phoneAuditEventSchema = z.strictObject({
  id: uuidSchema,
  kind: z.enum(PHONE_AUDIT_KINDS),
  /** The record concerned (a log's id), when there is one. */
  subjectId: uuidSchema.nullable(),
  /** When it happened on the phone (its clock; the server keeps its own time beside it). */
  occurredAt: z.iso.datetime({ offset: true }),
  details: z.record(z.string(), z.unknown()),
});
export type PhoneAuditEvent = z.infer<typeof phoneAuditEventSchema>;

/** POST /api/audit/events. */
export const auditPostSchema = z.strictObject({ events: z.array(z.unknown()).min(1).max(AUDIT_LIMITS.eventsPerPost) });
export const auditPostResponseSchema = z.strictObject({ accepted: z.array(uuidSchema), refused: z.array(uuidSchema) });
export type AuditPostResponse = z.infer<typeof auditPostResponseSchema>;

/** One event as a reader receives it: names, not ids, for people. */
export const auditEntrySchema = z.strictObject({
  seq: z.number().int(),
  kind: auditKindSchema,
  actorName: z.string(),
  actorRole: z.enum(ROLES).nullable(),
  communeName: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** The account, commune or reference entry concerned, by name (never a citizen's); null otherwise. */
  subjectName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  occurredAt: z.number().int().nullable(),
  recordedAt: z.number().int(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** GET /api/audit/events?before=<seq>: newest first; `next` is the `before` of the next page. */
export const auditPageSchema = z.strictObject({ events: z.array(auditEntrySchema), next: z.number().int().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;
export const auditQuerySchema = z.strictObject({ before: z.coerce.number().int().min(1).optional() });

/**
 * POST /api/privacy/citizen-history (a leader; docs/privacy.md "Audit log"): the body names the
 * citizen as an erasure does (erasureRequestSchema). The answer names no one: which of the
 * commune's logs and requests are theirs, and the events about them.
 */
export const citizenHistorySchema = z.strictObject({
  logIds: z.array(z.string()),
  requestIds: z.array(z.string()),
  events: z.array(auditEntrySchema),
});
export type CitizenHistory = z.infer<typeof citizenHistorySchema>;

/** At most this many events in one answer (the newest). */
export const CITIZEN_HISTORY_EVENTS = 500;
