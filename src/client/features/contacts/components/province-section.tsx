// The province's support contacts beside the commune's own (docs/reference-data.md "The province's
// support contacts"): published by the province admin, pulled by sync, so they are here offline.
// Read-only: no link to an edit form, only the numbers to call and the e-mail to write to.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProvinceContact } from '../../../data/province-contact-repository';
import { formatPhone, telHref } from '../../../../shared/text/phone';
import { matchesSearch } from '../../../../shared/text/vietnamese';
import { ContactIcon } from './contact-icons';

const searchable = (contact: ProvinceContact): string[] =>
  [contact.name, contact.organization, contact.role, contact.area, contact.note, ...(contact.phones ?? [])].filter((text): text is string => typeof text === 'string');

/** The province's contacts a search finds (all of them without a query): the directory counts them with its own. */
export function matchingProvinceContacts(contacts: readonly ProvinceContact[], query: string): ProvinceContact[] {
  return contacts.filter((contact) => matchesSearch(searchable(contact), query));
}

export function ProvinceSection({ shown }: { shown: readonly ProvinceContact[] }): ReactElement | null {
  const { t } = useTranslation('contacts');
  if (shown.length === 0) return null;
  return (
    <section className="contact-group contact-province" aria-labelledby="group-province">
      <h2 id="group-province">{t('province.title')}</h2>
      <p className="contact-group-count">{t('province.readOnly')}</p>
      <ul className="contact-list" aria-label={t('province.title')}>
        {shown.map((contact) => {
          const details = [contact.role, contact.organization, contact.area].filter(Boolean).join(' · ');
          return (
            <li key={contact.id} className="contact-row contact-province-row">
              <div className="contact-row-main">
                <span className="contact-province-name">{contact.name}</span>
                {details !== '' ? <span className="contact-sub">{details}</span> : null}
                {contact.email ? <a href={`mailto:${contact.email}`} className="contact-sub">{contact.email}</a> : null}
                {contact.note ? <span className="contact-sub">{contact.note}</span> : null}
                {(contact.phones ?? []).length === 0 ? <span className="contact-sub">{t('row.noPhone')}</span> : null}
              </div>
              <div className="contact-province-calls">
                {(contact.phones ?? []).map((phone) => (
                  <a key={phone} className="button call-button" href={telHref(phone)} aria-label={t('row.callName', { name: contact.name, phone: formatPhone(phone) })}>
                    <ContactIcon name="phone" />
                    {formatPhone(phone)}
                  </a>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
