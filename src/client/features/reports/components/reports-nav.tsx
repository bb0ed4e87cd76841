// Tabs between the commune's reports (activity, readiness); the period travels along. Leaders
// also get the way to the period report to the province (/period-report).
import type { ReactElement } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

export function ReportsNav({ query, periodReport = false }: { query: string; periodReport?: boolean }): ReactElement {
  const { t } = useTranslation('reports');
  return (
    <nav className="rp-tabs" aria-label={t('tabs.label')}>
      <NavLink to={`/reports?${query}`} end>{t('tabs.activity')}</NavLink>
      <NavLink to={`/reports/readiness?${query}`}>{t('tabs.readiness')}</NavLink>
      {periodReport && <NavLink to="/period-report">{t('tabs.periodReport')}</NavLink>}
    </nav>
  );
}
