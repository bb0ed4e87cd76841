// One request of the register and its steps (docs/privacy.md "Requests register"): who took each
// and when, by name; acknowledge (a member or the leader), extend once, answer or refuse (the
// leader). An erasure request is answered through the erasure, an access request with a copy of
// the citizen's logs through the accountable export: both need the server's word first, so a
// connection; every other step works offline and syncs.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../../../shared/permissions';
import { urgencyOf } from '../../../../shared/privacy/rights-deadlines';
import { REQUEST_REASON_MAX, REQUEST_REASON_MIN } from '../../../../shared/schemas/rights-request';
import { buildLogCsv } from '../../../../shared/reports/log-export';
import { formatDate, formatDateTime } from '../../../../shared/text/dates';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { loadCitizenLogsForExport } from '../../../data/reports-repository';
import { acknowledgeRequest, closeRequest, extendRequest, getRequest, noteExport, type RequestItem } from '../../../data/rights-request-repository';
import type { SessionUser } from '../../../data/session-repository';
import { useLoaded } from '../../../hooks/use-loaded';
import { usePersonName } from '../../../hooks/use-people';
import { csvLabels, makeReportLabels } from '../../../hooks/use-report-labels';
import { useToday } from '../../../hooks/use-today';
import { downloadText, fileName } from '../../../lib/save-file';
import { ExportRefusedError, logCitizenExport } from '../../../sync/audit-api';
import { NetworkError } from '../../../sync/errors';
import { eraseCitizenOnServer } from '../../../sync/privacy-api';
import { syncNow } from '../../../sync/runtime';
import { DueLine } from './due-line';

type Asking = null | 'extend' | 'answer' | 'refuse' | 'erase';
type Notice = null | { key: 'eraseDone' | 'exportDone'; count: number } | { key: 'needsNetwork' | 'refused' | 'saveFailed' };

export function RequestDetail({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('privacy');
  const { id = '' } = useParams();
  const loaded = useLoaded('rights request', () => getRequest(id), [id]);
  if (loaded.status === 'loading') return <Screen title={t('requests.title')}>{null}</Screen>;
  if (loaded.status === 'failed' || !loaded.value) {
    return (
      <Screen title={t('requests.title')}>
        <EmptyState>{t('requests.failed')}</EmptyState>
        <Link to="..">{t('requests.back')}</Link>
      </Screen>
    );
  }
  return <RequestView request={loaded.value} user={user} />;
}

function RequestView({ request, user }: { request: RequestItem; user: SessionUser }): ReactElement {
  const { t, i18n } = useTranslation('privacy');
  const { t: tr } = useTranslation('reports');
  const personName = usePersonName();
  const urgency = urgencyOf(request, useToday());
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const isOpen = urgency.state !== 'closed';
  const decides = can(user.role, 'rightsRequest.decide');
  const query = { name: request.requester?.name, phone: request.requester?.phone };

  const run = async (action: () => Promise<Notice>) => {
    setBusy(true);
    try {
      setNotice(await action());
      setAsking(null);
      setReason('');
    } catch (error) {
      setNotice({ key: error instanceof NetworkError ? 'needsNetwork' : error instanceof ExportRefusedError ? 'refused' : 'saveFailed' });
    } finally {
      setBusy(false);
    }
  };

  const confirm = () => {
    const needsReason = asking === 'extend' || asking === 'refuse';
    if (needsReason && reason.trim().length < REQUEST_REASON_MIN) {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    if (asking === 'extend') void run(async () => (await extendRequest(request.id, reason), null));
    if (asking === 'answer' || asking === 'refuse') void run(async () => (await closeRequest(request.id, { outcome: asking === 'answer' ? 'done' : 'refused', reason }), null));
    if (asking === 'erase') {
      void run(async () => {
        const { erasedLogs } = await eraseCitizenOnServer(query);
        await closeRequest(request.id, { outcome: 'done', erasedLogs });
        // This phone erases them now; the others at their next sync.
        void syncNow().catch(() => undefined);
        return { key: 'eraseDone', count: erasedLogs };
      });
    }
  };

  const exportCopy = () =>
    void run(async () => {
      const data = await loadCitizenLogsForExport(query);
      const from = data.logs[0]?.occurredAt.slice(0, 10) ?? request.receivedOn;
      const to = data.logs.at(-1)?.occurredAt.slice(0, 10) ?? request.receivedOn;
      // The server's word first: it checks the role and records who exported, when and why.
      await logCitizenExport({ reason: t('requests.exportReason', { date: formatDate(request.receivedOn) }), from, to, rows: data.logs.length });
      const csv = buildLogCsv(data.logs, { role: user.role, includeCitizen: true, labels: csvLabels(makeReportLabels(tr, i18n.language, data.names)) });
      downloadText(fileName('yeu-cau', request.receivedOn, `${request.id.slice(-6)}.csv`), csv);
      await noteExport(request.id, data.logs.length);
      return { key: 'exportDone', count: data.logs.length };
    });

  const step = (key: string, by: string | null | undefined, at: string | null | undefined) =>
    at ? <li key={key}>{t('requests.stepLine', { step: t(`requests.steps.${key}` as 'requests.steps.done'), name: personName(by), date: formatDateTime(at) })}</li> : null;

  return (
    <Screen title={t('requests.title')}>
      <section className={`card request-item request-${urgency.state}`} aria-labelledby="request-who">
        <h2 id="request-who">{request.requester?.name ?? t(`requests.kinds.${request.kind}`)}</h2>
        {request.requester?.phone && <p>{request.requester.phone}</p>}
        <p>{`${t(`requests.kinds.${request.kind}`)} · ${t(`requests.status.${request.status}`)}`}</p>
        <p className="hint">{t('requests.receivedLine', { date: formatDate(request.receivedOn) })}</p>
        {request.requester === null && <p className="hint">{t('requests.requesterPurged')}</p>}
        <DueLine urgency={urgency} />
        <ul className="request-steps">
          {step('received', request.createdBy, request.createdAt)}
          {step('acknowledged', request.acknowledgedBy, request.acknowledgedAt)}
          {step('extended', request.extendedBy, request.extendedAt)}
          {request.extensionReason && <li>{t('requests.reasonLine', { reason: request.extensionReason })}</li>}
          {step(request.status === 'refused' ? 'refused' : 'done', request.closedBy, request.closedAt)}
          {request.closeReason && <li>{t(request.status === 'refused' ? 'requests.reasonLine' : 'requests.noteLine', { reason: request.closeReason })}</li>}
          {typeof request.erasedLogs === 'number' && <li>{t('requests.erasedLine', { count: request.erasedLogs })}</li>}
          {typeof request.exportedRows === 'number' && <li>{t('requests.exportedLine', { count: request.exportedRows })}</li>}
        </ul>
      </section>
      {isOpen && (
        <div className="button-column">
          {request.status === 'received' && (
            <button type="button" className="button primary" disabled={busy} onClick={() => void run(async () => (await acknowledgeRequest(request.id), null))}>
              {t('requests.acknowledge')}
            </button>
          )}
          {decides && request.kind === 'erasure' && request.requester && <button type="button" className="button danger" disabled={busy} onClick={() => setAsking('erase')}>{t('requests.erase')}</button>}
          {decides && request.kind === 'access' && request.requester && <button type="button" className="button" disabled={busy} onClick={exportCopy}>{t('requests.export')}</button>}
          {decides && !request.extendedAt && <button type="button" className="button" disabled={busy} onClick={() => setAsking('extend')}>{t('requests.extend')}</button>}
          {decides && <button type="button" className="button" disabled={busy} onClick={() => setAsking('answer')}>{t('requests.answer')}</button>}
          {decides && <button type="button" className="button" disabled={busy} onClick={() => setAsking('refuse')}>{t('requests.refuse')}</button>}
          {!decides && <p className="hint">{t('requests.leaderDecides')}</p>}
        </div>
      )}
      {asking && (
        <div className="card erasure-confirm" role="alertdialog" aria-labelledby="request-ask">
          {asking === 'erase' ? (
            <p id="request-ask">{t('requests.eraseConfirm')}</p>
          ) : (
            <div className="field">
              <label id="request-ask" htmlFor="request-reason">{t(asking === 'extend' ? 'requests.extensionReason' : asking === 'refuse' ? 'requests.refuseReason' : 'requests.answerNote')}</label>
              <textarea id="request-reason" rows={2} maxLength={REQUEST_REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={reasonMissing || undefined} aria-describedby="request-reason-hint" />
              <p className="hint" id="request-reason-hint">{t('requests.reasonHint')}</p>
              {reasonMissing && <p className="field-error" role="alert">{t('requests.reasonMissing')}</p>}
            </div>
          )}
          <button type="button" className={asking === 'erase' ? 'button danger' : 'button primary'} disabled={busy} onClick={confirm}>{t('requests.confirm')}</button>
          <button type="button" className="button" disabled={busy} onClick={() => setAsking(null)}>{t('requests.cancel')}</button>
        </div>
      )}
      {notice && (
        <p className="notice" role={notice.key === 'eraseDone' || notice.key === 'exportDone' ? 'status' : 'alert'}>
          {'count' in notice ? t(`requests.${notice.key}`, { count: notice.count }) : t(notice.key === 'saveFailed' ? 'requests.saveFailed' : `requests.${notice.key}`)}
        </p>
      )}
      <Link to="..">{t('requests.back')}</Link>
    </Screen>
  );
}
