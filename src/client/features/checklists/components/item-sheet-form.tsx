// The editable part of the item sheet. It submits only the fields the user changed; the repository
// compares again with the stored state, so a sheet left open while a colleague's change synced in
// does not write back stale values of untouched fields.
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { DateInput } from '../../../components/ui/date-input';
import { NoteField } from '../../../components/ui/note-field';
import type { ItemChanges } from '../../../data/checklist-repository';
import type { SessionUser } from '../../../data/session-repository';
import type { ItemView } from '../../../../shared/checklists/progress';
import { CHECKLIST_ITEM_STATUSES, type ChecklistItemStatus } from '../../../../shared/checklists/status';
import { useLabels } from '../hooks/use-labels';

interface FormValues {
  status: ChecklistItemStatus;
  blockedReason: string;
  note: string;
  assignee: string;
  dueDate: string;
}

function initialValues(view: ItemView): FormValues {
  return { status: view.status, blockedReason: view.blockedReason ?? '', note: view.note ?? '', assignee: view.assignee ?? '', dueDate: view.dueDate ?? '' };
}

export function ItemSheetForm({ view, user, onSave, onClose }: { view: ItemView; user: SessionUser; onSave: (changes: ItemChanges) => Promise<ItemChanges>; onClose: () => void }): ReactElement {
  const { t, errorMessage, fieldErrors } = useLabels();
  const id = useId();
  const [initial] = useState(() => initialValues(view));
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<FormValues>) => setValues((v) => ({ ...v, ...patch }));
  const errors = fieldErrors(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes = Object.fromEntries(
      (Object.keys(values) as (keyof FormValues)[]).filter((key) => values[key] !== initial[key]).map((key) => [key, values[key] === '' ? null : values[key]]),
    ) as ItemChanges;
    // Blocking needs its reason even when the reason was typed earlier and is unchanged.
    if (values.status === 'blocked' && changes.status) changes.blockedReason = values.blockedReason;
    setSaving(true);
    setError(null);
    onSave(changes).then(
      (written) => {
        setSaving(false);
        if (Object.keys(written).length === 0) setInfo(t('sheet.noChange'));
        else onClose();
      },
      (failure: unknown) => {
        setSaving(false);
        setError(failure);
      },
    );
  };

  const describedBy = (field: string, hint?: string) => [hint, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: string) => errors[field] && <p className="field-error" id={`${id}-${field}-error`}>{errors[field]}</p>;

  return (
    <form className="sheet-form" onSubmit={submit} noValidate>
      <fieldset className="status-choices">
        <legend>{t('sheet.statusLegend')}</legend>
        {CHECKLIST_ITEM_STATUSES.map((status) => (
          <label key={status} className="choice">
            <input type="radio" name={`${id}-status`} value={status} checked={values.status === status} onChange={() => set({ status })} />
            {t(`status.${status}`)}
          </label>
        ))}
      </fieldset>
      {values.status === 'blocked' && (
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('sheet.blockedReason')}</label>
          <p className="hint" id={`${id}-reason-hint`}>{t('sheet.blockedReasonHint')}</p>
          <textarea id={`${id}-reason`} rows={2} value={values.blockedReason} required aria-describedby={describedBy('blockedReason', `${id}-reason-hint`)} onChange={(e) => set({ blockedReason: e.target.value })} />
          {fieldError('blockedReason')}
        </div>
      )}
      <NoteField id={`${id}-note`} label={t('sheet.note')} value={values.note} error={errors.note} onChange={(note) => set({ note })} />
      <div className="field">
        <label htmlFor={`${id}-assignee`}>{t('sheet.assignee')}</label>
        <div className="input-row">
          <input id={`${id}-assignee`} type="text" autoComplete="off" value={values.assignee} aria-describedby={describedBy('assignee')} onChange={(e) => set({ assignee: e.target.value })} />
          <button type="button" className="button" onClick={() => set({ assignee: user.displayName })}>{t('sheet.assignMe')}</button>
        </div>
        {fieldError('assignee')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('sheet.dueDate')}</label>
        <div className="input-row">
          <DateInput id={`${id}-due`} value={values.dueDate} aria-describedby={describedBy('dueDate')} aria-invalid={errors.dueDate ? true : undefined} onChange={(dueDate) => set({ dueDate })} />
          <button type="button" className="button" onClick={() => set({ dueDate: '' })} disabled={values.dueDate === ''}>{t('sheet.clearDue')}</button>
        </div>
        {fieldError('dueDate')}
      </div>
      {error !== null && Object.keys(errors).length === 0 && <p role="alert" className="field-error">{errorMessage(error)}</p>}
      {info && <p role="status">{info}</p>}
      <div className="button-row sheet-buttons">
        <button type="submit" className="button primary" disabled={saving}>{t('sheet.save')}</button>
        <button type="button" className="button" onClick={onClose}>{t('sheet.cancel')}</button>
      </div>
    </form>
  );
}
