// /assistance/follow-ups: every follow-up due today or overdue.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import type { SessionUser } from '../../../data/session-repository';
import { AssistanceTabs } from './assistance-tabs';
import { FollowUpList, useFollowUpsDue } from './follow-up-list';

export function FollowUpsScreen(_props: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const due = useFollowUpsDue();
  return (
    <Screen title={t('followUps.title')}>
      <AssistanceTabs />
      <p className="hint">{t('followUps.hint')}</p>
      {due === undefined ? <p role="status">{t('loading')}</p> : due.length === 0 ? <EmptyState>{t('followUps.none')}</EmptyState> : <FollowUpList items={due} />}
    </Screen>
  );
}
