// The navigation and Home's quick actions once the session is known (lazy: reading the session
// needs Dexie, which stays out of the first screen's JavaScript; until then the shell shows what
// index.html painted).
import type { ReactElement } from 'react';
import { useSession } from '../hooks/use-session';
import { NavList, QuickActionList } from './nav-lists';
import { navItemsFor, quickActionsFor } from './role-items';

export function RoleNav(): ReactElement {
  const session = useSession();
  return <NavList items={navItemsFor(session?.user.role)} />;
}

export function RoleQuickActions(): ReactElement {
  const session = useSession();
  return <QuickActionList actions={quickActionsFor(session?.user.role)} />;
}
