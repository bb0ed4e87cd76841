// One audit event in words (docs/privacy.md "Audit log"): every kind has its Vietnamese sentence,
// and the person, commune or reference entry concerned is named by the server (`subjectName`),
// never shown as an id; a subject the server cannot name reads "một tài khoản", "một xã"…
// Unknown kinds of a newer server fall back to a generic line.
import type { useTranslation } from 'react-i18next';
import { SERVER_OPERATOR_ID, type AuditEntry } from '../../../../shared/privacy/audit';
import { formatDate } from '../../../../shared/text/dates';

type T = ReturnType<typeof useTranslation<'privacy'>>['t'];

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const day = (value: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(text(value)) ? formatDate(text(value)) : '');
const role = (t: T, value: unknown) => t(`role.${text(value) || 'member'}` as 'role.member', { ns: 'auth' });

/**
 * Who did it: a name and role; the admin CLI run without --as is no account, and its reserved id is
 * said in words, never shown (docs/accounts.md "The CLI acts in someone's name").
 */
export function auditActor(t: T, event: Pick<AuditEntry, 'actorName' | 'actorRole'>): string {
  if (event.actorRole === null && event.actorName === SERVER_OPERATOR_ID) return t('audit.byOperator');
  const role = event.actorRole ? t(`role.${event.actorRole}`, { ns: 'auth' }) : '';
  return t('audit.by', { name: event.actorName, role });
}

export function describeAuditEvent(t: T, event: AuditEntry): string {
  const d = event.details;
  const name = (fallback: 'account' | 'commune' | 'entry') => event.subjectName ?? t(`audit.unnamed.${fallback}`);
  switch (event.kind) {
    case 'citizen.exported':
      return t('audit.kinds.citizen.exported', { rows: text(d.rows), from: day(d.from), to: day(d.to), reason: text(d.reason) });
    case 'citizen.erased':
      return t('audit.kinds.citizen.erased', { count: Number(d.logs) || 0 });
    case 'citizen.historyRead':
      return t('audit.kinds.citizen.historyRead', { logs: text(d.logs), requests: text(d.requests) });
    case 'citizen.changed':
      return t(`audit.kinds.citizen.changed.${d.change === 'added' || d.change === 'removed' ? d.change : 'changed'}`);
    case 'access.refused':
      return t('audit.kinds.access.refused', { action: t(`audit.actions.${refusedAction(text(d.action))}`) });
    case 'rightsRequest.changed':
      return t('audit.kinds.rightsRequest.changed', { kind: t(`requests.kinds.${text(d.kind)}` as 'requests.kinds.access'), step: t(`requests.steps.${text(d.step)}` as 'requests.steps.done') });
    case 'report.returned':
      return t('audit.kinds.report.returned', { version: text(d.version) });
    case 'retention.changed':
      return t('audit.kinds.retention.changed', { from: text(d.from), to: text(d.to) });
    case 'account.created':
      return t('audit.kinds.account.created', { name: name('account'), role: role(t, d.role) });
    case 'account.roleChanged':
      return t('audit.kinds.account.roleChanged', { name: name('account'), from: role(t, d.from), to: role(t, d.to) });
    case 'account.updated': {
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is 'displayName' | 'phone' => f === 'displayName' || f === 'phone') : [];
      return t('audit.kinds.account.updated', { name: name('account'), fields: fields.map((f) => t(`audit.fields.${f}`)).join(', ') });
    }
    case 'account.disabled':
    case 'account.enabled':
    case 'account.passwordReset':
    case 'account.codeRedeemed':
    case 'account.passwordChanged':
    case 'account.passwordSet':
      return t(`audit.kinds.${event.kind}`, { name: name('account') });
    case 'device.revoked':
      return t(d.finalPush === false ? 'audit.kinds.device.revokedStolen' : 'audit.kinds.device.revoked', { name: name('account'), device: text(d.device) || t('audit.unnamed.device') });
    case 'commune.renamed':
      // The names of the day: the commune may have been renamed again since.
      return typeof d.from === 'string' && typeof d.to === 'string' ? t('audit.kinds.commune.renamedFromTo', { from: d.from, to: d.to }) : t('audit.kinds.commune.renamed', { name: name('commune') });
    case 'commune.created':
    case 'commune.deactivated':
    case 'commune.reactivated':
      return t(`audit.kinds.${event.kind}`, { name: name('commune') });
    case 'reference.changed': {
      const table = text(d.table) as 'services';
      const change = text(d.change) as 'created';
      const line = t('audit.kinds.reference.changed', { table: t(`audit.tables.${table}`), change: t(`audit.changes.${change}`), name: name('entry') });
      return typeof d.version === 'number' ? `${line} ${t('audit.version', { version: d.version })}` : line;
    }
    default:
      return t(`audit.kinds.${event.kind}`, { defaultValue: t('audit.kinds.other') });
  }
}

const REFUSED_ACTIONS = ['citizen_erase', 'citizen_exported', 'citizen_viewed', 'citizen_history', 'audit_read', 'province_view', 'sync', 'accounts', 'devices', 'communes', 'other'] as const;

/** The refused action's label key: known actions by name, refused sync writes and console actions by area. */
function refusedAction(action: string): (typeof REFUSED_ACTIONS)[number] {
  if (action.startsWith('sync.')) return 'sync';
  if (action.startsWith('account.')) return 'accounts';
  if (action.startsWith('device.')) return 'devices';
  if (action.startsWith('commune.')) return 'communes';
  const key = action.replace('.', '_');
  return REFUSED_ACTIONS.find((known) => known === key) ?? 'other';
}
