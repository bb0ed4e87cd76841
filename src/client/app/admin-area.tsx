// /admin: the admin area, a plain list of the console screens the signed-in role may use
// (admin-links.ts). Leaders and the province admin reach it from Settings and Home.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, Screen } from '../components/ui/screen';
import { SessionGate } from '../components/ui/session-gate';
import { ADMIN_LINKS } from './admin-links';

export function AdminArea(): ReactElement {
  const { t } = useTranslation('console');
  return (
    <SessionGate text={{ title: t('area.title'), loading: t('accounts.loading'), signInFirst: t('accounts.signInFirst'), signIn: t('accounts.signIn') }}>
      {(user) => {
        const links = ADMIN_LINKS.filter((link) => link.roles.includes(user.role));
        return (
          <Screen title={t('area.title')}>
            {links.length === 0 ? (
              <EmptyState>{t('area.notAllowed')}</EmptyState>
            ) : (
              <>
                <p>{t('area.intro')}</p>
                <ul className="console-links" aria-label={t('area.listLabel')}>
                  {links.map((link) => (
                    <li key={link.to} className="card">
                      <Link to={link.to}>{t(`area.${link.label}`)}</Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Screen>
        );
      }}
    </SessionGate>
  );
}
