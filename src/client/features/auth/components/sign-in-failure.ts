// Sign-in failures in plain words, shared by the sign-in screen and the lock screen.
import type { useTranslation } from 'react-i18next';
import type { SignInFailure } from '../../../sync/auth';
import { formatTime } from '../../../../shared/text/dates';

type Translate = ReturnType<typeof useTranslation<'auth'>>['t'];

const WARN_FROM_TRIES_LEFT = 3;

/** The lock's end as a 24-hour clock time (Vietnam's zone) and the minutes until then. */
function lockTime(lockedUntil: number): { time: string; minutes: number } {
  return { time: formatTime(new Date(lockedUntil)), minutes: Math.max(1, Math.ceil((lockedUntil - Date.now()) / 60_000)) };
}

export function failureText(failure: SignInFailure, t: Translate): string {
  switch (failure.reason) {
    case 'wrongPassword':
      // Warn before the lock (three tries left or fewer), and say when it lifts once it is on.
      if (failure.remainingAttempts === 0 && failure.lockedUntil !== undefined) return t('error.wrongPasswordLocked', lockTime(failure.lockedUntil));
      if (failure.remainingAttempts !== undefined && failure.remainingAttempts <= WARN_FROM_TRIES_LEFT) return t('error.wrongPasswordTriesLeft', { count: failure.remainingAttempts });
      return t('error.wrongPassword');
    case 'tooManyAttempts':
      return failure.lockedUntil === undefined ? t('error.tooManyAttemptsLater') : t('error.tooManyAttempts', lockTime(failure.lockedUntil));
    case 'offline':
      return t('error.offline');
    case 'updateRequired':
      return t('error.updateRequired');
    case 'otherUserPending':
      return t('error.otherUserPending', { count: failure.pending, name: failure.otherName });
    case 'previousPasswordNeeded':
      return t('error.previousPasswordNeeded');
    case 'previousPasswordWrong':
      return t('error.previousPasswordWrong');
    case 'server':
      return t('error.server');
  }
}
