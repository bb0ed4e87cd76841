// The quick-entry form, laid out in the order a member fills it standing next to the citizen:
// what, result, barriers, where, how long, note, follow-up, citizen (with consent), team device.
import { useId, useRef, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/ui/date-input';
import { focusFirstInvalid } from '../../../components/ui/focus-first-invalid';
import { NoteField } from '../../../components/ui/note-field';
import type { LogItem } from '../../../data/assistance-repository';
import type { SessionUser } from '../../../data/session-repository';
import { log } from '../../../lib/log';
import { hasCitizenDetails } from '../utils/log-form-values';
import { useLogForm } from '../hooks/use-log-form';
import { useServiceNames, useServices } from '../hooks/use-reference-data';
import { useGuidedCodes } from '../hooks/use-guides';
import { LogFormGuide, useGuideOverlay } from './log-form-guide';
import { DossierFields, HelpedField } from './dossier-fields';
import { BarrierField, DurationField, OutcomeField } from './choice-fields';
import { CitizenSection } from './citizen-section';
import { errorProps, FieldError } from './field-error';
import { WhenField } from './when-field';
import { ServicePicker } from './service-picker';
import { VillagePicker } from './village-picker';

export function LogForm({ user, existing, onSaved, onCancel }: { user: SessionUser; existing?: LogItem; onSaved: (log: LogItem) => void; onCancel: () => void }): ReactElement {
  const { t } = useTranslation('assistance');
  const id = useId();
  const form = useLogForm(user, existing);
  const { values, errors, set } = form;
  const root = useRef<HTMLFormElement>(null);
  const services = useServices();
  const serviceName = useServiceNames();
  const guided = useGuidedCodes();
  const guide = useGuideOverlay();
  const { t: tg } = useTranslation('guides');

  if (!form.ready) return <p role="status">{t('loading')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form
      .submit()
      .then((saved) => {
        if (saved) onSaved(saved);
        // Take the member to the first thing to fix (once the errors are on screen).
        else requestAnimationFrame(() => focusFirstInvalid(root.current));
      })
      .catch((error: unknown) => log.error('log save failed', error));
  };
  const hasErrors = Object.keys(errors).length > 0;
  const isPublicService = (code: string) => services?.find((s) => s.code === code)?.group === 'public-service';
  const chooseService = (code: string) => {
    set('serviceId', code);
    // Ticks belong to the guide of the service they were ticked on.
    set('guideDone', []);
    set('guideVersion', 0);
    set('guideTotal', 0);
    // A dossier's facts belong to an online public service only: another kind of help clears them.
    if (!isPublicService(code)) {
      set('onlineSubmission', '');
      set('dossierCode', '');
    }
  };

  const hasGuide = values.serviceId !== '' && guided?.has(values.serviceId) === true;
  return (
    <>
    {guide.open && (
      <LogFormGuide
        values={values}
        serviceName={serviceName(values.serviceId)}
        change={(next) => {
          for (const [key, value] of Object.entries(next)) set(key as keyof typeof values, value as never);
        }}
        onClose={guide.hide}
      />
    )}
    <form ref={root} className="log-form" onSubmit={submit} noValidate hidden={guide.open}>
      {form.restored && (
        <div className="notice draft-notice" role="status">
          <p>{t('form.draftRestored')}</p>
          <button type="button" className="button" onClick={form.discardDraft}>{t('form.discardDraft')}</button>
        </div>
      )}
      <ServicePicker id={`${id}-service`} value={values.serviceId} error={errors.serviceId} onChange={chooseService} />
      {hasGuide && (
        <p className="guide-open">
          <button type="button" className="button" onClick={guide.show}>
            {tg('open')}
          </button>
          {values.guideVersion > 0 ? <span> {tg('progress', { done: values.guideDone.length, total: values.guideTotal })}</span> : null}
        </p>
      )}
      <OutcomeField id={`${id}-outcome`} value={values.outcome} error={errors.outcome} onChange={(v) => set('outcome', v)} />
      {isPublicService(values.serviceId) && (
        <DossierFields
          id={`${id}-dossier`}
          submission={values.onlineSubmission}
          code={values.dossierCode}
          codeError={errors.dossierCode}
          onSubmission={(v) => set('onlineSubmission', v)}
          onCode={(v) => set('dossierCode', v)}
        />
      )}
      <HelpedField id={`${id}-helped`} value={values.helped} onChange={(v) => set('helped', v)} />
      <BarrierField id={`${id}-barriers`} value={values.barriers} citizenNamed={values.consent && hasCitizenDetails(values)} error={errors.barriers} onChange={(v) => set('barriers', v)} />
      <VillagePicker id={`${id}-village`} user={user} value={values.villageId} error={errors.villageId} onChange={(v) => set('villageId', v)} />
      <DurationField
        id={`${id}-duration`}
        choice={values.duration}
        custom={values.customDuration}
        error={errors.durationMin}
        onChoice={(v) => set('duration', v)}
        onCustom={(v) => set('customDuration', v)}
      />
      <WhenField id={id} date={values.date} time={values.time} error={errors.occurredAt} onDate={(v) => set('date', v)} onTime={(v) => set('time', v)} />
      <NoteField id={`${id}-note`} label={t('fields.note')} value={values.note} error={errors.note} onChange={(v) => set('note', v)} />
      <div className="field">
        <label htmlFor={`${id}-follow`}>{t('fields.followUpAt')}</label>
        <DateInput id={`${id}-follow`} value={values.followUpAt} onChange={(v) => set('followUpAt', v)} {...errorProps(`${id}-follow`, errors.followUpAt)} />
        <FieldError id={`${id}-follow`} error={errors.followUpAt} />
      </div>
      <CitizenSection id={`${id}-citizen`} values={values} errors={errors} set={set} setConsent={form.setConsent} />
      <label className="choice">
        <input type="checkbox" checked={values.assistedOnTeamDevice} onChange={(e) => set('assistedOnTeamDevice', e.target.checked)} />
        {t('fields.teamDevice')}
      </label>
      {hasErrors && <p className="form-error" role="alert">{t('form.fixErrors')}</p>}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={form.saving}>{form.saving ? t('form.saving') : t('form.save')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('form.cancel')}</button>
      </div>
    </form>
    </>
  );
}
