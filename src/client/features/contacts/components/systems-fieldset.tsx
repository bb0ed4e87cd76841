// Which systems the contact covers: a checkbox per known system, plus any other code the record
// already has (from a newer version), kept checked so editing does not drop it.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_SYSTEMS } from '../../../../shared/contacts/directory';
import { useContactLabels } from '../hooks/use-contact-labels';

export function SystemsFieldset({ systems, onChange }: { systems: string[]; onChange: (systems: string[]) => void }): ReactElement {
  const { t } = useTranslation('contacts');
  const labels = useContactLabels();
  const known: readonly string[] = CONTACT_SYSTEMS;
  const all = [...known, ...systems.filter((id) => !known.includes(id))];
  // Kept in the directory's order: a contact is listed under its first system.
  const toggle = (id: string, on: boolean) => onChange(all.filter((s) => (s === id ? on : systems.includes(s))));
  return (
    <fieldset className="contact-field-group">
      <legend>{t('form.systems')}</legend>
      <div className="contact-system-choices">
        {all.map((id) => (
          <label key={id} className="choice">
            <input type="checkbox" checked={systems.includes(id)} onChange={(event) => toggle(id, event.target.checked)} />
            {labels.systemLabel(id)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
