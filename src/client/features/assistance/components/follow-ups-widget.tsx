// The Home screen's "follow-ups due" card (rendered by app/home-screen.tsx). Shows nothing when
// nobody is signed in or nothing is due, so Home stays calm.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../hooks/use-session';
import { FollowUpList, useFollowUpsDue } from './follow-up-list';
import '../assistance.css';

const SHOWN_ON_HOME = 3;

export function FollowUpsWidget(): ReactElement | null {
  const session = useSession();
  return session && session.user.communeId !== null ? <DueCard /> : null;
}

function DueCard(): ReactElement | null {
  const { t } = useTranslation('assistance');
  const due = useFollowUpsDue();
  if (!due || due.length === 0) return null;
  return (
    <section className="card follow-ups-card" aria-labelledby="home-follow-ups">
      <h2 id="home-follow-ups">{t('followUps.homeTitle', { count: due.length })}</h2>
      <FollowUpList items={due} limit={SHOWN_ON_HOME} />
      <Link to="/assistance/follow-ups">{t('followUps.seeAll')}</Link>
    </section>
  );
}
