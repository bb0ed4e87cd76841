// "This number is already in the directory" (docs/product.md; medic/cht-core#6363): a warning with a
// link to the other contact, never a block. The form's draft is kept if the link is followed.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DuplicatePhone } from '../../../../shared/contacts/duplicates';
import { formatPhone } from '../../../../shared/text/phone';

export function DuplicateWarning({ duplicates }: { duplicates: DuplicatePhone[] }): ReactElement {
  const { t } = useTranslation('contacts');
  return (
    <div aria-live="polite">
      {duplicates.length > 0 ? (
        <div className="notice contact-duplicate">
          <ul>
            {duplicates.map(({ phone, contact }) => (
              <li key={`${phone}-${contact.id}`}>
                {t('form.duplicate', { phone: formatPhone(phone) })}{' '}
                <Link to={`/contacts/${contact.id}`}>{contact.name}</Link>
              </li>
            ))}
          </ul>
          <p>{t('form.duplicateHint')}</p>
        </div>
      ) : null}
    </div>
  );
}
