// Village or residential group of the citizen: optional. Leaders can add a missing village
// without leaving the form (the new village is selected at once).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/permissions';
import type { SessionUser } from '../../../data/session-repository';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { useVillages } from '../hooks/use-reference-data';
import { errorProps, FieldError } from './field-error';
import { AddVillageForm } from './add-village-form';

export function VillagePicker({ id, user, value, error, onChange }: { id: string; user: SessionUser; value: string; error: ValidationKey | undefined; onChange: (id: string) => void }): ReactElement {
  const { t } = useTranslation('assistance');
  const villages = useVillages(true) ?? [];
  const [adding, setAdding] = useState(false);
  // Inactive villages are offered only when the log already points at one.
  const offered = villages.filter((v) => v.active || v.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>{t('fields.village')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...errorProps(id, error)}>
        <option value="">{t('form.noVillage')}</option>
        {offered.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
      </select>
      <FieldError id={id} error={error} />
      {can(user.role, 'villages.manage') &&
        (adding ? (
          <AddVillageForm
            onAdded={(village) => {
              onChange(village.id);
              setAdding(false);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button type="button" className="button link-button" onClick={() => setAdding(true)}>{t('villages.add')}</button>
        ))}
      {villages.length === 0 && !can(user.role, 'villages.manage') && <p className="hint">{t('villages.askLeader')}</p>}
    </div>
  );
}
