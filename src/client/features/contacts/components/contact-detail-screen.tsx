// One contact: the ways to reach them first (call, Zalo, copy, share), then when the number was
// last checked, then the facts, then editing for those who may.
import type { ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import type { SessionUser } from '../../../data/session-repository';
import { can } from '../../../../shared/permissions';
import { useContactLabels } from '../hooks/use-contact-labels';
import { useContact } from '../hooks/use-contacts';
import { ContactActions } from './contact-actions';
import { ContactFacts } from './contact-facts';
import { ManageSection } from './manage-section';
import { VerifySection } from './verify-section';

export function ContactDetailScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const { contactId = '' } = useParams();
  const contact = useContact(contactId, user.communeId);
  const back = (
    <p>
      <Link to="/contacts" className="contact-back-link">{t('detail.back')}</Link>
    </p>
  );
  if (contact === undefined) {
    return (
      <Screen title={t('title')}>
        <p role="status">{t('loading')}</p>
      </Screen>
    );
  }
  if (contact === null) {
    return (
      <Screen title={t('title')}>
        {back}
        <p className="notice">{t('detail.notFound')}</p>
      </Screen>
    );
  }
  const role = labels.contactRole(contact);
  const canEdit = can(user.role, 'contact.edit') && !contact.deleted;
  return (
    <Screen title={contact.name}>
      {back}
      {role || contact.organization ? (
        <p className="contact-lead">
          {[role, contact.organization].filter(Boolean).join(' · ')}
        </p>
      ) : null}
      {contact.deleted ? <p className="notice">{t('detail.deletedNotice')}</p> : null}
      <ContactActions contact={contact} />
      <VerifySection contact={contact} canEdit={canEdit} />
      <ContactFacts contact={contact} />
      <ManageSection contact={contact} user={user} />
    </Screen>
  );
}
