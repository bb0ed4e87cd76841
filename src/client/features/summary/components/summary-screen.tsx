// /summary: the week's (or the period's) figures of the member or of the commune, as text to paste
// into the team's Zalo group and as a PNG card, shared through the phone's share sheet where the
// browser can share files, else copied and saved (docs/field-aids.md). Totals only, never a citizen.
import { useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import type { SessionUser } from '../../../data/session-repository';
import { can } from '../../../../shared/permissions';
import { presetRange } from '../../../../shared/reports/period';
import { SUMMARY_SCOPES, type SummaryScope } from '../../../../shared/reports/summary';
import { addDays, weekOf, type LocalDate, type LocalDateRange } from '../../../../shared/text/dates';
import { useToday } from '../../../hooks/use-today';
import { useSummary } from '../hooks/use-summary';
import { SummaryShare } from './summary-share';
import '../summary.css';

const PERIODS = ['thisWeek', 'lastWeek', 'period', 'month'] as const;
type SummaryPeriod = (typeof PERIODS)[number];

function rangeOf(period: SummaryPeriod, today: LocalDate): LocalDateRange {
  switch (period) {
    case 'thisWeek':
      return weekOf(today);
    case 'lastWeek':
      return weekOf(addDays(weekOf(today).start, -7));
    case 'period':
    case 'month':
      return presetRange(period, today);
  }
}

const scopesFor = (user: SessionUser): SummaryScope[] =>
  SUMMARY_SCOPES.filter((scope) => (scope === 'mine' ? can(user.role, 'log.create') : can(user.role, 'reports.view')));

export function SummaryScreen(): ReactElement {
  const { t } = useTranslation('summary');
  return (
    <SessionGate text={{ title: t('title'), loading: t('loading'), signInFirst: t('signInFirst'), signIn: t('signIn') }}>
      {(user) => {
        const scopes = scopesFor(user);
        const first = scopes[0];
        if (user.communeId === null || first === undefined) {
          return (
            <Screen title={t('title')}>
              <EmptyState>{t('notForRole')}</EmptyState>
            </Screen>
          );
        }
        return <SummaryBody scopes={scopes} initialScope={first} />;
      }}
    </SessionGate>
  );
}

function SummaryBody({ scopes, initialScope }: { scopes: SummaryScope[]; initialScope: SummaryScope }): ReactElement {
  const { t } = useTranslation('summary');
  const [scope, setScope] = useState<SummaryScope>(initialScope);
  const [period, setPeriod] = useState<SummaryPeriod>('thisWeek');
  const today = useToday();
  const range = useMemo(() => rangeOf(period, today), [period, today]);
  const state = useSummary(range, scope, today);
  return (
    <Screen title={t('title')}>
      <p className="lead">{t('intro')}</p>
      {scopes.length > 1 && (
        <fieldset className="card sm-choices">
          <legend>{t('scope.legend')}</legend>
          {scopes.map((value) => (
            <label key={value} className="sm-choice">
              <input type="radio" name="sm-scope" value={value} checked={scope === value} onChange={() => setScope(value)} />
              <span>{t(`scope.${value}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="card sm-choices">
        <legend>{t('period.legend')}</legend>
        {PERIODS.map((value) => (
          <label key={value} className="sm-choice">
            <input type="radio" name="sm-period" value={value} checked={period === value} onChange={() => setPeriod(value)} />
            <span>{t(`period.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      {state.status === 'loading' ? (
        <p role="status">{t('loading')}</p>
      ) : state.status === 'failed' ? (
        <p className="notice" role="alert">{t('loadError')}</p>
      ) : (
        <SummaryShare doc={state.doc} text={state.text} range={range} />
      )}
    </Screen>
  );
}
