// Favourite, edit, delete (soft, with undo on the directory) and restore, for those who may.
import { useState, type ReactElement } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { deleteContact, restoreContact, setContactFavorite } from '../../../data/contacts-repository';
import type { Contact } from '../../../../shared/contacts/directory';
import type { SessionUser } from '../../../data/session-repository';
import { can } from '../../../../shared/permissions';
import { contactErrorKey, type ContactErrorKey } from '../utils/error-key';
import { ContactIcon } from './contact-icons';
import type { DeletedState } from './undo-banner';

export function ManageSection({ contact, user }: { contact: Contact; user: SessionUser }): ReactElement | null {
  const { t } = useTranslation('contacts');
  const navigate = useNavigate();
  const [error, setError] = useState<ContactErrorKey | null>(null);
  const canEdit = can(user.role, 'contact.edit');
  const canDelete = can(user.role, 'contact.delete');
  if (!canEdit && !canDelete) return null;
  const fail = (reason: unknown) => setError(contactErrorKey(reason));

  const remove = () => {
    deleteContact(contact.id).then(() => {
      const state: DeletedState = { deleted: { id: contact.id, name: contact.name } };
      void navigate('/contacts', { state });
    }, fail);
  };

  return (
    <section className="card" aria-labelledby="manage-title">
      <h2 id="manage-title">{t('detail.manage')}</h2>
      {contact.deleted ? (
        canDelete ? (
          <button type="button" className="button primary" onClick={() => {
              restoreContact(contact.id).catch(fail);
            }}>
            {t('detail.restore')}
          </button>
        ) : null
      ) : (
        <div className="button-row">
          {canEdit ? (
            <>
              <button
                type="button"
                className="button"
                aria-pressed={contact.favorite}
                onClick={() => {
                  setContactFavorite(contact.id, !contact.favorite).catch(fail);
                }}
              >
                <ContactIcon name="star" filled={contact.favorite} />
                {t('row.favorite')}
              </button>
              <Link className="button" to={`/contacts/${contact.id}/edit`}>
                {t('actions.edit')}
              </Link>
            </>
          ) : null}
          {canDelete ? (
            <button type="button" className="button contact-danger" onClick={remove}>
              {t('actions.delete')}
            </button>
          ) : null}
        </div>
      )}
      {error ? <p role="alert">{t(error)}</p> : null}
    </section>
  );
}
