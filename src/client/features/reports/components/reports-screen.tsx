import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';

export function ReportsScreen(): ReactElement {
  const { t } = useTranslation();
  return (
    <Screen title={t('reports.title')}>
      <EmptyState>{t('reports.empty')}</EmptyState>
    </Screen>
  );
}
