// A free-text note with the privacy guard and a visible length limit, shared by every form that
// has a note (log, group session, checklist item). Nothing is cut: past the limit the counter
// turns into an error and the shared schema refuses to save (docs/data-rules.md). A CCCD number
// is refused too, with a button that removes it; passwords and OTPs are warned about only.
import { useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX } from '../../../shared/schemas/bounds';
import type { ValidationKey } from '../../../shared/schemas/validation-keys';
import { findSensitiveText, removeCitizenIds } from '../../../shared/text/privacy-guard';
import { toNfc } from '../../../shared/text/vietnamese';
import './fields.css';

/** The counter appears from this many characters on. */
export const NOTE_COUNTER_FROM = NOTE_MAX - 300;

export interface NoteFieldProps {
  id: string;
  label: string;
  value: string;
  /** The error to show: a ValidationKey (translated here) or a message already translated. */
  error?: string | undefined;
  onChange: (value: string) => void;
}

export function NoteField({ id, label, value, error, onChange }: NoteFieldProps): ReactElement {
  const { t } = useTranslation();
  const found = useMemo(() => findSensitiveText(value), [value]);
  const warnings = [...new Set(found.map((w) => w.messageKey))];
  const hasId = found.some((w) => w.kind === 'citizenId');
  const length = toNfc(value).trim().length;
  const over = length - NOTE_MAX;
  const showCounter = length >= NOTE_COUNTER_FROM;
  // The schema's tooLong says less than the counter does; show the counter's words instead.
  const shownError = error === 'validation.tooLong' && over > 0 ? undefined : error;
  const described = [shownError ? `${id}-error` : '', warnings.length ? `${id}-privacy` : '', showCounter ? `${id}-count` : ''].filter(Boolean).join(' ');
  return (
    <div className="field note-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={shownError || over > 0 || hasId ? true : undefined}
        aria-describedby={described || undefined}
      />
      {showCounter && (
        <p id={`${id}-count`} className={over > 0 ? 'note-count field-error' : 'note-count hint'} aria-live="polite">
          {over > 0 ? t('note.over', { over, max: NOTE_MAX }) : t('note.count', { count: length, max: NOTE_MAX })}
        </p>
      )}
      {shownError && <p id={`${id}-error`} className="field-error">{t(shownError as ValidationKey)}</p>}
      <div id={`${id}-privacy`} aria-live="polite">
        {warnings.map((key) => (
          <p key={key} className="privacy-warning">{t(key)}</p>
        ))}
        {hasId && (
          <button type="button" className="button" onClick={() => onChange(removeCitizenIds(value))}>{t('note.removeCitizenId')}</button>
        )}
      </div>
    </div>
  );
}
