import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';

export function ContactsScreen(): ReactElement {
  const { t } = useTranslation();
  return (
    <Screen title={t('contacts.title')}>
      <EmptyState>{t('contacts.empty')}</EmptyState>
    </Screen>
  );
}
