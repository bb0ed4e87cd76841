import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';

export function ChecklistsScreen(): ReactElement {
  const { t } = useTranslation();
  return (
    <Screen title={t('checklists.title')}>
      <EmptyState>{t('checklists.empty')}</EmptyState>
    </Screen>
  );
}
