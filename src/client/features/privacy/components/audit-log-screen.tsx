// /privacy/audit: who saw, exported, changed or erased citizens' details, and who was refused
// (docs/privacy.md "Audit log"). A leader reads the commune's log, the province admin every
// commune's; the log is on the server, so reading needs a connection.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/permissions';
import type { AuditEntry } from '../../../../shared/privacy/audit';
import { formatDateTime } from '../../../../shared/text/dates';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { useAuditLog } from '../hooks/use-audit-log';
import { auditActor, describeAuditEvent as describe } from './audit-describe';
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
      {!showCommune && <p><Link to="/privacy/citizen">{t('audit.oneCitizen')}</Link></p>}
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
  return (
    <li className="card audit-item">
      <p className="audit-what">{describe(t, event)}</p>
      <p className="hint">
        {auditActor(t, event)}
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
