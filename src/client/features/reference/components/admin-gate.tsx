// The frame of the three reference-data editors: signed in, and the province admin (who alone may
// change the province's reference data, src/shared/permissions.ts); anyone else sees why not.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionUser } from '../../../data/session-repository';
import { can, type Action } from '../../../../shared/permissions';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import '../reference.css';

export function AdminGate({ title, action, children }: { title: string; action: Action; children: (user: SessionUser) => ReactElement }): ReactElement {
  const { t } = useTranslation('reference');
  return (
    <SessionGate text={{ title, loading: t('common.loading'), signInFirst: t('common.signInFirst'), signIn: t('common.signIn') }}>
      {(user) =>
        can(user.role, action) && user.provinceId ? (
          children(user)
        ) : (
          <Screen title={title}>
            <EmptyState>{t('common.notAllowed')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

export function BackToAdmin(): ReactElement {
  const { t } = useTranslation('reference');
  return (
    <Link className="ref-back" to="/admin">
      {t('common.back')}
    </Link>
  );
}
