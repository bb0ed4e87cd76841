// A labelled input with its hint and its translated error, wired for screen readers
// (aria-describedby, aria-invalid). Errors are keys of common.json (the shared schema's keys).
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { DateInput } from '../../../components/ui/date-input';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: ValidationKey | undefined;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'tel' | 'email' | 'date' | 'url';
  inputMode?: 'text' | 'tel' | 'email' | 'url';
  autoComplete?: string;
  /** Extra content under the input (warnings, a "today" button). */
  children?: ReactNode;
}

export function TextField(props: TextFieldProps): ReactElement {
  const { t } = useTranslation('contacts');
  const { t: tc } = useTranslation('common');
  const { id, label, value, onChange, hint, error, required = false, multiline = false, type = 'text', inputMode, autoComplete = 'off', children } = props;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    required,
    autoComplete,
  } as const;
  return (
    <div className={error ? 'contact-field invalid' : 'contact-field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="contact-required"> {t('form.required')}</span> : null}
      </label>
      {hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null}
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : type === 'date' ? (
        <DateInput {...common} onChange={onChange} />
      ) : (
        <input {...common} type={type} inputMode={inputMode} onChange={(event) => onChange(event.target.value)} />
      )}
      {error ? <p id={`${id}-error`} className="contact-field-error">{tc(error)}</p> : null}
      {children}
    </div>
  );
}
