// /contacts/new (optionally ?roleId=… from an empty role slot) and /contacts/:id/edit. Waits for
// the stored contact and any unsaved draft, then hands fixed starting values to the form.
import { useEffect, useState, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { loadContactDraft } from '../../../data/contacts-repository';
import type { Contact } from '../../../../shared/contacts/directory';
import type { SessionUser } from '../../../data/session-repository';
import { log } from '../../../lib/log';
import { can } from '../../../../shared/permissions';
import { seedContactRoleById } from '../../../../shared/seed';
import { useContact } from '../hooks/use-contacts';
import { emptyFormValues, formValuesFromDraft, formValuesOf, sameValues, type ContactFormValues } from '../utils/form-values';
import { ContactForm } from './contact-form';

interface Start {
  initial: ContactFormValues;
  base: ContactFormValues;
  draftRestored: boolean;
}

export function ContactFormScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('contacts');
  const { contactId } = useParams();
  const [params] = useSearchParams();
  const roleId = params.get('roleId');
  const editing = contactId !== undefined;
  const contact = useContact(contactId ?? '', user.communeId);
  const start = useFormStart(user, contactId, editing ? contact : null, roleId);
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
      {start ? (
        <ContactForm key={contactId ?? 'new'} user={user} contactId={contactId} {...start} />
      ) : (
        <p role="status">{t('loading')}</p>
      )}
    </Screen>
  );
}

// The starting values, computed once: later changes to the stored contact (a sync) must not
// overwrite what is being typed; saving writes only the fields changed against the stored record.
function useFormStart(user: SessionUser, contactId: string | undefined, contact: Contact | null | undefined, roleId: string | null): Start | null {
  const [start, setStart] = useState<Start | null>(null);
  const ready = contact !== undefined;
  useEffect(() => {
    if (!ready || start !== null) return;
    const base = contact ? formValuesOf(contact) : emptyFormValues(roleId ? seedContactRoleById(roleId) : undefined);
    let live = true;
    loadContactDraft(user.id, contactId).then(
      (draft) => {
        if (!live) return;
        const initial = draft === undefined ? base : formValuesFromDraft(draft, base);
        setStart({ initial, base, draftRestored: !sameValues(initial, base) });
      },
      (error: unknown) => {
        log.warn('contact draft not read', error);
        if (live) setStart({ initial: base, base, draftRestored: false });
      },
    );
    return () => {
      live = false;
    };
  }, [ready, start, contact, user.id, contactId, roleId]);
  return start;
}
