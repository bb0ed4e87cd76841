// /admin/report-settings: the province's report settings (docs/reports.md "Indicators against
// targets", "Due date"): the days after a period's end a report is due, and the indicators its
// communes are judged by — add, edit, retire and bring back (a published one is never deleted).
// Every change publishes the whole settings at once (online), naming the version the screen read
// from the server: when another admin published meanwhile the server refuses (409) and the screen
// asks to reload. The 409 does not say what the other publication changed, so the refusal names
// only what this admin tried to save — the due day, or one indicator. Every phone of the province
// then pulls the new version (one publishing path).
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { DUE_DAYS_MAX, type IndicatorDefinition, type ReportSettingsFields } from '../../../../shared/schemas/report-settings';
import { DEFAULT_DUE_DAYS_AFTER_END } from '../../../../shared/reports/report-period';
import { amountText } from '../../../../shared/reports/targets';
import { formatDate } from '../../../../shared/text/dates';
import { HttpError } from '../../../sync/errors';
import { publishReportSettings } from '../../../sync/reference-admin-api';
import { useEdit, useProvinceCommunes, useReportSettings } from '../hooks/use-reference';
import { AdminGate, BackToAdmin } from './admin-gate';
import { EditStatus } from './edit-status';
import { IndicatorForm } from './indicator-form';

export function ReportSettingsScreen(): ReactElement {
  const { t } = useTranslation('reference');
  return <AdminGate title={t('targets.title')} action="reportSettings.manage">{() => <Settings />}</AdminGate>;
}

const isStale = (error: unknown) => error instanceof HttpError && error.status === 409;

function Settings(): ReactElement {
  const { t } = useTranslation('reference');
  const { state, reload } = useReportSettings();
  const settings = state.kind === 'ready' ? state.settings : null;
  const communeList = useProvinceCommunes();
  /** The id of the indicator being edited, 'new' while adding one. */
  const [editing, setEditing] = useState<string | null>(null);
  const { busy, outcome, run, clear } = useEdit();
  /** What a refusal (409) says was not saved: the change last sent. */
  const [stale, setStale] = useState('');
  const indicators = settings?.indicators ?? [];

  const publish = (change: Partial<Omit<ReportSettingsFields, 'version'>>, message: string, notSaved: string) => {
    setStale(notSaved);
    void run(
      () =>
        publishReportSettings({
          basedOn: settings?.version ?? 0,
          dueDaysAfterEnd: change.dueDaysAfterEnd ?? settings?.dueDaysAfterEnd ?? DEFAULT_DUE_DAYS_AFTER_END,
          indicators: change.indicators ?? indicators,
        }),
      message,
    ).then((ok) => {
      if (!ok) return;
      setEditing(null);
      reload();
    });
  };
  const staleIndicator = (indicator: IndicatorDefinition) => t('targets.staleIndicator', { name: indicator.name });
  const save = (indicator: IndicatorDefinition) =>
    publish(
      { indicators: indicators.some((i) => i.id === indicator.id) ? indicators.map((i) => (i.id === indicator.id ? indicator : i)) : [...indicators, indicator] },
      t('common.saved'),
      staleIndicator(indicator),
    );
  const setActive = (indicator: IndicatorDefinition, active: boolean) =>
    publish({ indicators: indicators.map((i) => (i.id === indicator.id ? { ...i, active } : i)) }, t(active ? 'services.restored' : 'services.retired', { name: indicator.name }), staleIndicator(indicator));

  if (state.kind !== 'ready') {
    return (
      <Screen title={t('targets.title')}>
        <BackToAdmin />
        {state.kind === 'loading' ? <p role="status">{t('common.loading')}</p> : <p role="alert" className="ref-error">{t(`common.${state.why}`)}</p>}
        {state.kind === 'failed' && <button type="button" className="button" onClick={reload}>{t('targets.reload')}</button>}
      </Screen>
    );
  }
  const form = (indicator?: IndicatorDefinition) => (
    <IndicatorForm indicator={indicator} takenIds={indicators.map((i) => i.id)} communes={communeList} busy={busy} onSubmit={save} onCancel={() => setEditing(null)} />
  );
  return (
    <Screen title={t('targets.title')}>
      <BackToAdmin />
      <p className="hint">{t('targets.intro')}</p>
      <p className="hint">{t('common.online')}</p>
      <EditStatus outcome={outcome} explain={(error) => (isStale(error) ? stale : undefined)} />
      {outcome?.kind === 'failed' && isStale(outcome.error) && (
        <button type="button" className="button" onClick={() => { clear(); reload(); }}>{t('targets.reload')}</button>
      )}
      <DueDays key={settings?.dueDaysAfterEnd} days={settings?.dueDaysAfterEnd ?? DEFAULT_DUE_DAYS_AFTER_END} busy={busy} onSave={(days) => publish({ dueDaysAfterEnd: days }, t('common.saved'), t('targets.staleDue'))} />
      {editing === 'new' ? form() : <button type="button" className="button primary" onClick={() => setEditing('new')}>{t('targets.add')}</button>}
      {indicators.length === 0 && <p className="hint">{t('targets.none')}</p>}
      <ul className="ref-list" aria-label={t('targets.title')} data-testid="indicator-list">
        {indicators.map((indicator) =>
          editing === indicator.id ? (
            <li key={indicator.id}>{form(indicator)}</li>
          ) : (
            <li key={indicator.id} className={indicator.active ? 'card' : 'card ref-retired'}>
              <p className="ref-name">{indicator.name}</p>
              <p className="hint">{t(`targets.sources.${indicator.source}`)}</p>
              <p>{t('targets.line', { target: amountText(indicator.target, indicator.unit), from: formatDate(indicator.from), to: formatDate(indicator.to) })}</p>
              {indicator.communeTargets.length > 0 && <p className="hint">{t('targets.own', { count: indicator.communeTargets.length })}</p>}
              {!indicator.active && <p><span className="ref-flag">{t('common.retiredFlag')}</span></p>}
              <div className="ref-actions">
                <button type="button" className="button" onClick={() => setEditing(indicator.id)} aria-label={`${t('targets.edit')}: ${indicator.name}`}>{t('targets.edit')}</button>
                <button type="button" className="button" disabled={busy} onClick={() => setActive(indicator, !indicator.active)} aria-label={`${t(indicator.active ? 'services.retire' : 'services.restore')}: ${indicator.name}`}>
                  {t(indicator.active ? 'services.retire' : 'services.restore')}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
    </Screen>
  );
}

function DueDays({ days, busy, onSave }: { days: number; busy: boolean; onSave: (days: number) => void }): ReactElement {
  const { t } = useTranslation('reference');
  const [text, setText] = useState(String(days));
  const value = Number(text);
  const valid = /^\d+$/.test(text.trim()) && value <= DUE_DAYS_MAX;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onSave(value);
  };
  return (
    <form className="card ref-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="due-days">{t('targets.dueDays', { max: DUE_DAYS_MAX })}</label>
        <input id="due-days" value={text} inputMode="numeric" autoComplete="off" onChange={(e) => setText(e.target.value)} aria-invalid={!valid} />
      </div>
      {!valid && <p className="ref-error">{t('common.invalid')}</p>}
      <button type="submit" className="button" disabled={busy || !valid || value === days}>{t('targets.dueSave')}</button>
    </form>
  );
}
