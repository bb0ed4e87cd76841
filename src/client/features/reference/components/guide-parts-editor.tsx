// One step and one common failure of a guide being edited (docs/field-aids.md §3): a step's text and
// its one picture (shrunk on this phone before it is sent), moved up or down or removed; a failure's
// problem, what to do, the barrier it is and the support role to call.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { BARRIERS, type Barrier } from '../../../../shared/schemas/assistance-log';
import { seedContactRoles } from '../../../../shared/seed';
import { shrinkPicture } from '../utils/shrink-picture';
import type { FailureDraft, StepDraft } from '../utils/guide-draft';

interface StepProps {
  number: number;
  count: number;
  step: StepDraft;
  onChange: (step: StepDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

export function GuideStepEditor({ number, count, step, onChange, onMove, onRemove }: StepProps): ReactElement {
  const { t } = useTranslation('guides');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = `step-${step.id}`;
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    const picture = await shrinkPicture(file);
    setBusy(false);
    setFailed(picture === null);
    if (picture) onChange({ ...step, imageId: null, newImage: picture, src: `data:${picture.mime};base64,${picture.data}` });
  };
  return (
    <fieldset className="card ref-item">
      <legend>{t('editor.step', { number })}</legend>
      <div className="field ref-wide">
        <label htmlFor={`${id}-text`}>{t('editor.stepText', { number })}</label>
        <textarea id={`${id}-text`} rows={3} value={step.text} onChange={(e) => onChange({ ...step, text: e.target.value })} />
      </div>
      <div className="field ref-wide">
        <label htmlFor={`${id}-image`}>{t('editor.image', { number })}</label>
        {step.src ? <img className="guide-editor-picture" src={step.src} alt={t('stepImage', { number })} /> : null}
        <input id={`${id}-image`} type="file" accept="image/*" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
        {step.newImage ? <p className="hint" role="status">{t('editor.imageSize', { kb: Math.ceil((step.newImage.data.length * 3) / 4 / 1024) })}</p> : null}
        {failed ? <p className="ref-error" role="alert">{t('editor.imageFailed')}</p> : null}
        {step.src ? (
          <button type="button" className="button" onClick={() => onChange({ ...step, imageId: null, newImage: null, src: null })}>{t('editor.removeImage', { number })}</button>
        ) : null}
      </div>
      <div className="ref-item-moves ref-wide">
        <button type="button" className="button" disabled={number === 1} onClick={() => onMove(-1)} aria-label={t('editor.moveUp', { number })}>{'↑'}</button>
        <button type="button" className="button" disabled={number === count} onClick={() => onMove(1)} aria-label={t('editor.moveDown', { number })}>{'↓'}</button>
        <button type="button" className="button" disabled={count === 1} onClick={onRemove}>{t('editor.removeStep', { number })}</button>
      </div>
    </fieldset>
  );
}

interface FailureProps {
  number: number;
  failure: FailureDraft;
  onChange: (failure: FailureDraft) => void;
  onRemove: () => void;
}

export function GuideFailureEditor({ number, failure, onChange, onRemove }: FailureProps): ReactElement {
  const { t, i18n } = useTranslation('guides');
  const id = failure.key;
  return (
    <fieldset className="card ref-item">
      <legend>{t('editor.failure', { number })}</legend>
      <div className="field ref-wide">
        <label htmlFor={`${id}-problem`}>{t('editor.problem')}</label>
        <textarea id={`${id}-problem`} rows={2} value={failure.problem} onChange={(e) => onChange({ ...failure, problem: e.target.value })} />
      </div>
      <div className="field ref-wide">
        <label htmlFor={`${id}-action`}>{t('editor.action')}</label>
        <textarea id={`${id}-action`} rows={3} value={failure.action} onChange={(e) => onChange({ ...failure, action: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-barrier`}>{t('editor.barrier')}</label>
        <select id={`${id}-barrier`} value={failure.barrier} onChange={(e) => onChange({ ...failure, barrier: e.target.value as Barrier | '' })}>
          <option value="">{t('editor.noChoice')}</option>
          {BARRIERS.map((barrier) => (
            <option key={barrier} value={barrier}>{t(`barriers.${barrier}`)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('editor.contactRole')}</label>
        <select id={`${id}-role`} value={failure.contactRoleId} onChange={(e) => onChange({ ...failure, contactRoleId: e.target.value })}>
          <option value="">{t('editor.noChoice')}</option>
          {seedContactRoles().map((role) => (
            <option key={role.id} value={role.id}>{i18n.language === 'en' && role.role.en ? role.role.en : role.role.vi}</option>
          ))}
        </select>
      </div>
      <div className="ref-item-moves ref-wide">
        <button type="button" className="button" onClick={onRemove}>{t('editor.removeFailure', { number })}</button>
      </div>
    </fieldset>
  );
}
