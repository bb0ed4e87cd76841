// The locked app (docs/security.md "The lock"): the member's name and a password field, nothing of
// the commune's data. The password unlocks the key on the phone, offline. After too many wrong
// tries, or when the phone has not reached the server for the province's number of days, only an
// online sign-in opens it, and the screen says so in plain words.
import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import type { SessionUser } from '../../../data/session-repository';
import { useUnlock, type UnlockProblem } from '../hooks/use-unlock';
import { PasswordFields } from './password-fields';
import { failureText } from './sign-in-failure';
import '../auth.css';

export function LockScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('auth');
  const { block, busy, problem, now, submit } = useUnlock(user);
  const [password, setPassword] = useState('');
  const [previous, setPrevious] = useState('');
  const alertRef = useRef<HTMLParagraphElement>(null);
  const needPrevious = problem?.kind === 'signIn' && (problem.failure.reason === 'previousPasswordNeeded' || problem.failure.reason === 'previousPasswordWrong');
  const waitSeconds = block?.kind === 'wait' ? Math.max(1, Math.ceil((block.until - now) / 1000)) : 0;

  useEffect(() => {
    if (problem) alertRef.current?.focus();
  }, [problem]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '' || busy || waitSeconds > 0) return;
    submit(password, needPrevious && previous !== '' ? previous : undefined);
    setPassword('');
  };

  return (
    <Screen title={t('lock.title')}>
      <p className="lead">{t('lock.who', { name: user.displayName })}</p>
      {block?.kind === 'online' && (
        <p className="notice" role="status">{block.reason === 'tooManyTries' ? t('lock.tooManyTries') : t('lock.stale')}</p>
      )}
      <form className="card sign-in-form" onSubmit={onSubmit} noValidate>
        <p className="form-error" role="alert" ref={alertRef} tabIndex={-1} data-testid="unlock-error">
          {waitSeconds > 0 ? t('lock.wait', { count: waitSeconds }) : problemText(problem, t)}
        </p>
        <PasswordFields label={t('lock.password')} password={password} onPassword={setPassword} needPrevious={needPrevious} previous={previous} onPrevious={setPrevious} />
        <button type="submit" className="button primary" disabled={busy || block === undefined || waitSeconds > 0}>
          {busy ? t('lock.checking') : block?.kind === 'online' ? t('lock.signIn') : t('lock.unlock')}
        </button>
      </form>
      <p className="hint">{t('lock.hint')}</p>
      <Link className="button" to="/sign-in">{t('lock.otherMember')}</Link>
    </Screen>
  );
}

type Translate = ReturnType<typeof useTranslation<'auth'>>['t'];

function problemText(problem: UnlockProblem | null, t: Translate): string | null {
  if (!problem) return null;
  if (problem.kind === 'wrong') return t('lock.wrong');
  if (problem.kind === 'error') return t('error.server');
  return failureText(problem.failure, t);
}
