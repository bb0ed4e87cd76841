// /privacy/citizen: a commune leader answers "who saw my data?" for one citizen (docs/privacy.md
// "One citizen's history"). What this phone holds shows offline; the server's audit events about
// the citizen come when there is a connection. Nothing here is sent anywhere but the server.
import { useState, type FormEvent, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/permissions';
import { isCitizenQuery } from '../../../../shared/privacy/erasure';
import { formatDate, formatDateTime } from '../../../../shared/text/dates';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { usePersonName } from '../../../hooks/use-people';
import type { LocalCitizenHistory } from '../../../data/citizen-history-repository';
import { useCitizenHistory, type ServerPart } from '../hooks/use-citizen-history';
import { describeAuditEvent } from './audit-describe';
import '../privacy.css';

export function CitizenHistoryScreen(): ReactElement {
  const { t } = useTranslation('privacy');
  return (
    <SessionGate text={{ title: t('history.title'), loading: t('history.loading'), signInFirst: t('audit.signInFirst'), signIn: t('audit.signIn') }}>
      {(user) =>
        can(user.role, 'audit.read') && user.communeId ? (
          <HistoryForm />
        ) : (
          <Screen title={t('history.title')}>
            <EmptyState>{t('history.leadersOnly')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

function HistoryForm(): ReactElement {
  const { t } = useTranslation('privacy');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [missing, setMissing] = useState(false);
  const { state, look } = useCitizenHistory();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!isCitizenQuery({ name, phone }));
    if (isCitizenQuery({ name, phone })) look({ name, phone });
  };

  return (
    <Screen title={t('history.title')}>
      <p>{t('history.intro')}</p>
      <form className="card erasure-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="history-name">{t('erasure.name')}</label>
          <input id="history-name" autoComplete="off" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={missing ? 'history-missing' : undefined} />
        </div>
        <div className="field">
          <label htmlFor="history-phone">{t('erasure.phone')}</label>
          <input id="history-phone" type="tel" inputMode="tel" autoComplete="off" maxLength={20} value={phone} onChange={(e) => setPhone(e.target.value)} />
        </div>
        <p className="hint">{t('erasure.bothHint')}</p>
        {missing && <p className="field-error" id="history-missing" role="alert">{t('erasure.missing')}</p>}
        <button type="submit" className="button primary">{t('history.look')}</button>
      </form>
      {state.kind === 'loading' && <p role="status">{t('history.loading')}</p>}
      {state.kind === 'failed' && <p className="notice" role="alert">{t('history.failed')}</p>}
      {state.kind === 'ready' && <PhonePart local={state.local} />}
      {state.kind === 'ready' && <ServerSection server={state.server} local={state.local} />}
    </Screen>
  );
}

function PhonePart({ local }: { local: LocalCitizenHistory }): ReactElement {
  const { t } = useTranslation('privacy');
  const personName = usePersonName();
  const nothing = local.logs.length === 0 && local.requests.length === 0;
  return (
    <section className="card" aria-labelledby="history-phone-part">
      <h2 id="history-phone-part">{t('history.onPhone')}</h2>
      {nothing && <p>{t('history.nothingOnPhone')}</p>}
      <ul className="request-steps">
        {local.logs.map((log) => (
          <li key={log.id}>
            <Link to={`/assistance/logs/${log.id}`}>{t('history.logLine', { date: formatDate(log.occurredAt), name: personName(log.createdBy) })}</Link>
          </li>
        ))}
        {local.requests.map((request) => (
          <li key={request.id}>
            <Link to={`/privacy/requests/${request.id}`}>
              {t('history.requestLine', { kind: t(`requests.kinds.${request.kind}`), date: formatDate(request.receivedOn), status: t(`requests.status.${request.status}`) })}
            </Link>
          </li>
        ))}
        {local.waitingViews.map((view) => (
          <li key={`${view.userId}:${view.subjectId}`}>{t('history.waitingView', { name: personName(view.userId), date: formatDateTime(view.occurredAt) })}</li>
        ))}
      </ul>
    </section>
  );
}

function ServerSection({ server, local }: { server: ServerPart; local: LocalCitizenHistory }): ReactElement {
  const { t } = useTranslation('privacy');
  if (server.kind === 'loading') return <p role="status">{t('history.askingServer')}</p>;
  if (server.kind === 'failed') return <p className="notice" role="alert">{t(`history.server.${server.why}`)}</p>;
  const onPhone = new Set(local.logs.map((log) => log.id));
  const serverOnly = server.history.logIds.filter((id) => !onPhone.has(id)).length;
  return (
    <section className="card" aria-labelledby="history-server-part">
      <h2 id="history-server-part">{t('history.onServer')}</h2>
      {serverOnly > 0 && <p>{t('history.serverOnlyLogs', { count: serverOnly })}</p>}
      {server.history.events.length === 0 ? (
        <p>{t('history.noEvents')}</p>
      ) : (
        <ol className="audit-list" aria-label={t('audit.listLabel')}>
          {server.history.events.map((event) => (
            <li key={event.seq} className="audit-item">
              <p className="audit-what">{describeAuditEvent(t, event)}</p>
              <p className="hint">
                {`${event.actorName} · `}
                <time dateTime={new Date(event.recordedAt).toISOString()}>{formatDateTime(new Date(event.recordedAt))}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
