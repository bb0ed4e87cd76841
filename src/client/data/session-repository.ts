// Who is using this phone. The signed-in user is kept in IndexedDB so the app keeps working
// offline after a restart; tokens are not (the access token lives in memory in src/client/sync,
// the refresh token in an HttpOnly cookie — docs/privacy.md checklist #24).
import Dexie, { type Transaction } from 'dexie';
import { db } from './db';
import { isSession, noteSessionChanged, SESSION_KEY, type Session, type SessionUser } from './session-state';

export type { Session, SessionUser };

export async function getSession(): Promise<Session | undefined> {
  const row = await db.settings.get(SESSION_KEY);
  return isSession(row?.value) ? row.value : undefined;
}

// The lock check reads the session without Dexie (session-state.ts): every change is told to it,
// once it is committed (a sign-out clears the session inside the wipe's transaction).
function tell(session: Session | null): void {
  // Null outside a transaction, whatever Dexie's types say.
  const transaction = Dexie.currentTransaction as Transaction | null;
  if (transaction) transaction.on('complete', () => noteSessionChanged(session));
  else noteSessionChanged(session);
}

export async function saveSession(session: Session): Promise<void> {
  await db.settings.put({ key: SESSION_KEY, value: session });
  tell(session);
}

export async function clearSession(): Promise<void> {
  await db.settings.delete(SESSION_KEY);
  tell(null);
}

/** The signed-in user, or an error a repository can show ("sign in first"). */
export async function requireUser(): Promise<SessionUser> {
  const session = await getSession();
  if (!session) throw new NotSignedInError();
  return session.user;
}

export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor() {
    super('errors.notSignedIn');
  }
}
