// /contacts/team: the commune's team roster (docs/accounts.md "Team roster"): who is on the team,
// their role, the villages they cover and a work phone to call, read offline from the roster the
// server publishes to the commune's phones. Read-only here: the accounts console changes it.
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { listTeamMembers } from '../../../data/team-repository';
import { listVillages } from '../../../data/village-repository';
import { formatPhone, telHref } from '../../../../shared/text/phone';
import { ContactIcon } from './contact-icons';

export function TeamScreen(): ReactElement {
  const { t } = useTranslation('contacts');
  const { t: ta } = useTranslation('auth');
  const members = useLiveQuery(() => listTeamMembers(), []);
  const villages = useLiveQuery(() => listVillages({ includeInactive: true }), []);
  const villageNames = new Map((villages ?? []).map((village) => [village.id, village.name]));
  return (
    <Screen title={t('team.title')}>
      <Link className="button" to="/contacts">{t('team.back')}</Link>
      <p className="hint">{t('team.intro')}</p>
      {members === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : members.length === 0 ? (
        <EmptyState>{t('team.empty')}</EmptyState>
      ) : (
        <ul className="contact-list" aria-label={t('team.listLabel')}>
          {members.map((member) => {
            const covered = member.villageIds.map((id) => villageNames.get(id)).filter((name): name is string => name !== undefined);
            return (
              <li key={member.id} className="contact-row contact-province-row">
                <div className="contact-row-main">
                  <span className="contact-province-name">{member.displayName}</span>
                  <span className="contact-sub">{ta(`role.${member.role}`)}</span>
                  {covered.length > 0 ? <span className="contact-sub">{t('team.villages', { names: covered.join(', ') })}</span> : null}
                </div>
                {member.phone ? (
                  <div className="contact-province-calls">
                    <a className="button call-button" href={telHref(member.phone)} aria-label={t('row.callName', { name: member.displayName, phone: formatPhone(member.phone) })}>
                      <ContactIcon name="phone" />
                      {formatPhone(member.phone)}
                    </a>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Screen>
  );
}
