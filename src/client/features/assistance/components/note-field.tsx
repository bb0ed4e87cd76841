// A free-text note with the privacy guard: warns, while the member types, about a CCCD number, a
// password or an OTP (PRIVACY-SECURITY #28). It warns and never blocks saving.
import { useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { findSensitiveText } from '../../../../shared/text/privacy-guard';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { errorProps, FieldError } from './field-error';

export function NoteField({ id, label, value, error, onChange }: { id: string; label: string; value: string; error?: ValidationKey | undefined; onChange: (value: string) => void }): ReactElement {
  const { t } = useTranslation();
  const warnings = useMemo(() => [...new Set(findSensitiveText(value).map((w) => w.messageKey))], [value]);
  const described = [error ? `${id}-error` : '', warnings.length ? `${id}-privacy` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} maxLength={2000} value={value} onChange={(e) => onChange(e.target.value)} {...errorProps(id, error)} aria-describedby={described || undefined} />
      <FieldError id={id} error={error} />
      <div id={`${id}-privacy`} aria-live="polite">
        {warnings.map((key) => (
          <p key={key} className="privacy-warning">{t(key)}</p>
        ))}
      </div>
    </div>
  );
}
