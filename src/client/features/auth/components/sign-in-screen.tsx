// /sign-in: needs the network once; afterwards the session lives on the phone and the app works
// offline. Errors say what happened in plain Vietnamese (wrong password, too many attempts, no
// network) and nothing on the phone changes.
import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Screen } from '../../../components/ui/screen';
import { useSession } from '../../../lib/use-session';
import { useSignIn } from '../hooks/use-sign-in';
import { readSyncSummary } from '../../../data/sync-status-repository';
import type { SignInFailure } from '../../../sync/auth';
import '../auth.css';

export function SignInScreen(): ReactElement {
  const { t } = useTranslation('auth');
  const session = useSession();
  const navigate = useNavigate();
  const { state, submit } = useSignIn();
  // null until typed: an expired session's own username is filled in for the same person.
  const [typed, setUsername] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [missing, setMissing] = useState(false);
  const alertRef = useRef<HTMLParagraphElement>(null);
  const previousUser = session?.user;
  const expired = useLiveQuery(readSyncSummary, [])?.lastError?.reason === 'signedOut';
  const username = typed ?? previousUser?.username ?? '';

  useEffect(() => {
    if (state.status === 'done') void navigate('/', { replace: true });
    if (state.status === 'failed') alertRef.current?.focus();
  }, [state, navigate]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    submit(username, password);
  };
  const submitting = state.status === 'submitting';
  const error = missing ? t('signIn.required') : state.status === 'failed' ? failureText(state.failure, t) : null;

  return (
    <Screen title={t('signIn.title')}>
      <p className="lead">{t('signIn.intro')}</p>
      {previousUser && <p className="notice">{expired ? t('signIn.expired', { name: previousUser.displayName }) : t('signIn.current', { name: previousUser.displayName })}</p>}
      <form className="card sign-in-form" onSubmit={onSubmit} noValidate>
        <p className="form-error" role="alert" ref={alertRef} tabIndex={-1} data-testid="sign-in-error">{error}</p>
        <label className="field">
          <span>{t('signIn.username')}</span>
          <input name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(event) => setUsername(event.target.value)} aria-invalid={missing && username.trim() === ''} required />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input name="password" type={showPassword ? 'text' : 'password'} autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} aria-invalid={missing && password === ''} required />
        </label>
        <label className="choice">
          <input type="checkbox" checked={showPassword} onChange={(event) => setShowPassword(event.target.checked)} />
          {t('signIn.showPassword')}
        </label>
        <p className="hint">{t('signIn.privacy')}</p>
        <button type="submit" className="button primary" disabled={submitting}>{submitting ? t('signIn.submitting') : t('signIn.submit')}</button>
      </form>
      {state.status === 'done' && (
        <p role="status">
          {t('signIn.success')} <Link to="/">{t('signIn.goHome')}</Link>
        </p>
      )}
    </Screen>
  );
}

type Translate = ReturnType<typeof useTranslation<'auth'>>['t'];

function failureText(failure: SignInFailure, t: Translate): string {
  switch (failure.reason) {
    case 'wrongPassword':
      return t('error.wrongPassword');
    case 'tooManyAttempts':
      return failure.retryAfterMs === undefined
        ? t('error.tooManyAttemptsLater')
        : t('error.tooManyAttempts', { minutes: Math.max(1, Math.ceil(failure.retryAfterMs / 60_000)) });
    case 'offline':
      return t('error.offline');
    case 'updateRequired':
      return t('error.updateRequired');
    case 'otherUserPending':
      return t('error.otherUserPending', { count: failure.pending, name: failure.otherName });
    case 'server':
      return t('error.server');
  }
}
