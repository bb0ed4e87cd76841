// Who may write what, per table, field and role: the rule validateMutation (registry.ts) applies to
// every pushed mutation, and the table-specific checks that need the user and the values
// (docs/sync.md §5 "Validation", docs/privacy.md checklist items 1–3). Built on permissions.ts (the
// role table the client also reads), so a rule changes in one place for both sides.
import { can, canEditRecord, canRecordFollowUp, FOLLOW_UP_FIELDS, type Action } from '../permissions';
import { STATUS_RANK, isRequestStatus } from '../privacy/rights-requests';
import type { SyncTable } from '../schemas/tables';
import type { SyncedRecord } from './merge';
import type { RejectionCode } from './protocol';
import type { SyncUser } from './scopes';

export interface Rejection {
  code: RejectionCode;
  message: string;
}

/** Whether two values are the same as JSON (a field left as it was). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

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

/** A log: its editors, and the colleague its follow-up was handed to (followUpOnly limits what they change). */
const ownOrHandedLogs = (user: SyncUser, existing: SyncedRecord): boolean => canRecordFollowUp(user, { createdBy: existing.createdBy, followUpBy: existing.followUpBy });

/**
 * The colleague a follow-up was handed to records it and changes nothing else of the log
 * (docs/field-aids.md §2): not its help, its citizen, nor whom the follow-up is handed to.
 */
function followUpOnly(user: SyncUser, patch: Readonly<Record<string, unknown>>, existing: SyncedRecord | undefined): Rejection | undefined {
  if (existing === undefined || canEditRecord(user, { createdBy: existing.createdBy })) return undefined;
  return Object.keys(patch).every((field) => FOLLOW_UP_FIELDS.includes(field) || sameJson(patch[field], existing[field])) ? undefined : { code: 'forbidden', message: 'sync.notAllowed' };
}

function logChecks(user: SyncUser, patch: Readonly<Record<string, unknown>>, existing: SyncedRecord | undefined): Rejection | undefined {
  return followUpOnly(user, patch, existing) ?? consentRecordedByPusher(user, patch, existing);
}

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
  assistanceLogs: { create: 'log.create', update: ownOrHandedLogs, check: logChecks },
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
  // Published whole by the server for the admin (/api/admin/report-settings): a publication is
  // checked against the version it was based on and may not drop an indicator (docs/reports.md).
  reportSettings: { create: 'serverPublished.push', update: byAction('serverPublished.push') },
  // A value belongs to one indicator and period for good: another period is another record.
  indicatorValues: { create: 'periodReport.write', update: byAction('periodReport.write'), immutableAfterCreate: ['indicatorId', 'periodStart', 'periodEnd'] },
};
