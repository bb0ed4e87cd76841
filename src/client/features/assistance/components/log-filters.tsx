// The log list's filters. They live in the URL (?period=…&outcome=…), so "back" from a log's
// detail returns to the same filtered list.
import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogFilter } from '../../../data/assistance-list';
import { isListPeriod, LIST_PERIODS, type ListPeriod } from '../../../../shared/reports/period';
import { OUTCOMES, type Outcome } from '../../../../shared/schemas/assistance-log';
import { useServices, useVillages } from '../hooks/use-reference-data';
import { serviceName } from '../../../data/service-repository';

export function LogFilters({ filter, onChange }: { filter: LogFilter; onChange: (next: LogFilter) => void }): ReactElement {
  const { t, i18n } = useTranslation('assistance');
  const services = useServices() ?? [];
  const villages = useVillages(true) ?? [];
  const id = useId();
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor={`${id}-period`}>{t('filters.period')}</label>
        <select id={`${id}-period`} value={filter.period} onChange={(e) => onChange({ ...filter, period: e.target.value as ListPeriod })}>
          {LIST_PERIODS.map((p) => <option key={p} value={p}>{t(`periods.${p}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-service`}>{t('filters.service')}</label>
        <select id={`${id}-service`} value={filter.serviceId ?? ''} onChange={(e) => onChange({ ...filter, serviceId: e.target.value || undefined })}>
          <option value="">{t('filters.any')}</option>
          {services.map((s) => <option key={s.code} value={s.code}>{serviceName(s, i18n.language)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>{t('filters.outcome')}</label>
        <select id={`${id}-outcome`} value={filter.outcome ?? ''} onChange={(e) => onChange({ ...filter, outcome: (e.target.value || undefined) as Outcome | undefined })}>
          <option value="">{t('filters.any')}</option>
          {OUTCOMES.map((o) => <option key={o} value={o}>{t(`outcomes.${o}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-village`}>{t('filters.village')}</label>
        <select id={`${id}-village`} value={filter.villageId ?? ''} onChange={(e) => onChange({ ...filter, villageId: e.target.value || undefined })}>
          <option value="">{t('filters.any')}</option>
          {villages.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
      </div>
      <fieldset className="field segmented-choice">
        <legend>{t('filters.who')}</legend>
        {(['everyone', 'mine'] as const).map((who) => (
          <label key={who} className="chip">
            <input type="radio" name={`${id}-who`} checked={(who === 'mine') === Boolean(filter.mine)} onChange={() => onChange({ ...filter, mine: who === 'mine' || undefined })} />
            {t(`filters.${who}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** Reads the filters from the URL's query, ignoring anything unknown. */
export function filterFromParams(params: URLSearchParams): LogFilter {
  const period = params.get('period');
  const outcome = params.get('outcome');
  return {
    period: isListPeriod(period) ? period : 'all',
    serviceId: params.get('service') ?? undefined,
    outcome: (OUTCOMES as readonly string[]).includes(outcome ?? '') ? (outcome as Outcome) : undefined,
    villageId: params.get('village') ?? undefined,
    mine: params.get('mine') === '1' || undefined,
    search: params.get('q') ?? undefined,
  };
}

export function filterToParams(filter: LogFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.period !== 'all') params.set('period', filter.period);
  if (filter.serviceId) params.set('service', filter.serviceId);
  if (filter.outcome) params.set('outcome', filter.outcome);
  if (filter.villageId) params.set('village', filter.villageId);
  if (filter.mine) params.set('mine', '1');
  if (filter.search) params.set('q', filter.search);
  return params;
}

/** How many filters (besides search) differ from the default, for the "Filters (2)" button. */
export function activeFilterCount(filter: LogFilter): number {
  return [filter.period !== 'all', filter.serviceId, filter.outcome, filter.villageId, filter.mine].filter(Boolean).length;
}
