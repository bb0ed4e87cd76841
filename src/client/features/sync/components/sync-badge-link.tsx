// The top bar's sync badge as it is drawn, whatever it says: a link with a coloured dot and a
// status text. Its styles are in the shell's base CSS (app/styles.css) and its two words in the
// first screen's strings: a visitor nobody has signed in on sees the badge in React's first render
// without loading the sync feature (docs/first-visit.md). The live badge of a signed-in member
// (sync-status-badge.tsx) loads with its chunk and draws itself with this.
import type { ReactElement, ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SyncHeadline } from '../status';

interface SyncBadgeLinkProps {
  state: SyncHeadline['kind'];
  tone: 'ok' | 'error' | 'busy';
  to: string;
  children: ReactNode;
}

export function SyncBadgeLink({ state, tone, to, children }: SyncBadgeLinkProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Link className="sync-badge" data-state={state} data-tone={tone} to={to} data-testid="sync-badge">
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-badge-text" role="status">
        <span className="sync-visually-hidden">{t('syncBadge.label')}: </span>
        {children}
      </span>
    </Link>
  );
}

/** Nobody is signed in: the badge says so and leads to the sign-in screen, whatever the engine's state. */
export function VisitorSyncBadge(): ReactElement {
  const { t } = useTranslation();
  return (
    <SyncBadgeLink state="signIn" tone="busy" to="/sign-in">
      {t('syncBadge.signIn')}
    </SyncBadgeLink>
  );
}
