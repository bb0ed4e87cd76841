// /assistance/groups/new and /assistance/groups/:id/edit: a "Bình dân học vụ số" session (a lazy chunk).
import { useId, useRef, type FormEvent, type ReactElement } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getGroupSession, type GroupSessionItem } from '../../../data/group-session-repository';
import type { SessionUser } from '../../../data/session-repository';
import { log } from '../../../lib/log';
import { useGroupForm } from '../hooks/use-group-form';
import type { COUNT_FIELDS } from '../utils/group-form-values';
import { AUDIENCES } from '../../../../shared/schemas/group-session';
import { errorProps, FieldError } from './field-error';
import { WhenField } from './when-field';
import { focusFirstInvalid } from '../../../components/ui/focus-first-invalid';
import { NoteField } from '../../../components/ui/note-field';
import { VillagePicker } from './village-picker';
import { useToast } from './undo-toast';
import { RecordFormFrame } from './record-form-frame';

export function GroupFormScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  return (
    <RecordFormFrame user={user} load={getGroupSession} newTitle={t('groups.newTitle')} editTitle={t('groups.editTitle')} back={{ to: '/assistance/groups', label: t('groups.back') }}>
      {(existing) => <GroupForm key={existing?.id ?? 'new'} user={user} {...(existing ? { existing } : {})} />}
    </RecordFormFrame>
  );
}

function GroupForm({ user, existing }: { user: SessionUser; existing?: GroupSessionItem }): ReactElement {
  const { t } = useTranslation('assistance');
  const id = useId();
  const navigate = useNavigate();
  const toast = useToast();
  const form = useGroupForm(user, existing);
  const { values, errors, set } = form;
  const root = useRef<HTMLFormElement>(null);
  if (!form.ready) return <p role="status">{t('loading')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form
      .submit()
      .then((saved) => {
        if (!saved) return void requestAnimationFrame(() => focusFirstInvalid(root.current));
        toast(existing ? t('form.updated') : t('groups.created'), { at: `/assistance/groups/${saved.id}` });
        void navigate(`/assistance/groups/${saved.id}`);
      })
      .catch((error: unknown) => log.error('group session save failed', error));
  };
  const text = (field: 'topic' | 'place', required = true) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>
        {t(`groups.fields.${field}`)} {required && <span className="required-mark">{t('form.requiredMark')}</span>}
      </label>
      <input id={`${id}-${field}`} maxLength={200} value={values[field]} onChange={(e) => set(field, e.target.value)} {...errorProps(`${id}-${field}`, errors[field])} />
      <FieldError id={`${id}-${field}`} error={errors[field]} />
    </div>
  );
  const number = (field: (typeof COUNT_FIELDS)[number]) => (
    <div className="field" key={field}>
      <label htmlFor={`${id}-${field}`}>
        {t(`groups.fields.${field}`)} {field === 'participants' && <span className="required-mark">{t('form.requiredMark')}</span>}
      </label>
      <input id={`${id}-${field}`} type="number" inputMode="numeric" min={0} step={1} value={values[field]} onChange={(e) => set(field, e.target.value)} {...errorProps(`${id}-${field}`, errors[field])} />
      <FieldError id={`${id}-${field}`} error={errors[field]} />
    </div>
  );

  return (
    <form ref={root} className="log-form" onSubmit={submit} noValidate>
      {form.restored && <p className="notice" role="status">{t('form.draftRestored')}</p>}
      {text('topic')}
      {text('place')}
      <WhenField id={id} date={values.date} time={values.time} error={errors.occurredAt} onDate={(v) => set('date', v)} onTime={(v) => set('time', v)} />
      <VillagePicker id={`${id}-village`} user={user} value={values.villageId} error={errors.villageId} onChange={(v) => set('villageId', v)} />
      <fieldset className="field" id={`${id}-audience`}>
        <legend>{t('groups.fields.audience')}</legend>
        <div className="chips">
          {AUDIENCES.map((audience) => (
            <label key={audience} className="chip">
              <input type="radio" name={`${id}-audience`} checked={values.audience === audience} onChange={() => set('audience', audience)} />
              {t(`groups.audiences.${audience}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="card">
        <legend>{t('groups.counts')}</legend>
        <p className="hint">{t('groups.countsHint')}</p>
        <div className="count-grid">{(['participants', 'women', 'elderly', 'ethnicMinority'] as const).map(number)}</div>
      </fieldset>
      {number('durationMin')}
      <NoteField id={`${id}-note`} label={t('fields.note')} value={values.note} error={errors.note} onChange={(v) => set('note', v)} />
      {Object.keys(errors).length > 0 && <p className="form-error" role="alert">{t('form.fixErrors')}</p>}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={form.saving}>{form.saving ? t('form.saving') : t('form.save')}</button>
        <button type="button" className="button" onClick={() => void navigate(existing ? `/assistance/groups/${existing.id}` : '/assistance/groups')}>{t('form.cancel')}</button>
      </div>
    </form>
  );
}
