// /period-report/province (province admins, online; docs/reports.md "The province's compiled
// view"): every commune of the province for one reporting period — sent on time, late, missing or
// not due, the document's number and date, who sent it, the commune's latest sync, its
// indicators against its targets — the communes'
// difficulties and proposals grouped by barrier and the results summed on the server, and the compiled report as .docx
// with the appendix of the units that reported. Names only, never ids.
import { useId, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { TargetList } from '../../../components/ui/target-list';
import { useToday } from '../../../hooks/use-today';
import { seedCommunes } from '../../../../shared/seed';
import { reportPeriodAt, shiftReportPeriod } from '../../../../shared/reports/report-period';
import type { BarrierGroupView, CompiledCommune, CompiledReport } from '../../../../shared/reports/compiled';
import { formatDate, formatDateTime, todayLocal, type LocalDateRange } from '../../../../shared/text/dates';
import { useCompiledReport } from '../hooks/use-compiled-report';
import { barrierGroupLabel, buildCompiledDocument } from '../utils/compiled-document';
import { figureLines, type ReportDocument } from '../utils/report-document';
import { DocumentView } from './document-view';
import { ReturnForm } from './return-form';
import { DocxDownload } from './docx-button';

/** The periods offered: the one before the current (the one usually compiled), the current, and ten more before. */
function periods(now: number): LocalDateRange[] {
  const current = reportPeriodAt(now);
  return [shiftReportPeriod(current, -1), current, ...Array.from({ length: 10 }, (_, i) => shiftReportPeriod(current, -(i + 2)))];
}

export function CompiledScreen({ provinceId }: { provinceId: string }): ReactElement {
  const { t } = useTranslation('periodReport');
  const id = useId();
  const [options] = useState(() => periods(Date.now()));
  const [chosen, choose] = useState(0);
  const period = options[chosen]!;
  const { state, retry } = useCompiledReport(period);
  const [printing, setPrinting] = useState(false);
  const span = (range: LocalDateRange) => ({ start: formatDate(range.start), end: formatDate(range.end) });

  if (printing && state.status === 'ready') return <CompiledPrint report={state.report} provinceId={provinceId} onBack={() => setPrinting(false)} />;
  return (
    <Screen title={t('compiled.title')}>
      <p className="hint">{t('compiled.intro')}</p>
      <label className="pr-field" htmlFor={`${id}-period`}>{t('compiled.period')}</label>
      <select id={`${id}-period`} className="pr-select" value={chosen} onChange={(event) => choose(Number(event.target.value))}>
        {options.map((range, i) => (
          <option key={range.start} value={i}>{t('compiled.periodOption', span(range))}</option>
        ))}
      </select>
      {state.status === 'loading' ? (
        <p role="status">{t('compiled.loading')}</p>
      ) : state.status === 'ready' ? (
        <Compiled report={state.report} provinceId={provinceId} onPrint={() => setPrinting(true)} onChanged={retry} />
      ) : (
        <div className="notice" role="alert">
          <p>{t(state.status === 'offline' ? 'compiled.online' : state.status === 'signedOut' ? 'compiled.signedOut' : state.status === 'forbidden' ? 'compiled.notForRole' : 'compiled.failed')}</p>
          <button type="button" className="button" onClick={retry}>{t('compiled.retry')}</button>
        </div>
      )}
    </Screen>
  );
}

/** The compiled report as a document (compiled-document.ts), for the screen's .docx and its print view alike. */
function useCompiledDocument(report: CompiledReport, provinceId: string): ReportDocument {
  const { t } = useTranslation('periodReport');
  const today = useToday();
  const provinceName = useMemo(() => seedCommunes().find((c) => c.provinceId === provinceId)?.provinceName ?? null, [provinceId]);
  return useMemo(() => buildCompiledDocument({ report, provinceName, today }, t), [report, provinceName, today, t]);
}

/** The compiled report on A4 (period-report.css @media print), appendix included; the browser's print dialog also saves a PDF. */
function CompiledPrint({ report, provinceId, onBack }: { report: CompiledReport; provinceId: string; onBack: () => void }): ReactElement {
  const { t } = useTranslation('periodReport');
  const doc = useCompiledDocument(report, provinceId);
  return (
    <div className="pr-print" data-testid="compiled-print">
      <div className="pr-no-print button-row">
        <button type="button" className="button primary" onClick={() => window.print()}>{t('print.printNow')}</button>
        <button type="button" className="button" onClick={onBack}>{t('compiled.printBack')}</button>
      </div>
      <DocumentView doc={doc} />
    </div>
  );
}

function Compiled({ report, provinceId, onPrint, onChanged }: { report: CompiledReport; provinceId: string; onPrint: () => void; onChanged: () => void }): ReactElement {
  const { t } = useTranslation('periodReport');
  const id = useId();
  const doc = useCompiledDocument(report, provinceId);
  const sent = report.communes.filter((c) => c.submission !== null).length;
  return (
    <div data-testid="compiled-report">
      <section className="card" aria-labelledby={`${id}-sent`}>
        <h2 id={`${id}-sent`}>{t('compiled.reported', { reported: sent, total: report.communes.length })}</h2>
        <p>{t('compiled.due', { date: formatDate(report.dueDate) })}</p>
        <DocxDownload
          doc={doc}
          fileName={t('compiled.fileName', { start: report.period.start, end: report.period.end })}
          text={{ label: t('compiled.docx'), making: t('compiled.docxMaking'), error: t('compiled.docxError') }}
        />
        <button type="button" className="button" onClick={onPrint}>{t('compiled.print')}</button>
      </section>
      <section className="card" aria-labelledby={`${id}-totals`}>
        <h2 id={`${id}-totals`}>{t('compiled.totals', { count: report.reported })}</h2>
        {report.reported === 0 ? (
          <p>{t('compiled.totalsNone')}</p>
        ) : (
          <ul className="pr-figures" data-testid="compiled-totals">
            {figureLines(report.totals, t).map((line) => <li key={line}>{line}</li>)}
          </ul>
        )}
      </section>
      <Groups title={t('compiled.difficulties')} groups={report.difficultyGroups} testId="compiled-difficulties" />
      <Groups title={t('compiled.proposals')} groups={report.proposalGroups} testId="compiled-proposals" />
      <section className="card" aria-labelledby={`${id}-communes`}>
        <h2 id={`${id}-communes`}>{t('compiled.communes', { count: report.communes.length })}</h2>
        <ul className="pr-communes" data-testid="compiled-communes">
          {report.communes.map((commune) => <CommuneItem key={commune.communeId} commune={commune} onChanged={onChanged} />)}
        </ul>
      </section>
    </div>
  );
}

function CommuneItem({ commune, onChanged }: { commune: CompiledCommune; onChanged: () => void }): ReactElement {
  const { t } = useTranslation('periodReport');
  const sent = commune.submission;
  return (
    <li data-testid="compiled-commune">
      <h3>{commune.communeName}</h3>
      <p className={`pr-status pr-status-${commune.status}`}>{t(`compiled.status.${commune.status}`)}</p>
      {sent && (
        <>
          <p>
            {t('compiled.document', { number: sent.documentNumber, date: formatDate(sent.documentDate) })}
            {sent.version > 1 ? ` · ${t('compiled.version', { version: sent.version })}` : ''}
          </p>
          <p>{t('compiled.sentBy', { name: sent.submittedByName ?? t('people.unknown', { ns: 'common' }) })}</p>
        </>
      )}
      <p className="hint">{commune.lastSyncAt ? t('compiled.lastSync', { date: formatDateTime(commune.lastSyncAt) }) : t('compiled.neverSynced')}</p>
      {commune.indicators.length > 0 && (
        <div className="pr-commune-text" data-testid="compiled-targets">
          <p className="pr-strong">{t('targets.province')}</p>
          <TargetList rows={commune.indicators} />
        </div>
      )}
      {commune.returned && <p data-testid="compiled-returned">{t('compiled.returnedNote', { date: formatDate(todayLocal(Date.parse(commune.returned.returnedAt))), reason: commune.returned.reason })}</p>}
      {sent && !commune.returned && <ReturnForm communeId={commune.communeId} submissionId={sent.id} onReturned={onChanged} />}
    </li>
  );
}

/** One of the two grouped sections: a group per barrier, each item with the communes that wrote it. */
function Groups({ title, groups, testId }: { title: string; groups: readonly BarrierGroupView[]; testId: string }): ReactElement {
  const { t } = useTranslation('periodReport');
  const id = useId();
  return (
    <section className="card" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {groups.length === 0 && <p>{t('compiled.groupsNone')}</p>}
      {groups.map((group) => (
        <div key={group.barrier ?? ''} className="pr-group" data-barrier={group.barrier ?? 'none'}>
          <h3>{barrierGroupLabel(group.barrier, t)}</h3>
          <p className="hint">{t('compiled.groupCommunes', { count: group.communes })}</p>
          <ul>
            {group.items.map((item) => (
              <li key={item.text}>
                {item.text} <span className="pr-strong">({item.communes.map((c) => c.name).join(', ')})</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
