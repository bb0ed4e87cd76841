// Adding a village (leaders). Not a <form>: it may sit inside the log form, and nested forms
// are invalid HTML; Enter in the name field still adds.
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { createVillage, type VillageItem } from '../../../data/village-repository';
import { ValidationError, type FieldErrors } from '../../../data/errors';
import { VILLAGE_KINDS, type VillageKind } from '../../../../shared/schemas/village';
import { log } from '../../../lib/log';
import { errorProps, FieldError } from './field-error';

export function AddVillageForm({ onAdded, onCancel }: { onAdded: (village: VillageItem) => void; onCancel?: () => void }): ReactElement {
  const { t } = useTranslation('assistance');
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<VillageKind>('thon');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const add = () => {
    setBusy(true);
    createVillage({ name, kind })
      .then((village) => {
        setName('');
        setErrors({});
        onAdded(village);
      })
      .catch((error: unknown) => {
        if (error instanceof ValidationError) setErrors(error.fieldErrors);
        else log.error('village add failed', error);
      })
      .finally(() => setBusy(false));
  };
  return (
    <div className="add-village" role="group" aria-label={t('villages.addTitle')}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('villages.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          {...errorProps(`${id}-name`, errors.name)}
        />
        <FieldError id={`${id}-name`} error={errors.name} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('villages.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as VillageKind)}>
          {VILLAGE_KINDS.map((k) => <option key={k} value={k}>{t(`villages.kinds.${k}`)}</option>)}
        </select>
      </div>
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} onClick={add}>{t('villages.save')}</button>
        {onCancel && <button type="button" className="button" onClick={onCancel}>{t('form.cancel')}</button>}
      </div>
    </div>
  );
}
