// The new-password field of the first sign-in with a code and of the password change: the same
// browser hint (new-password, so a password manager offers to save it) and the same rules below it.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function NewPasswordField({ id, name, label }: { id: string; name: string; label: string }): ReactElement {
  const { t } = useTranslation('console');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="password" autoComplete="new-password" aria-describedby={`${id}-hint`} required />
      <p className="hint" id={`${id}-hint`}>{t('redeem.passwordHint')}</p>
    </div>
  );
}
