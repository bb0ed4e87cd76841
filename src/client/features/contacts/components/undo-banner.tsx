// After a delete the directory offers "Undo" (the delete is a soft tombstone, so undo is just
// another write that syncs like any change). The deleted contact travels in the history state.
import { useState, type ReactElement } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { restoreContact } from '../../../data/contacts-repository';
import type { SessionUser } from '../../../data/session-repository';
import { useContact } from '../hooks/use-contacts';
import { contactErrorKey, type ContactErrorKey } from '../utils/error-key';

export interface DeletedState {
  deleted: { id: string; name: string };
}

function deletedOf(state: unknown): DeletedState['deleted'] | null {
  const deleted = (state as Partial<DeletedState> | null)?.deleted;
  return typeof deleted?.id === 'string' && typeof deleted.name === 'string' ? deleted : null;
}

export function UndoBanner({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('contacts');
  const deleted = deletedOf(useLocation().state);
  const contact = useContact(deleted?.id ?? '', user.communeId);
  const [restored, setRestored] = useState(false);
  const [error, setError] = useState<ContactErrorKey | null>(null);
  const undo = () => {
    if (!deleted) return;
    restoreContact(deleted.id).then(
      () => setRestored(true),
      (reason: unknown) => setError(contactErrorKey(reason)),
    );
  };
  // Shown only while the contact is still deleted (a reload keeps the history state) or just restored.
  const show = deleted !== null && (restored || contact?.deleted === true);
  return (
    <div aria-live="polite" className="contact-undo-region">
      {show ? (
        <div className="notice contact-undo-banner">
          <p>{restored ? t('deleted.restored', { name: deleted.name }) : t('deleted.message', { name: deleted.name })}</p>
          {!restored ? (
            <button type="button" className="button" onClick={undo}>
              {t('deleted.undo')}
            </button>
          ) : null}
          {error ? <p role="alert">{t(error)}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
