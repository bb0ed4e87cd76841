// The directory: search, favourites, then one section per system with its filled role slots and
// other contacts, the province's support contacts (read-only), and last the role slots no one fills yet, folded into one group. The query lives in the URL (?q=), so coming back from a contact keeps the search.
import { useMemo, type ReactElement } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SearchField } from '../../../components/ui/search-field';
import { buildDirectory } from '../../../../shared/contacts/directory';
import type { SessionUser } from '../../../data/session-repository';
import { can } from '../../../../shared/permissions';
import { seedContactRolesFor } from '../../../../shared/seed';
import { foldForSearch } from '../../../../shared/text/vietnamese';
import { useContactLabels } from '../hooks/use-contact-labels';
import { useContactList, useProvinceContacts } from '../hooks/use-contacts';
import { ContactIcon } from './contact-icons';
import { ContactRow } from './contact-row';
import { DirectoryGroupSection, EmptySlotsSection } from './directory-group';
import { matchingProvinceContacts, ProvinceSection } from './province-section';
import { UndoBanner } from './undo-banner';

export function DirectoryScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const searching = foldForSearch(query) !== '';
  const contacts = useContactList(user.communeId);
  const provinceContacts = useProvinceContacts(user.provinceId ?? null);
  const directory = useMemo(
    () => contacts && buildDirectory(contacts, seedContactRolesFor(user.provinceId), { query, systemLabels: labels.systemLabels, language: labels.language }),
    [contacts, query, labels, user.provinceId],
  );
  const provinceShown = useMemo(() => matchingProvinceContacts(provinceContacts ?? [], query), [provinceContacts, query]);
  // The status line counts every contact the search shows, the province's read-only ones included.
  const found = (directory?.matchCount ?? 0) + provinceShown.length;
  const canCreate = can(user.role, 'contact.create') && user.communeId !== null;
  const setQuery = (value: string) => setParams(value === '' ? {} : { q: value }, { replace: true });

  return (
    <Screen
      title={t('title')}
      actions={
        canCreate ? (
          <Link className="button primary" to="/contacts/new">
            <ContactIcon name="plus" />
            {t('add')}
          </Link>
        ) : undefined
      }
    >
      <UndoBanner user={user} />
      <p className="hint">{t('intro')}</p>
      {user.communeId !== null && (
        <Link className="button" to="/contacts/team">
          {t('team.open')}
        </Link>
      )}
      {user.communeId === null ? <p className="notice">{t('noCommune')}</p> : !canCreate ? <p className="notice">{t('readOnly')}</p> : null}
      <div className="contact-search" role="search">
        <SearchField id="contact-search" label={t('search.label')} value={query} onChange={setQuery} describedBy="contact-search-hint" />
        <p id="contact-search-hint" className="hint">{t('search.hint')}</p>
      </div>
      <p role="status" className={searching ? 'contact-search-status' : 'contact-sr-only'}>
        {directory === undefined
          ? t('loading')
          : !searching
            ? ''
            : directory.groups.length === 0 && directory.emptySlots.length === 0 && provinceShown.length === 0
              ? t('search.none', { query })
              : found === 0
                ? t('search.onlyRoles')
                : t('search.results', { count: found })}
      </p>
      {directory && !searching && directory.favorites.length > 0 ? (
        <section className="contact-group contact-favorites" aria-labelledby="group-favorites">
          <h2 id="group-favorites">{t('favorites')}</h2>
          <ul className="contact-list">
            {directory.favorites.map((contact) => (
              <ContactRow key={contact.id} contact={contact} showRole />
            ))}
          </ul>
        </section>
      ) : null}
      {directory && !searching && directory.matchCount === 0 && user.communeId !== null ? (
        <EmptyState>{t(canCreate ? 'noContacts.canAdd' : 'noContacts.readOnly')}</EmptyState>
      ) : null}
      {directory?.groups.map((group) => (
        <DirectoryGroupSection key={group.key} group={group} canCreate={canCreate} />
      ))}
      <ProvinceSection shown={provinceShown} />
      {directory ? <EmptySlotsSection slots={directory.emptySlots} slotCount={directory.slotCount} canCreate={canCreate} searching={searching} /> : null}
    </Screen>
  );
}
