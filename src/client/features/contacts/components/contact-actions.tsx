// Reaching the contact: a call button per number (tel: with the stored digits), copy, Zalo
// (https://zalo.me/<number> or the contact's zalo.me link), email, and a share text for Zalo.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../shared/contacts/directory';
import { useContactLabels } from '../hooks/use-contact-labels';
import { copyText, shareOrCopy } from '../utils/clipboard';
import { formatPhone, telHref } from '../../../../shared/text/phone';
import { zaloLink } from '../utils/phone';
import { contactShareText } from '../utils/share-text';
import { ContactIcon } from './contact-icons';

export function ContactActions({ contact }: { contact: Contact }): ReactElement {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const [status, setStatus] = useState('');
  const zalo = zaloLink(contact);
  const phones = contact.phones ?? [];

  const copy = (value: string) => {
    void copyText(value).then((ok) => setStatus(ok ? t('actions.copied', { value }) : t('actions.copyFailed', { value })));
  };
  const share = () => {
    const text = contactShareText(contact, {
      role: labels.contactRole(contact),
      systems: (contact.systems ?? []).map(labels.systemLabel),
      systemsLabel: t('share.systems'),
      phone: t('share.phone'),
      zalo: t('share.zalo'),
      email: t('share.email'),
      area: t('share.area'),
      verified: (date) => t('share.verified', { date }),
    });
    void shareOrCopy(contact.name, text).then((result) => {
      if (result === 'copied') setStatus(t('actions.sharedText'));
      else if (result === 'failed') setStatus(t('actions.copyFailed', { value: text }));
      else setStatus('');
    });
  };

  return (
    <section className="card contact-actions" aria-labelledby="contact-actions-title">
      <h2 id="contact-actions-title">{t('detail.actions')}</h2>
      {phones.length === 0 ? <p className="hint">{t('row.noPhone')}</p> : null}
      <ul className="contact-phone-list">
        {phones.map((phone) => (
          <li key={phone} className="contact-phone-item">
            <a className="button primary call-button contact-wide" href={telHref(phone)}>
              <ContactIcon name="phone" />
              {t('actions.call', { phone: formatPhone(phone) })}
            </a>
            <button type="button" className="button" onClick={() => copy(phone)} aria-label={t('actions.copyNumber', { phone: formatPhone(phone) })}>
              <ContactIcon name="copy" />
              {t('actions.copy')}
            </button>
          </li>
        ))}
      </ul>
      <div className="button-row">
        {zalo ? (
          <a className="button" href={zalo.href} target="_blank" rel="noopener noreferrer">
            <ContactIcon name="chat" />
            {/* Name the number only when it is not the one shown first above. */}
            {zalo.number && zalo.number !== phones[0] ? t('actions.zaloFromPhone', { phone: formatPhone(zalo.number) }) : t('actions.zalo')}
          </a>
        ) : null}
        {contact.email ? (
          <a className="button" href={`mailto:${contact.email}`}>
            <ContactIcon name="mail" />
            {t('actions.email')}
          </a>
        ) : null}
        <button type="button" className="button" onClick={share}>
          <ContactIcon name="share" />
          {t('actions.share')}
        </button>
      </div>
      <p role="status" className="contact-action-status">{status}</p>
    </section>
  );
}
