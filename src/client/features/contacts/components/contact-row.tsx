// One contact in a list: the name opens the contact, the big button calls its first number.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../shared/contacts/directory';
import { useContactLabels } from '../hooks/use-contact-labels';
import { formatPhone, telHref } from '../../../../shared/text/phone';
import { ContactIcon } from './contact-icons';

export function ContactRow({ contact, showRole = false }: { contact: Contact; showRole?: boolean }): ReactElement {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const phone = contact.phones?.[0];
  const details = [showRole ? labels.contactRole(contact) : contact.role, contact.organization, contact.area].filter(Boolean).join(' · ');
  return (
    <li className="contact-row">
      <Link className="contact-row-main" to={`/contacts/${contact.id}`}>
        <span className="contact-name">
          {contact.favorite ? (
            <>
              <ContactIcon name="star" filled />
              <span className="contact-sr-only">{t('row.favorite')}</span>
            </>
          ) : null}
          {contact.name}
        </span>
        {details !== '' ? <span className="contact-sub">{details}</span> : null}
        <span className="contact-sub">{phone ? formatPhone(phone) : t('row.noPhone')}</span>
      </Link>
      {phone ? (
        <a className="button call-button" href={telHref(phone)} aria-label={t('row.callName', { name: contact.name, phone: formatPhone(phone) })}>
          <ContactIcon name="phone" />
          {t('row.call')}
        </a>
      ) : null}
    </li>
  );
}
