// What to tell the person when a write fails. Repository errors carry a key of this namespace;
// anything else (quota exceeded, a closed database) is "could not save on this phone".
import { RecordNotFoundError, PermissionError } from '../../../data/errors';
import { NotSignedInError } from '../../../data/session-repository';

export type ContactErrorKey = 'errors.forbidden' | 'errors.notFound' | 'errors.notSignedIn' | 'errors.saveFailed';

export function contactErrorKey(error: unknown): ContactErrorKey {
  if (error instanceof PermissionError) return 'errors.forbidden';
  if (error instanceof RecordNotFoundError) return 'errors.notFound';
  if (error instanceof NotSignedInError) return 'errors.notSignedIn';
  return 'errors.saveFailed';
}
