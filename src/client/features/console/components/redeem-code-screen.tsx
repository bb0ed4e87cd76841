// /sign-in/code: a member's first sign-in with the one-time code from their leader or the province
// (docs/accounts.md "Accounts"). A scanned QR code opens this screen with the username and code
// after '#' (never sent to a server); the member only chooses their password.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatSignInCode, redeemCodeSchema } from '../../../../shared/admin/accounts';
import { Screen } from '../../../components/ui/screen';
import { redeemSignInCode, type RedeemResult } from '../../../sync/credentials';
import { formText } from '../form-text';
import { NewPasswordField } from './new-password-field';
import '../console.css';

function fromFragment(): { u: string; c: string } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  return { u: params.get('u') ?? '', c: params.get('c') ? formatSignInCode(params.get('c') ?? '') : '' };
}

export function RedeemCodeScreen(): ReactElement {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const [initial] = useState(fromFragment);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { username: formText(data, 'username'), code: formText(data, 'code'), password: formText(data, 'password') };
    const parsed = redeemCodeSchema.safeParse(input);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      setError(field === 'password' ? t('problems.password_length') : t('redeem.wrongCode'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await redeemSignInCode(input.username, input.code, input.password);
    setBusy(false);
    if (result.ok) {
      // The code has done its job: drop it from the address and the history.
      window.history.replaceState(null, '', '/sign-in/code');
      await navigate('/', { replace: true });
      return;
    }
    setError(message(t, result));
  }

  return (
    <Screen title={t('redeem.title')}>
      <p>{t('redeem.intro')}</p>
      <form className="card console-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="redeem-username">{t('redeem.username')}</label>
          <input id="redeem-username" name="username" defaultValue={initial.u} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
        </div>
        <div className="field">
          <label htmlFor="redeem-code">{t('redeem.code')}</label>
          <input id="redeem-code" name="code" defaultValue={initial.c} autoComplete="one-time-code" autoCapitalize="characters" spellCheck={false} required />
        </div>
        <NewPasswordField id="redeem-password" name="password" label={t('redeem.password')} />
        {error && <p className="field-error" role="alert">{error}</p>}
        <button type="submit" className="button primary" disabled={busy}>{t('redeem.submit')}</button>
      </form>
    </Screen>
  );
}

type T = ReturnType<typeof useTranslation<'console'>>['t'];

function message(t: T, result: Exclude<RedeemResult, { ok: true }>): string {
  switch (result.reason) {
    case 'wrongCode':
      return result.remainingAttempts === undefined ? t('redeem.wrongCode') : `${t('redeem.wrongCode')} ${t('redeem.remaining', { count: result.remainingAttempts })}`;
    case 'weakPassword':
      return t(`problems.${result.problem}`);
    case 'codeExpired':
    case 'tooManyAttempts':
    case 'offline':
    case 'server':
      return t(`redeem.${result.reason}`);
    default:
      return t('redeem.failed');
  }
}
