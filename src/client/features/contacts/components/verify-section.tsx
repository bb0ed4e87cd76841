// "Last verified dd/mm/yyyy" and the one-tap "still correct" (docs/domain.md §8.8: contacts change often;
// VNPT re-posts technician lists in Zalo groups).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { markContactVerified } from '../../../data/contacts-repository';
import type { Contact } from '../../../../shared/contacts/directory';
import { daysBetween, formatDate } from '../../../../shared/text/dates';
import { useToday } from '../../../hooks/use-today';
import { contactErrorKey, type ContactErrorKey } from '../utils/error-key';
import { ContactIcon } from './contact-icons';

// Half a year: staff rotate and technicians are reassigned after reorganisations.
const STALE_AFTER_DAYS = 183;

export function VerifySection({ contact, canEdit }: { contact: Contact; canEdit: boolean }): ReactElement {
  const { t } = useTranslation('contacts');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ContactErrorKey | null>(null);
  const today = useToday();
  const verified = contact.lastVerifiedAt ?? null;
  const stale = verified !== null && daysBetween(verified, today) > STALE_AFTER_DAYS;
  const confirm = () => {
    setError(null);
    markContactVerified(contact.id).then(
      () => setDone(true),
      (reason: unknown) => setError(contactErrorKey(reason)),
    );
  };
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('detail.verification')}</h2>
      <p className={verified === null || stale ? 'contact-verified contact-warn' : 'contact-verified'}>
        {verified === null ? t('verified.never') : t('verified.on', { date: formatDate(verified) })}
      </p>
      {stale ? <p className="hint">{t('verified.stale')}</p> : null}
      {canEdit && verified !== today ? (
        <>
          <p className="hint">{t('verified.confirmHint')}</p>
          <button type="button" className="button" onClick={confirm}>
            <ContactIcon name="check" />
            {t('verified.confirm')}
          </button>
        </>
      ) : null}
      <p role="status">{done && verified === today ? t('verified.done') : ''}</p>
      {error ? <p role="alert">{t(error)}</p> : null}
    </section>
  );
}
