// Tabs between the commune's reports (activity, readiness); the period travels along.
import type { ReactElement } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

export function ReportsNav({ query }: { query: string }): ReactElement {
  const { t } = useTranslation('reports');
  return (
    <nav className="rp-tabs" aria-label={t('tabs.label')}>
      <NavLink to={`/reports?${query}`} end>{t('tabs.activity')}</NavLink>
      <NavLink to={`/reports/readiness?${query}`}>{t('tabs.readiness')}</NavLink>
    </nav>
  );
}
