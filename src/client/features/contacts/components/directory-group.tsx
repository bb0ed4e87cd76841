// One system's part of the directory: its filled role slots, then the other contacts covering that
// system; and the one folded group of every role slot no one fills yet ("VNPT technician for the
// document system — no one yet: add"), so the screen opens on people, not on empty cards.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LEADERS_GROUP, type DirectoryGroup, type RoleSlot } from '../../../../shared/contacts/directory';
import { useContactLabels } from '../hooks/use-contact-labels';
import { ContactIcon } from './contact-icons';
import { ContactRow } from './contact-row';

export function DirectoryGroupSection({ group, canCreate }: { group: DirectoryGroup; canCreate: boolean }): ReactElement {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const headingId = `group-${group.key}`;
  return (
    <section className="contact-group" aria-labelledby={headingId}>
      <h2 id={headingId}>{labels.groupLabel(group.key)}</h2>
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

/** Every role slot no one fills yet, folded (open while searching: the slots that match). */
export function EmptySlotsSection({ slots, slotCount, canCreate, searching }: { slots: readonly RoleSlot[]; slotCount: number; canCreate: boolean; searching: boolean }): ReactElement | null {
  const { t } = useTranslation('contacts');
  if (slots.length === 0) return null;
  return (
    <section className="contact-group empty-slots" aria-labelledby="group-empty-slots">
      <h2 id="group-empty-slots">{t('emptySlots.title')}</h2>
      {searching ? null : <p className="contact-group-count">{t('emptySlots.summary', { filled: slotCount - slots.length, total: slotCount })}</p>}
      <details className="empty-slots-fold" open={searching}>
        <summary>{t(searching ? 'emptySlots.searchShow' : 'emptySlots.show', { count: slots.length })}</summary>
        <ul className="slot-list">
          {slots.map((slot) => (
            <RoleSlotCard key={slot.role.id} slot={slot} canCreate={canCreate} />
          ))}
        </ul>
      </details>
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
        {empty ? ` · ${labels.groupLabel(slot.role.systems[0] ?? LEADERS_GROUP)}` : null}
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
