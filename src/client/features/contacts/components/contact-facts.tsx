// The rest of what is known about a contact, as a description list.
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../shared/contacts/directory';
import { seedContactRoleById } from '../../../../shared/seed';
import { useContactLabels } from '../hooks/use-contact-labels';

export function ContactFacts({ contact }: { contact: Contact }): ReactElement | null {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const slot = contact.roleId ? seedContactRoleById(contact.roleId) : undefined;
  const facts: [string, ReactNode][] = [];
  // The role and organisation are the screen's lead line; the slot is listed when the lead shows
  // the free-text role instead.
  if (slot && contact.role) facts.push([t('detail.roleSlot'), labels.roleName(slot)]);
  if (contact.systems?.length) facts.push([t('detail.systems'), contact.systems.map(labels.systemLabel).join(', ')]);
  if (contact.zalo) facts.push([t('detail.zalo'), contact.zalo]);
  if (contact.email) facts.push([t('detail.email'), contact.email]);
  if (contact.area) facts.push([t('detail.area'), contact.area]);
  if (contact.note) facts.push([t('detail.note'), <span className="contact-pre-line">{contact.note}</span>]);
  if (facts.length === 0) return null;
  return (
    <dl className="card contact-facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
