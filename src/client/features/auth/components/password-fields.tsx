// The password, the previous password (asked only after a password change on another phone, to
// re-open this phone's data key) and "show password": the same on the sign-in and the lock screen.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function PasswordFields({ label, password, onPassword, invalid, needPrevious, previous, onPrevious }: {
  label: string;
  password: string;
  onPassword: (value: string) => void;
  invalid?: boolean;
  needPrevious: boolean;
  previous: string;
  onPrevious: (value: string) => void;
}): ReactElement {
  const { t } = useTranslation('auth');
  const [showPassword, setShowPassword] = useState(false);
  const type = showPassword ? 'text' : 'password';
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input name="password" type={type} autoComplete="current-password" value={password} onChange={(event) => onPassword(event.target.value)} aria-invalid={invalid} required />
      </label>
      {needPrevious && (
        <label className="field">
          <span>{t('lock.previousPassword')}</span>
          <input name="previous-password" type={type} autoComplete="off" value={previous} onChange={(event) => onPrevious(event.target.value)} />
        </label>
      )}
      <label className="choice">
        <input type="checkbox" checked={showPassword} onChange={(event) => setShowPassword(event.target.checked)} />
        {t('signIn.showPassword')}
      </label>
    </>
  );
}
