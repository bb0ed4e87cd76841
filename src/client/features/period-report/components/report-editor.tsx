// The editor of one report: the figures read from this phone (with the leader's notes), the
// difficulties and proposals as items tagged by barrier and the next period's plan as free text,
// each with their suggestions, the summary line, recipients and signer, then print, Word file
// and "mark as sent". Every change is saved on the phone at once and syncs to the other leaders.
import { useId, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { updatePeriodReport, type PeriodReportItem } from '../../../data/period-report-repository';
import { log } from '../../../lib/log';
import { ITEM_SECTIONS, type ItemSection as ItemSectionName, type PeriodReportPatch, type ReportItem, type TextSection as Section } from '../../../../shared/schemas/period-report';
import { itemsOf, itemsPatch } from '../../../../shared/reports/report-items';
import { suggestionsFor } from '../../../../shared/reports/suggestions';
import { formatDate, todayLocal } from '../../../../shared/text/dates';
import { useCommune, usePeriodData, useReport, useSubmissions } from '../hooks/use-period-report';
import { useReportDocument } from '../hooks/use-report-document';
import { DocxButton } from './docx-button';
import { ItemSection } from './item-section';
import { SubmitPanel } from './submit-panel';
import { TargetsSection } from './targets-section';
import { TextSection } from './text-section';

export function ReportEditor({ id, communeId }: { id: string; communeId: string }): ReactElement {
  const { t } = useTranslation('periodReport');
  const report = useReport(id);
  return (
    <Screen title={t('title')}>
      {report.status === 'failed' ? (
        <p role="alert">{t('loadError')}</p>
      ) : report.status === 'loading' ? (
        <p role="status">{t('loading')}</p>
      ) : report.value === undefined ? (
        <p role="alert">{t('editor.notFound')}</p>
      ) : (
        <EditorBody report={report.value} communeId={communeId} />
      )}
      <p>
        <Link to="/period-report">{t('editor.back')}</Link>
      </p>
    </Screen>
  );
}


function EditorBody({ report, communeId }: { report: PeriodReportItem; communeId: string }): ReactElement {
  const { t, i18n } = useTranslation('periodReport');
  const id = useId();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const data = usePeriodData({ start: report.periodStart, end: report.periodEnd }, language);
  const submissions = useSubmissions(report.id);
  const communeName = useCommune(communeId);
  const save = async (patch: PeriodReportPatch) => {
    try {
      await updatePeriodReport(report.id, patch);
    } catch (error) {
      log.error('saving a period report failed', error instanceof Error ? error.message : error);
    }
  };
  // The item lists show their own error (item-section.tsx), so their saves let a refusal through.
  const saveItems = (section: ItemSectionName, items: ReportItem[], handled?: string[]) =>
    updatePeriodReport(report.id, { ...itemsPatch(section, items), ...(handled ? { handledSuggestions: handled } : {}) });
  const handled = (key: string) => [...(report.handledSuggestions ?? []), key];
  const handle = async (section: Section, key: string, text: string | null, current: string) => {
    await save(text === null ? { handledSuggestions: handled(key) } : { handledSuggestions: handled(key), [section]: current.trim() === '' ? text : `${current.trimEnd()}\n${text}` });
  };
  if (data.status !== 'ready' || communeName === undefined) {
    return data.status === 'failed' ? <p role="alert">{t('loadError')}</p> : <p role="status">{t('loading')}</p>;
  }
  const suggestions = suggestionsFor(data.value.results, data.value.blocked, report.handledSuggestions ?? []);
  const latest = submissions.status === 'ready' ? submissions.value[0] : undefined;
  return (
    <div data-testid="period-report-editor" data-ready="true">
      <p className="hint">{t(report.kind === 'period' ? 'list.periodLabel' : 'list.adhocLabel', { start: formatDate(report.periodStart), end: formatDate(report.periodEnd) })}</p>
      <p className="hint">{t('editor.saved')}</p>
      {report.returned && latest?.id === report.returned.submissionId && (
        <div className="notice" data-testid="returned-notice">
          <p>{t('editor.returned', { version: report.returned.version, date: formatDate(todayLocal(Date.parse(report.returned.returnedAt))), reason: report.returned.reason })}</p>
          <p>{t('editor.returnedHint')}</p>
        </div>
      )}
      <div className="pr-text card">
        <label htmlFor={`${id}-summary`} className="pr-label">{t('editor.summary')}</label>
        <input key={report.summary ?? ''} id={`${id}-summary`} type="text" maxLength={300} defaultValue={report.summary ?? ''} onBlur={(e) => e.target.value !== (report.summary ?? '') && void save({ summary: e.target.value })} />
      </div>
      <Results report={report} results={data.value.results} communeName={communeName} />
      {report.kind === 'period' && <TargetsSection report={report} results={data.value.results} />}
      <TextSection label={t('editor.resultsNote')} value={report.resultsNote ?? ''} rows={3} onSave={(text) => save({ resultsNote: text })} testId="section-resultsNote" />
      {ITEM_SECTIONS.map((section) => (
        <ItemSection
          key={section}
          label={t(`editor.${section}`)}
          items={itemsOf(report, section)}
          suggestions={suggestions.filter((s) => s.section === section)}
          onSave={(items) => saveItems(section, items)}
          onSuggestion={(key, item, current) => saveItems(section, item ? [...current, item] : current, handled(key))}
          testId={`section-${section}`}
        />
      ))}
      <TextSection
        label={t('editor.nextPlan')}
        value={report.nextPlan ?? ''}
        suggestions={suggestions.filter((s) => s.section === 'nextPlan')}
        onSave={(text) => save({ nextPlan: text })}
        onSuggestion={(key, text, current) => handle('nextPlan', key, text, current)}
        testId="section-nextPlan"
      />
      <TextSection label={t('editor.recipients')} value={report.recipients ?? ''} rows={3} onSave={(text) => save({ recipients: text })} testId="section-recipients" />
      <fieldset className="card">
        <legend>{t('editor.signer')}</legend>
        {(['chair', 'deputy'] as const).map((capacity) => (
          <label key={capacity} className="choice">
            <input type="radio" name={`${id}-signer`} checked={(report.signerCapacity ?? 'chair') === capacity} onChange={() => void save({ signerCapacity: capacity })} />
            {t(capacity === 'chair' ? 'editor.signerChair' : 'editor.signerDeputy')}
          </label>
        ))}
        <label htmlFor={`${id}-signer-name`} className="pr-label">{t('editor.signerName')}</label>
        <input key={report.signerName ?? ''} id={`${id}-signer-name`} type="text" maxLength={120} defaultValue={report.signerName ?? ''} onBlur={(e) => e.target.value !== (report.signerName ?? '') && void save({ signerName: e.target.value })} />
      </fieldset>
      <div className="card button-row">
        <Link className="button" to={`/period-report/${report.id}/print`}>{t('editor.print')}</Link>
        <DocxButton report={report} results={data.value.results} communeName={communeName} sent={latest} />
      </div>
      <SubmitPanel report={report} results={data.value.results} submissions={submissions.status === 'ready' ? submissions.value : []} />
    </div>
  );
}

/** The numbered figure lines of section I (report-document.ts); the leader's notes follow them. */
const FIGURE_LINES = 7;

function Results({ report, results, communeName }: { report: PeriodReportItem; results: Parameters<typeof useReportDocument>[1]; communeName: string }): ReactElement {
  const { t } = useTranslation('periodReport');
  const doc = useReportDocument(report, results, communeName);
  return (
    <section className="card" aria-labelledby="pr-results">
      <h2 id="pr-results">{t('editor.results')}</h2>
      <ul className="pr-figures" data-testid="period-results">
        {doc.sections[0]!.paragraphs.slice(0, FIGURE_LINES).map((line) => <li key={line}>{line}</li>)}
      </ul>
    </section>
  );
}
