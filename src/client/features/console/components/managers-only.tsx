// The gate of the console's screens for the people who run accounts and devices (a commune's leader,
// the province admin: the `members.manage` permission): asks to sign in first, and tells anyone else
// the screen is not theirs. One home, so every such screen refuses the same way.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/permissions';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';

interface Props {
  title: string;
  loading: string;
  children: (isAdmin: boolean) => ReactElement;
}

export function ManagersOnly({ title, loading, children }: Props): ReactElement {
  const { t } = useTranslation('console');
  return (
    <SessionGate text={{ title, loading, signInFirst: t('accounts.signInFirst'), signIn: t('accounts.signIn') }}>
      {(user) =>
        can(user.role, 'members.manage') ? (
          children(user.role === 'admin')
        ) : (
          <Screen title={title}>
            <EmptyState>{t('area.notAllowed')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}
