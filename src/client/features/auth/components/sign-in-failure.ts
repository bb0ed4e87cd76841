// Sign-in failures in plain words, shared by the sign-in screen and the lock screen.
import type { useTranslation } from 'react-i18next';
import type { SignInFailure } from '../../../sync/auth';

type Translate = ReturnType<typeof useTranslation<'auth'>>['t'];

export function failureText(failure: SignInFailure, t: Translate): string {
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
    case 'previousPasswordNeeded':
      return t('error.previousPasswordNeeded');
    case 'previousPasswordWrong':
      return t('error.previousPasswordWrong');
    case 'server':
      return t('error.server');
  }
}
