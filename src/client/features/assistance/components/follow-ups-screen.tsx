// /assistance/follow-ups: every open follow-up, grouped: overdue, today, and still to come (so a
// follow-up set for next week is not invisible until its day).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import type { FollowUp } from '../../../data/assistance-list';
import type { SessionUser } from '../../../data/session-repository';
import { AssistanceTabs } from './assistance-tabs';
import { FollowUpList, useFollowUpsDue } from './follow-up-list';

const GROUPS = ['overdue', 'today', 'upcoming'] as const;
const groupOf = (f: FollowUp): (typeof GROUPS)[number] => (f.daysOverdue > 0 ? 'overdue' : f.daysOverdue === 0 ? 'today' : 'upcoming');

export function FollowUpsScreen(_props: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const open = useFollowUpsDue({ upcoming: true });
  return (
    <Screen title={t('followUps.title')}>
      <AssistanceTabs />
      <p className="hint">{t('followUps.hint')}</p>
      {open === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : open.length === 0 ? (
        <EmptyState>{t('followUps.none')}</EmptyState>
      ) : (
        GROUPS.map((group) => {
          const items = open.filter((f) => groupOf(f) === group);
          // Upcoming ones soonest first; the repository gives the most overdue first.
          return items.length === 0 ? null : (
            <section key={group} aria-labelledby={`follow-ups-${group}`} className="follow-up-group">
              <h2 id={`follow-ups-${group}`}>{t(`followUps.groups.${group}`, { count: items.length })}</h2>
              <FollowUpList items={items} />
            </section>
          );
        })
      )}
    </Screen>
  );
}
