// /contacts/new (optionally ?roleId=… from an empty role slot) and /contacts/:id/edit. Waits for
// the stored contact, then hands fixed starting values to the form (which restores any draft).
import { useState, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import type { Contact } from '../../../../shared/contacts/directory';
import type { SessionUser } from '../../../data/session-repository';
import { can } from '../../../../shared/permissions';
import { seedContactRoleById } from '../../../../shared/seed';
import { useContact } from '../hooks/use-contacts';
import { emptyFormValues, formValuesOf, type ContactFormValues } from '../utils/form-values';
import { ContactForm } from './contact-form';

export function ContactFormScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('contacts');
  const { contactId } = useParams();
  const [params] = useSearchParams();
  const roleId = params.get('roleId');
  const editing = contactId !== undefined;
  const contact = useContact(contactId ?? '', user.communeId);
  const base = useBase(editing ? contact : null, roleId);
  const allowed = can(user.role, editing ? 'contact.edit' : 'contact.create') && user.communeId !== null;
  const title = editing ? t('form.editTitle') : t('form.newTitle');

  if (!allowed || (editing && (contact === null || contact?.deleted))) {
    return (
      <Screen title={title}>
        <p className="notice">{allowed ? t('detail.notFound') : t('errors.forbidden')}</p>
        <Link to="/contacts" className="contact-back-link">{t('detail.back')}</Link>
      </Screen>
    );
  }
  return (
    <Screen title={title}>
      {base ? (
        <ContactForm key={contactId ?? 'new'} user={user} contactId={contactId} base={base} />
      ) : (
        <p role="status">{t('loading')}</p>
      )}
    </Screen>
  );
}

// The starting values, computed once the contact is read: later changes to the stored contact (a
// sync) must not overwrite what is being typed; saving writes only the fields changed against it.
function useBase(contact: Contact | null | undefined, roleId: string | null): ContactFormValues | null {
  const [base, setBase] = useState<ContactFormValues | null>(null);
  if (base === null && contact !== undefined) {
    // Set during render (React's pattern for state derived once from props): no effect, no flash.
    setBase(contact ? formValuesOf(contact) : emptyFormValues(roleId ? seedContactRoleById(roleId) : undefined));
  }
  return base;
}
