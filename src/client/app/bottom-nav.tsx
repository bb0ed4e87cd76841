// The app's main navigation: a bottom bar on a phone, within thumb reach, with the items the
// signed-in role can use (nav-items.ts).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { NavList } from './nav-lists';
import { navItemsFor } from './role-items';
import { useSignedInRole } from './signed-in';

export function BottomNav(): ReactElement {
  const { t } = useTranslation();
  const role = useSignedInRole();
  return (
    <nav className="bottom-nav" aria-label={t('nav.label')}>
      <NavList items={navItemsFor(role ?? undefined)} />
    </nav>
  );
}
