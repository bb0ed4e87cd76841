// The app's main navigation: a bottom bar on a phone, within thumb reach.
import type { ReactElement } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../components/ui/icons';

export const NAV_ITEMS = [
  { to: '/', key: 'home', end: true },
  { to: '/assistance', key: 'assistance', end: false },
  { to: '/checklists', key: 'checklists', end: false },
  { to: '/contacts', key: 'contacts', end: false },
  { to: '/reports', key: 'reports', end: false },
  { to: '/settings', key: 'settings', end: false },
] as const satisfies readonly { to: string; key: IconName; end: boolean }[];

export function BottomNav(): ReactElement {
  const { t } = useTranslation();
  return (
    <nav className="bottom-nav" aria-label={t('nav.label')}>
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.key}>
            <NavLink to={item.to} end={item.end}>
              <Icon name={item.key} />
              <span>{t(`nav.${item.key}`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
