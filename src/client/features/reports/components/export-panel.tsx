// Exports of the period: the CSV of the logs (Blob link, works offline) and the printable report.
// Citizens' personal data goes into the file only for a role with citizen.export, only when the
// user ticks it, and only after a confirmation that says what the file will hold (docs/privacy.md).
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../data/session-repository';
import { loadLogsForExport } from '../../../data/reports-repository';
import { log } from '../../../lib/log';
import { can } from '../../../../shared/permissions';
import { buildLogCsv } from '../../../../shared/reports/log-export';
import type { LocalDateRange } from '../../../../shared/text/dates';
import { csvLabels, makeReportLabels } from '../hooks/use-report-labels';
import { downloadText, fileName } from '../../../lib/save-file';

type Status = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; count: number } | { kind: 'failed' };

export function ExportPanel({ user, range, query }: { user: SessionUser; range: LocalDateRange; query: string }): ReactElement {
  const { t, i18n } = useTranslation('reports');
  const mayIncludeCitizen = can(user.role, 'citizen.export');
  const [includeCitizen, setIncludeCitizen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const run = (withCitizen: boolean) => {
    setConfirming(false);
    setStatus({ kind: 'working' });
    loadLogsForExport(range)
      .then((data) => {
        const labels = csvLabels(makeReportLabels(t, i18n.language, data.names));
        const csv = buildLogCsv(data.logs, { role: user.role, includeCitizen: withCitizen && mayIncludeCitizen, labels });
        downloadText(fileName('so-tay-so', user.communeId ?? 'xa', range.start, `${range.end}${withCitizen ? '-ca-nhan' : ''}.csv`), csv);
        setStatus({ kind: 'done', count: data.logs.length });
      })
      .catch((error: unknown) => {
        log.error('CSV export failed', error instanceof Error ? error.message : error);
        setStatus({ kind: 'failed' });
      });
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
        <button type="button" className="button primary" disabled={status.kind === 'working'} onClick={() => (includeCitizen && mayIncludeCitizen ? setConfirming(true) : run(false))}>
          {t('export.csv')}
        </button>
        <Link className="button" to={`/reports/print?${query}`}>{t('export.print')}</Link>
      </div>
      {confirming && (
        <div className="rp-confirm" role="alertdialog" aria-labelledby="rp-confirm-title" aria-describedby="rp-confirm-text">
          <h3 id="rp-confirm-title">{t('export.confirmTitle')}</h3>
          <p id="rp-confirm-text">{t('export.confirmText')}</p>
          <div className="button-row">
            <button type="button" className="button" ref={cancelRef} onClick={() => setConfirming(false)}>{t('export.cancel')}</button>
            <button type="button" className="button primary" onClick={() => run(true)}>{t('export.confirm')}</button>
          </div>
        </div>
      )}
      <p role="status" className="rp-status">
        {status.kind === 'done' ? t('export.done', { count: status.count }) : status.kind === 'failed' ? t('export.failed') : null}
      </p>
    </section>
  );
}
