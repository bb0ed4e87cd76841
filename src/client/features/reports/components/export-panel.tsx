// Exports of the period: the CSV of the logs and the CSV of the group sessions (two files, each one
// table as Excel expects; Blob links, work offline) and the printable report.
// Citizens' personal data goes into the file only for a role with citizen.export, only when the
// user ticks it, and only after a confirmation that says what the file will hold and asks why; the
// server checks the role and logs the export with its reason before the file is written
// (docs/privacy.md "Audit log"), so that export needs a connection.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../data/session-repository';
import { loadLogsForExport, loadSessionsForExport } from '../../../data/reports-repository';
import { log } from '../../../lib/log';
import { NetworkError } from '../../../sync/errors';
import { ExportRefusedError, logCitizenExport } from '../../../sync/audit-api';
import { can } from '../../../../shared/permissions';
import { EXPORT_REASON_MAX, EXPORT_REASON_MIN } from '../../../../shared/privacy/audit';
import { buildLogCsv } from '../../../../shared/reports/log-export';
import { buildSessionCsv } from '../../../../shared/reports/session-export';
import type { LocalDateRange } from '../../../../shared/text/dates';
import { csvLabels, makeReportLabels, sessionCsvLabels } from '../../../hooks/use-report-labels';
import { downloadText, fileName } from '../../../lib/save-file';

type Status = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; what: 'logs' | 'sessions'; count: number } | { kind: 'failed'; why: 'failed' | 'offline' | 'refused' };

export function ExportPanel({ user, range, query }: { user: SessionUser; range: LocalDateRange; query: string }): ReactElement {
  const { t, i18n } = useTranslation('reports');
  const mayIncludeCitizen = can(user.role, 'citizen.export');
  const [includeCitizen, setIncludeCitizen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const run = async (withCitizen: boolean) => {
    setConfirming(false);
    setStatus({ kind: 'working' });
    try {
      const data = await loadLogsForExport(range);
      const includeCitizen = withCitizen && mayIncludeCitizen;
      // The server's word first: it checks the role and records who exported, when and why.
      if (includeCitizen) await logCitizenExport({ reason: reason.trim(), from: range.start, to: range.end, rows: data.logs.length });
      const labels = csvLabels(makeReportLabels(t, i18n.language, data.names));
      const csv = buildLogCsv(data.logs, { role: user.role, includeCitizen, labels });
      downloadText(fileName('so-tay-so', user.communeId ?? 'xa', range.start, `${range.end}${includeCitizen ? '-ca-nhan' : ''}.csv`), csv);
      setStatus({ kind: 'done', what: 'logs', count: data.logs.length });
      setReason('');
    } catch (error: unknown) {
      log.error('CSV export failed', error instanceof Error ? error.message : error);
      setStatus({ kind: 'failed', why: error instanceof NetworkError ? 'offline' : error instanceof ExportRefusedError ? 'refused' : 'failed' });
    }
  };

  // Sessions are counts, never people (docs/privacy.md): no personal data, no confirmation.
  const runSessions = async () => {
    setStatus({ kind: 'working' });
    try {
      const data = await loadSessionsForExport(range);
      const csv = buildSessionCsv(data.sessions, sessionCsvLabels(makeReportLabels(t, i18n.language, data.names)));
      downloadText(fileName('so-tay-so-hoc-vu-so', user.communeId ?? 'xa', range.start, `${range.end}.csv`), csv);
      setStatus({ kind: 'done', what: 'sessions', count: data.sessions.length });
    } catch (error: unknown) {
      log.error('CSV export of sessions failed', error instanceof Error ? error.message : error);
      setStatus({ kind: 'failed', why: 'failed' });
    }
  };

  const confirm = () => {
    if (reason.trim().length < EXPORT_REASON_MIN) {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    void run(true);
  };

  return (
    <section className="card rp-export" aria-labelledby="rp-export-title">
      <h2 id="rp-export-title">{t('export.title')}</h2>
      <p className="hint">{t('export.hint')}</p>
      {mayIncludeCitizen && (
        <label className="choice">
          <input type="checkbox" checked={includeCitizen} onChange={(event) => setIncludeCitizen(event.target.checked)} />
          {t('export.includeCitizen')}
        </label>
      )}
      <div className="button-row">
        <button type="button" className="button primary" disabled={status.kind === 'working'} onClick={() => (includeCitizen && mayIncludeCitizen ? setConfirming(true) : void run(false))}>
          {t('export.csv')}
        </button>
        <button type="button" className="button" disabled={status.kind === 'working'} onClick={() => void runSessions()}>
          {t('export.sessionsCsv')}
        </button>
        <Link className="button" to={`/reports/print?${query}`}>{t('export.print')}</Link>
      </div>
      {confirming && (
        <div className="rp-confirm" role="alertdialog" aria-labelledby="rp-confirm-title" aria-describedby="rp-confirm-text">
          <h3 id="rp-confirm-title">{t('export.confirmTitle')}</h3>
          <p id="rp-confirm-text">{t('export.confirmText')}</p>
          <div className="field">
            <label htmlFor="rp-export-reason">{t('export.reason')}</label>
            <textarea
              id="rp-export-reason"
              rows={2}
              maxLength={EXPORT_REASON_MAX}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={reasonMissing}
              aria-describedby={reasonMissing ? 'rp-export-reason-error rp-export-reason-hint' : 'rp-export-reason-hint'}
            />
            <p className="hint" id="rp-export-reason-hint">{t('export.reasonHint')}</p>
            {reasonMissing && <p className="field-error" id="rp-export-reason-error" role="alert">{t('export.reasonMissing')}</p>}
          </div>
          <div className="button-row">
            <button type="button" className="button" ref={cancelRef} onClick={() => setConfirming(false)}>{t('export.cancel')}</button>
            <button type="button" className="button primary" onClick={confirm}>{t('export.confirm')}</button>
          </div>
        </div>
      )}
      <p role="status" className="rp-status">
        {status.kind === 'done' ? t(status.what === 'logs' ? 'export.done' : 'export.sessionsDone', { count: status.count }) : status.kind === 'failed' ? t(status.why === 'failed' ? 'export.failed' : status.why === 'offline' ? 'export.offline' : 'export.refused') : null}
      </p>
    </section>
  );
}
