// The bottom bar's links and Home's quick-action tiles for a list of items (nav-items.ts): the
// painted defaults and the signed-in role's lists render through the same markup.
import type { ReactElement } from 'react';
import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/ui/icons';
import type { NavItem, QuickAction } from './nav-items';

export function NavList({ items }: { items: readonly NavItem[] }): ReactElement {
  const { t } = useTranslation();
  return (
    <ul>
      {items.map((item) => (
        <li key={item.key}>
          <NavLink to={item.to} end={item.end}>
            <Icon name={item.key} />
            <span>{t(`nav.${item.key}`)}</span>
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

export function QuickActionList({ actions }: { actions: readonly QuickAction[] }): ReactElement {
  const { t } = useTranslation();
  return (
    <ul className="tile-list">
      {actions.map((action) => (
        <li key={action.to}><Link className="tile" to={action.to}><Icon name={action.icon} />{t(`home.${action.label}`)}</Link></li>
      ))}
    </ul>
  );
}
