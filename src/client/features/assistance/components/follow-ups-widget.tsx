// The Home screen's "follow-ups due" card (rendered by app/home-screen.tsx). Shows nothing when
// nobody is signed in or nothing is due, so Home stays calm.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../hooks/use-session';
import { useLiveQuery } from 'dexie-react-hooks';
import { followUpsDueSummary } from '../../../data/assistance-list';
import { FollowUpList } from './follow-up-list';
import '../assistance.css';

const SHOWN_ON_HOME = 3;

export function FollowUpsWidget(): ReactElement | null {
  const session = useSession();
  return session && session.user.communeId !== null ? <DueCard /> : null;
}

function DueCard(): ReactElement | null {
  const { t } = useTranslation('assistance');
  // The count and the first few, from one read of the due follow-ups: Home re-runs this after
  // every change to the logs (a sync round among them), and it decrypts only the three shown.
  const due = useLiveQuery(async () => followUpsDueSummary(Date.now(), SHOWN_ON_HOME), []);
  if (!due || due.count === 0) return null;
  return (
    <section className="card follow-ups-card" aria-labelledby="home-follow-ups">
      <h2 id="home-follow-ups">{t('followUps.homeTitle', { count: due.count })}</h2>
      <FollowUpList items={due.first} />
      <Link to="/assistance/follow-ups">{t('followUps.seeAll')}</Link>
    </section>
  );
}
