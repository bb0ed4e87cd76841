// A field's translated error, tied to its input with aria-describedby (id = `${inputId}-error`).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';

export function FieldError({ id, error }: { id: string; error: ValidationKey | undefined }): ReactElement | null {
  const { t } = useTranslation();
  if (!error) return null;
  return <p id={`${id}-error`} className="field-error">{t(error)}</p>;
}

/** Props that mark an input invalid and point it at its error. */
export function errorProps(id: string, error: ValidationKey | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}
