// /privacy/audit: who saw, exported, changed or erased citizens' details, and who was refused
// (docs/privacy.md "Audit log"). A leader reads the commune's log, the province admin every
// commune's; the log is on the server, so reading needs a connection.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/permissions';
import type { AuditEntry } from '../../../../shared/privacy/audit';
import { formatDate, formatDateTime } from '../../../../shared/text/dates';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { useAuditLog } from '../hooks/use-audit-log';
import '../privacy.css';

export function AuditLogScreen(): ReactElement {
  const { t } = useTranslation('privacy');
  return (
    <SessionGate text={{ title: t('audit.title'), loading: t('audit.loading'), signInFirst: t('audit.signInFirst'), signIn: t('audit.signIn') }}>
      {(user) =>
        can(user.role, 'audit.read') ? (
          <AuditLog showCommune={user.communeId === null} />
        ) : (
          <Screen title={t('audit.title')}>
            <EmptyState>{t('audit.notAllowed')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

function AuditLog({ showCommune }: { showCommune: boolean }): ReactElement {
  const { t } = useTranslation('privacy');
  const { state, reload, more } = useAuditLog();
  return (
    <Screen title={t('audit.title')}>
      <p>{t('audit.intro')}</p>
      <button type="button" className="button" onClick={reload} disabled={state.kind === 'loading'}>{t('audit.reload')}</button>
      {state.kind === 'loading' && <p role="status">{t('audit.loading')}</p>}
      {state.kind === 'failed' && <p className="notice" role="alert">{t(`audit.${state.why}`)}</p>}
      {state.kind === 'ready' && state.events.length === 0 && <EmptyState>{t('audit.empty')}</EmptyState>}
      {state.kind === 'ready' && state.events.length > 0 && (
        <ol className="audit-list" aria-label={t('audit.listLabel')}>
          {state.events.map((event) => (
            <AuditItem key={event.seq} event={event} showCommune={showCommune} />
          ))}
        </ol>
      )}
      {state.kind === 'ready' && state.next !== null && (
        <button type="button" className="button" onClick={more} disabled={state.loadingMore}>{t('audit.more')}</button>
      )}
    </Screen>
  );
}

function AuditItem({ event, showCommune }: { event: AuditEntry; showCommune: boolean }): ReactElement {
  const { t } = useTranslation('privacy');
  const role = event.actorRole ? t(`role.${event.actorRole}`, { ns: 'auth' }) : '';
  return (
    <li className="card audit-item">
      <p className="audit-what">{describe(t, event)}</p>
      <p className="hint">
        {t('audit.by', { name: event.actorName, role })}
        {' · '}
        <time dateTime={new Date(event.recordedAt).toISOString()}>{formatDateTime(new Date(event.recordedAt))}</time>
        {showCommune && event.communeName ? ` · ${event.communeName}` : ''}
      </p>
      {event.subjectId && !showCommune && event.kind.startsWith('citizen.') && (
        <Link to={`/assistance/logs/${event.subjectId}`}>{t('audit.openLog')}</Link>
      )}
    </li>
  );
}

type T = ReturnType<typeof useTranslation<'privacy'>>['t'];

/** The event in words; unknown keys of a newer server fall back to a generic line. */
function describe(t: T, event: AuditEntry): string {
  const d = event.details;
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  const day = (value: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(text(value)) ? formatDate(text(value)) : '');
  switch (event.kind) {
    case 'citizen.exported':
      return t('audit.kinds.citizen.exported', { rows: text(d.rows), from: day(d.from), to: day(d.to), reason: text(d.reason) });
    case 'citizen.erased':
      return t('audit.kinds.citizen.erased', { count: Number(d.logs) || 0 });
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
    default:
      return t(`audit.kinds.${event.kind}`, { defaultValue: t('audit.kinds.other') });
  }
}

const REFUSED_ACTIONS = ['citizen_erase', 'citizen_exported', 'citizen_viewed', 'audit_read', 'province_view', 'sync', 'other'] as const;

/** The refused action's label key: known actions by name, refused sync writes as one. */
function refusedAction(action: string): (typeof REFUSED_ACTIONS)[number] {
  if (action.startsWith('sync.')) return 'sync';
  const key = action.replace('.', '_');
  return REFUSED_ACTIONS.find((known) => known === key) ?? 'other';
}
