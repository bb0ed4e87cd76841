// /privacy/requests: the commune's register of citizens' requests about their data (docs/privacy.md
// "Requests register"). Members and the leader record requests and see, at the top, those overdue
// or due soon; /privacy/requests/:id takes a request's steps. Works offline (the register syncs like
// any record); the province admin sees the communes' counts from the server instead.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { can } from '../../../../shared/permissions';
import { urgencyOf, type Urgency } from '../../../../shared/privacy/rights-deadlines';
import { RIGHTS_REQUEST_KINDS, type RightsRequestKind } from '../../../../shared/schemas/rights-request';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { formatDate } from '../../../../shared/text/dates';
import { DateInput } from '../../../components/ui/date-input';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { ValidationError, type FieldErrors } from '../../../data/errors';
import { listRequests, recordRequest, type RequestItem } from '../../../data/rights-request-repository';
import { useLoaded } from '../../../hooks/use-loaded';
import { useToday } from '../../../hooks/use-today';
import { DueLine } from './due-line';
import { RequestDetail } from './request-detail';
import { ProvinceRequestCounts } from './request-counts';
import '../privacy.css';

export function RequestsScreen(): ReactElement {
  const { t } = useTranslation('privacy');
  return (
    <SessionGate text={{ title: t('requests.title'), loading: t('requests.loading'), signInFirst: t('requests.signInFirst'), signIn: t('requests.signIn') }}>
      {(user) =>
        can(user.role, 'rightsRequest.record') ? (
          <Routes>
            <Route index element={<RequestList />} />
            <Route path="new" element={<RequestForm />} />
            <Route path=":id" element={<RequestDetail user={user} />} />
          </Routes>
        ) : can(user.role, 'rightsRequest.counts') ? (
          <ProvinceRequestCounts />
        ) : (
          <Screen title={t('requests.title')}>
            <EmptyState>{t('requests.teamOnly')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

const RANK: Record<Urgency['state'], number> = { overdue: 0, dueSoon: 1, onTime: 2, closed: 3 };

/** Overdue first, then due soon, then the rest by their next deadline; answered ones last, newest first. */
function ordered(requests: readonly RequestItem[], today: string): { request: RequestItem; urgency: Urgency }[] {
  return requests
    .map((request) => ({ request, urgency: urgencyOf(request, today) }))
    .sort((a, b) => {
      const rank = RANK[a.urgency.state] - RANK[b.urgency.state];
      if (rank !== 0) return rank;
      if (a.urgency.state !== 'closed' && b.urgency.state !== 'closed') return a.urgency.dueOn < b.urgency.dueOn ? -1 : 1;
      return (b.request.closedAt ?? '') < (a.request.closedAt ?? '') ? -1 : 1;
    });
}

function RequestList(): ReactElement {
  const { t } = useTranslation('privacy');
  const today = useToday();
  const loaded = useLoaded('rights requests', listRequests, []);
  const rows = loaded.status === 'ready' ? ordered(loaded.value, today) : [];
  const count = (state: Urgency['state']) => rows.filter((row) => row.urgency.state === state).length;
  return (
    <Screen title={t('requests.title')}>
      <p>{t('requests.intro')}</p>
      <Link className="button primary" to="new">{t('requests.new')}</Link>
      {loaded.status === 'failed' && <p className="notice" role="alert">{t('requests.failed')}</p>}
      {loaded.status === 'ready' && rows.length === 0 && <EmptyState>{t('requests.empty')}</EmptyState>}
      {rows.length > 0 && <p className="requests-summary">{t('requests.summary', { overdue: count('overdue'), dueSoon: count('dueSoon'), open: rows.length - count('closed') })}</p>}
      <ul className="audit-list">
        {rows.map(({ request, urgency }) => (
          <li key={request.id} className={`card request-item request-${urgency.state}`}>
            <Link to={request.id}>
              <strong>{request.requester?.name ?? t(`requests.kinds.${request.kind}`)}</strong>
              <span className="hint">{` · ${t(`requests.kinds.${request.kind}`)}`}</span>
            </Link>
            <p className="hint">{`${t('requests.receivedLine', { date: formatDate(request.receivedOn) })} · ${t(`requests.status.${request.status}`)}`}</p>
            <DueLine urgency={urgency} />
          </li>
        ))}
      </ul>
    </Screen>
  );
}

function RequestForm(): ReactElement {
  const { t } = useTranslation('privacy');
  const { t: tc } = useTranslation('common');
  const navigate = useNavigate();
  const today = useToday();
  const [kind, setKind] = useState<RightsRequestKind>('access');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failed, setFailed] = useState(false);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const requester = { name, ...(phone.trim() ? { phone } : {}) };
    recordRequest({ kind, requester, receivedOn })
      .then((id) => navigate(`../${id}`, { replace: true }))
      .catch((error: unknown) => {
        if (error instanceof ValidationError) setErrors(error.fieldErrors);
        else setFailed(true);
      });
  };
  const error = (field: string): ValidationKey | undefined => errors[field];
  const describe = (field: string) => (error(field) ? { 'aria-invalid': true, 'aria-describedby': `request-${field}-error` } : {});
  const message = (field: string) => {
    const key = error(field);
    return key ? <p className="field-error" id={`request-${field}-error`}>{tc(key)}</p> : null;
  };
  return (
    <Screen title={t('requests.new')}>
      <form className="card" onSubmit={save} noValidate>
        <fieldset className="field">
          <legend>{t('requests.kind')}</legend>
          {RIGHTS_REQUEST_KINDS.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="request-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              {t(`requests.kinds.${value}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="request-name">{t('requests.name')}</label>
          <input id="request-name" autoComplete="off" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} {...describe('requester.name')} />
          {message('requester.name')}
        </div>
        <div className="field">
          <label htmlFor="request-phone">{t('requests.phone')}</label>
          <input id="request-phone" type="tel" inputMode="tel" autoComplete="off" maxLength={20} value={phone} onChange={(e) => setPhone(e.target.value)} {...describe('requester.phone')} />
          {message('requester.phone')}
        </div>
        <div className="field">
          <label htmlFor="request-received">{t('requests.receivedOn')}</label>
          <DateInput id="request-received" value={receivedOn} onChange={setReceivedOn} {...describe('receivedOn')} />
          {message('receivedOn')}
        </div>
        <button type="submit" className="button primary">{t('requests.save')}</button>
        {failed && <p className="notice" role="alert">{t('requests.saveFailed')}</p>}
      </form>
      <Link to="..">{t('requests.back')}</Link>
    </Screen>
  );
}
