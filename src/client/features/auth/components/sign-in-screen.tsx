// /sign-in: needs the network once; afterwards the session lives on the phone and the app works
// offline. Errors say what happened in plain Vietnamese (wrong password, too many attempts, no
// network) and nothing on the phone changes. Who was signed in comes from the lock check (a prop
// from the route): a first visit's sign-in screen reads nothing from IndexedDB (docs/first-visit.md).
import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { useStoredSyncSummary } from '../../../hooks/use-stored-sync-summary';
import { useSignIn } from '../hooks/use-sign-in';
import type { SessionUser } from '../../../data/session-state';
import { PasswordFields } from './password-fields';
import { failureText } from './sign-in-failure';
import '../auth.css';

/** `previousUser`: the member whose session this phone keeps (an expired one, or another member's), or null. */
export function SignInScreen({ previousUser }: { previousUser: SessionUser | null }): ReactElement {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const { state, submit } = useSignIn();
  // null until typed: an expired session's own username is filled in for the same person.
  const [typed, setUsername] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [previous, setPrevious] = useState('');
  const [missing, setMissing] = useState(false);
  const alertRef = useRef<HTMLParagraphElement>(null);
  const expired = useStoredSyncSummary(previousUser !== null)?.lastError?.reason === 'signedOut';
  const username = typed ?? previousUser?.username ?? '';
  // The password changed on the server since this phone made the member's key (docs/security.md).
  const needPrevious = state.status === 'failed' && (state.failure.reason === 'previousPasswordNeeded' || state.failure.reason === 'previousPasswordWrong');

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
    submit(username, password, needPrevious && previous !== '' ? previous : undefined);
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
        <PasswordFields label={t('signIn.password')} password={password} onPassword={setPassword} invalid={missing && password === ''} needPrevious={needPrevious} previous={previous} onPrevious={setPrevious} />
        <p className="hint">{t('signIn.privacy')}</p>
        <button type="submit" className="button primary" disabled={submitting}>{submitting ? t('signIn.submitting') : t('signIn.submit')}</button>
      </form>
      <p>
        <Link to="/sign-in/code">{t('signIn.withCode')}</Link>
      </p>
      {state.status === 'done' && (
        <p role="status">
          {t('signIn.success')} <Link to="/">{t('signIn.goHome')}</Link>
        </p>
      )}
    </Screen>
  );
}
