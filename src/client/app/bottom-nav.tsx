// The app's main navigation: a bottom bar on a phone, within thumb reach, with the items the
// signed-in role can use (nav-items.ts).
import { lazy, Suspense, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { NAV_ITEMS } from './nav-items';
import { NavList } from './nav-lists';

const RoleNav = lazy(async () => ({ default: (await import('./role-nav')).RoleNav }));

export function BottomNav(): ReactElement {
  const { t } = useTranslation();
  return (
    <nav className="bottom-nav" aria-label={t('nav.label')}>
      <Suspense fallback={<NavList items={NAV_ITEMS} />}>
        <RoleNav />
      </Suspense>
    </nav>
  );
}
