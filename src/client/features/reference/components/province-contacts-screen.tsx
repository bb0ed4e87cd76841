// /admin/province-contacts: the province's support contacts (docs/reference-data.md "The
// province's support contacts"): add, edit, remove from the teams' directory and put back. Every
// commune's phone shows them read-only beside its own contacts after its next sync.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import type { NewProvinceContact } from '../../../../shared/reference/admin-api';
import type { ProvinceContact } from '../../../data/province-contact-repository';
import { addProvinceContact, changeProvinceContact } from '../../../sync/reference-admin-api';
import { useEdit, useProvinceContactList } from '../hooks/use-reference';
import { AdminGate, BackToAdmin } from './admin-gate';
import { EditStatus } from './edit-status';
import { ProvinceContactForm } from './province-contact-form';

export function ProvinceContactsScreen(): ReactElement {
  const { t } = useTranslation('reference');
  return <AdminGate title={t('contacts.title')} action="provinceContacts.manage">{(user) => <Contacts provinceId={user.provinceId ?? null} />}</AdminGate>;
}

function Contacts({ provinceId }: { provinceId: string | null }): ReactElement {
  const { t } = useTranslation('reference');
  const contacts = useProvinceContactList(provinceId);
  const [adding, setAdding] = useState(false);
  /** The code or id of the entry being edited. */
  const [editing, setEditing] = useState<string | null>(null);
  const { busy, outcome, run } = useEdit();
  const save = (edit: () => Promise<unknown>, message: string) => void run(edit, message).then((ok) => {
      if (!ok) return;
      setEditing(null);
      setAdding(false);
    });
  const setActive = (contact: ProvinceContact, active: boolean) =>
    save(() => changeProvinceContact(contact.id, { active }), t(active ? 'contacts.restored' : 'contacts.retired', { name: contact.name }));

  return (
    <Screen title={t('contacts.title')}>
      <BackToAdmin />
      <p className="hint">{t('contacts.intro')}</p>
      <p className="hint">{t('common.online')}</p>
      <EditStatus outcome={outcome} />
      {adding ? (
        <ProvinceContactForm busy={busy} onCancel={() => setAdding(false)} onSubmit={(body) => save(() => addProvinceContact(body as NewProvinceContact), t('common.saved'))} />
      ) : (
        <button type="button" className="button primary" onClick={() => setAdding(true)}>{t('contacts.add')}</button>
      )}
      {contacts === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : contacts.length === 0 ? (
        <EmptyState>{t('contacts.empty')}</EmptyState>
      ) : null}
      <ul className="ref-list" aria-label={t('contacts.listLabel')}>
        {(contacts ?? []).map((contact) =>
          editing === contact.id ? (
            <li key={contact.id}>
              <ProvinceContactForm
                contact={contact}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSubmit={(body) => save(() => changeProvinceContact(contact.id, body), t('common.saved'))}
              />
            </li>
          ) : (
            <li key={contact.id} className={contact.active ? 'card' : 'card ref-retired'}>
              <p className="ref-name">{contact.name}</p>
              {[contact.organization, contact.role].filter(Boolean).length > 0 && <p>{[contact.organization, contact.role].filter(Boolean).join(' · ')}</p>}
              {(contact.phones ?? []).length > 0 && <p>{(contact.phones ?? []).join(', ')}</p>}
              {!contact.active && <p><span className="ref-flag">{t('contacts.retiredFlag')}</span></p>}
              <div className="ref-actions">
                <button type="button" className="button" onClick={() => setEditing(contact.id)} aria-label={`${t('contacts.edit')}: ${contact.name}`}>
                  {t('contacts.edit')}
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => setActive(contact, !contact.active)} aria-label={`${t(contact.active ? 'contacts.retire' : 'contacts.restore')}: ${contact.name}`}>
                  {t(contact.active ? 'contacts.retire' : 'contacts.restore')}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
    </Screen>
  );
}
