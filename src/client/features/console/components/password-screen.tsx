// /password: a signed-in member changes their own password (docs/accounts.md "Accounts"). The
// other phones signed in to the account are signed out; this one keeps going, and unlocks with the
// new password from now on.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordSchema } from '../../../../shared/admin/accounts';
import { Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { changeOwnPassword } from '../../../sync/credentials';
import { formText } from '../form-text';
import { NewPasswordField } from './new-password-field';
import '../console.css';

export function PasswordScreen(): ReactElement {
  const { t } = useTranslation('console');
  return (
    <SessionGate text={{ title: t('password.title'), loading: t('accounts.loading'), signInFirst: t('password.signedOut'), signIn: t('accounts.signIn') }}>
      {() => <PasswordForm />}
    </SessionGate>
  );
}

function PasswordForm(): ReactElement {
  const { t } = useTranslation('console');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = { currentPassword: formText(data, 'currentPassword'), newPassword: formText(data, 'newPassword') };
    if (!changePasswordSchema.safeParse(input).success) {
      setNote({ ok: false, text: t('problems.password_length') });
      return;
    }
    setBusy(true);
    const result = await changeOwnPassword(input.currentPassword, input.newPassword);
    setBusy(false);
    if (result.ok) {
      form.reset();
      setNote({ ok: true, text: t('password.done') });
      return;
    }
    const text =
      result.reason === 'weakPassword'
        ? t(`problems.${result.problem}`)
        : result.reason === 'wrongPassword'
          ? t('password.wrongPassword')
          : result.reason === 'signedOut'
            ? t('password.signedOut')
            : t(`redeem.${result.reason === 'wrongCode' || result.reason === 'codeExpired' ? 'failed' : result.reason}`);
    setNote({ ok: false, text });
  }

  return (
    <Screen title={t('password.title')}>
      <p>{t('password.intro')}</p>
      <form className="card console-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="current-password">{t('password.current')}</label>
          <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
        </div>
        <NewPasswordField id="new-password" name="newPassword" label={t('password.next')} />
        {note && <p className={note.ok ? 'notice' : 'field-error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
        <button type="submit" className="button primary" disabled={busy}>{t('password.submit')}</button>
      </form>
    </Screen>
  );
}
