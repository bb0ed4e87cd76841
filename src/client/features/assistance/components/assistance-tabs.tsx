// The three parts of the assistance area as a segmented control (links: each part has its URL).
import type { ReactElement } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { countFollowUpsDue } from '../../../data/assistance-list';

export function AssistanceTabs(): ReactElement {
  const { t } = useTranslation('assistance');
  const due = useLiveQuery(async () => countFollowUpsDue(), []);
  return (
    <nav className="segments" aria-label={t('tabs.label')}>
      <NavLink to="/assistance" end>{t('tabs.logs')}</NavLink>
      <NavLink to="/assistance/follow-ups">
        {t('tabs.followUps')}
        {due ? <span className="count-badge">{due}</span> : null}
      </NavLink>
      <NavLink to="/assistance/groups">{t('tabs.groups')}</NavLink>
      <NavLink to="/assistance/guides">{t('tabs.guides')}</NavLink>
    </nav>
  );
}
