// Who may do what (docs/product.md "People and roles"). One table, used by the client to show or
// hide actions and by the server to accept or reject mutations: the client's word is never
// trusted, but both read the same rules.
import { ROLES, type Role } from './roles';

export { ROLES, type Role };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

const RULES = {
  // Field work: members and leaders log; reviewers only read; admins see aggregates only.
  'log.create': ['member', 'leader'],
  'log.editOwn': ['member', 'leader'],
  'log.editAny': ['leader'],
  'citizen.view': ['member', 'leader'],
  'citizen.export': ['leader'],
  // A citizen's request to erase their details is the commune's to answer (docs/privacy.md).
  'citizen.erase': ['leader'],
  // The register of citizens' requests (docs/privacy.md "Requests register"): members and leaders record and
  // acknowledge a request; the leader extends, answers or refuses it; the province admin sees counts only.
  'rightsRequest.record': ['member', 'leader'],
  'rightsRequest.decide': ['leader'],
  'rightsRequest.counts': ['admin'],
  // How long citizens' details are kept: the province decides, leaders read it (docs/privacy.md "Retention").
  'retention.manage': ['admin'],
  'retention.view': ['leader', 'admin'],
  // The phones' lock rules (idle time, offline days, wrong passwords): the province decides (docs/security.md).
  'devicePolicy.manage': ['admin'],
  // The audit log: a leader reads their commune's, the province admin every commune's (docs/privacy.md).
  'audit.read': ['leader', 'admin'],
  // Free-text notes on logs and classes often carry names: only the team reads them.
  'notes.view': ['member', 'leader'],
  'contact.create': ['member', 'leader'],
  'contact.edit': ['member', 'leader'],
  'contact.delete': ['leader'],
  // Checklists: members change item states; leaders also create and archive checklists;
  // reviewers read, comment and sign off; admins manage templates.
  'checklistItem.update': ['member', 'leader'],
  'checklist.create': ['leader'],
  'checklist.archive': ['leader'],
  'checklist.comment': ['leader', 'reviewer'],
  'checklist.signOff': ['reviewer'],
  'template.manage': ['admin'],
  'services.manage': ['admin'],
  'provinceContacts.manage': ['admin'],
  'guides.manage': ['admin'],
  // The due day and the indicators with their targets the communes' reports are judged by (docs/reports.md).
  'reportSettings.manage': ['admin'],
  'villages.manage': ['leader'],
  // Reports.
  'reports.view': ['leader', 'reviewer', 'admin'],
  'reports.export': ['leader', 'reviewer'],
  'province.view': ['admin'],
  // The commune's period report to the province (docs/reports.md "Who writes it"): the team leader
  // drafts it, the commune's leadership and office (reviewer) edit, number and send it.
  'periodReport.write': ['leader', 'reviewer'],
  'members.manage': ['leader', 'admin'],
  // The province's communes: created, renamed, deactivated by its admin (docs/accounts.md "Communes").
  'communes.manage': ['admin'],
  // The roster and the commune's name are published by the server from its accounts and communes
  // tables (docs/accounts.md); no role pushes them from a phone.
  'serverPublished.push': [],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof RULES;

export function can(role: Role, action: Action): boolean {
  return (RULES[action] as readonly Role[]).includes(role);
}

/** A record someone created may be edited by its author (if their role edits own records) or by a leader. */
export function canEditRecord(user: { id: string; role: Role }, record: { createdBy?: unknown }): boolean {
  if (can(user.role, 'log.editAny')) return true;
  return can(user.role, 'log.editOwn') && record.createdBy === user.id;
}

/** A log's follow-up fields: what a colleague it was handed to may change (docs/field-aids.md §2). */
export const FOLLOW_UP_FIELDS: readonly string[] = ['outcome', 'followUpAt', 'followUpDone', 'updatedAt'];

/**
 * Who a log's follow-up may be handed to (its `followUpBy`): an active account of the log's commune
 * whose role records follow-ups, a member or a leader (docs/field-aids.md §2). The server refuses
 * anyone else (sync.followUpNotColleague); the phone's picker offers no one else.
 */
export function mayTakeFollowUp(account: { role: Role; communeId: string | null; active: boolean }, communeId: string | null): boolean {
  return account.active && communeId !== null && account.communeId === communeId && can(account.role, 'log.editOwn');
}

/** Who may record a log's follow-up: whoever may edit the log, and the colleague it was handed to. */
export function canRecordFollowUp(user: { id: string; role: Role }, record: { createdBy?: unknown; followUpBy?: unknown }): boolean {
  return canEditRecord(user, record) || (can(user.role, 'log.editOwn') && record.followUpBy === user.id);
}
