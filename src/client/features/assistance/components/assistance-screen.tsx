import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';

export function AssistanceScreen(): ReactElement {
  const { t } = useTranslation();
  return (
    <Screen title={t('assistance.title')}>
      <EmptyState>{t('assistance.empty')}</EmptyState>
    </Screen>
  );
}
