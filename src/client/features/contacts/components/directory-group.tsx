// One system's part of the directory: the role slots a commune fills in ("VNPT technician for
// the document system — no one yet: add"), then the other contacts covering that system.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DirectoryGroup, RoleSlot } from '../../../../shared/contacts/directory';
import { useContactLabels } from '../hooks/use-contact-labels';
import { ContactIcon } from './contact-icons';
import { ContactRow } from './contact-row';

export function DirectoryGroupSection({ group, canCreate, searching }: { group: DirectoryGroup; canCreate: boolean; searching: boolean }): ReactElement {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const headingId = `group-${group.key}`;
  const filled = group.slots.filter((slot) => slot.contacts.length > 0).length;
  return (
    <section className="contact-group" aria-labelledby={headingId}>
      <h2 id={headingId}>{labels.groupLabel(group.key)}</h2>
      {group.slots.length > 0 && !searching ? <p className="contact-group-count">{t('groupCount', { filled, total: group.slots.length })}</p> : null}
      {group.slots.length > 0 ? (
        <ul className="slot-list">
          {group.slots.map((slot) => (
            <RoleSlotCard key={slot.role.id} slot={slot} canCreate={canCreate} />
          ))}
        </ul>
      ) : null}
      {group.contacts.length > 0 ? (
        <>
          {group.slots.length > 0 ? <h3 className="contact-custom-title">{t('slot.customContacts')}</h3> : null}
          <ul className="contact-list">
            {group.contacts.map((contact) => (
              <ContactRow key={contact.id} contact={contact} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function RoleSlotCard({ slot, canCreate }: { slot: RoleSlot; canCreate: boolean }): ReactElement {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const name = labels.roleName(slot.role);
  const empty = slot.contacts.length === 0;
  return (
    <li className={empty ? 'slot empty' : 'slot'}>
      <h3 className="slot-title">{name}</h3>
      <p className="slot-meta">
        {slot.role.organization} · {t(`levels.${slot.role.level}`)}
      </p>
      {empty ? null : (
        <ul className="contact-list">
          {slot.contacts.map((contact) => (
            <ContactRow key={contact.id} contact={contact} />
          ))}
        </ul>
      )}
      {empty ? <p className="slot-empty">{t('slot.empty')}</p> : null}
      <div className="slot-actions">
        <details className="slot-hint">
          <summary>
            {t('slot.whenToCall')}
            <span className="contact-sr-only"> {name}</span>
          </summary>
          <p>{labels.roleHint(slot.role)}</p>
        </details>
        {canCreate ? (
          <Link className={empty ? 'button primary slot-add' : 'button slot-add'} to={`/contacts/new?roleId=${encodeURIComponent(slot.role.id)}`}>
            <ContactIcon name="plus" />
            {t('slot.add')}
            <span className="contact-sr-only"> {t('slot.addFor', { role: name })}</span>
          </Link>
        ) : null}
      </div>
    </li>
  );
}
