// Who is using this phone. The signed-in user is kept in IndexedDB so the app keeps working
// offline after a restart; tokens are not (the access token lives in memory in src/client/sync,
// the refresh token in an HttpOnly cookie — docs/privacy.md checklist #24).
import { db } from './db';
import type { Role } from '../../shared/permissions';
import { hasFields } from '../../shared/has-fields';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  communeId: string | null;
  provinceId?: string | null;
}

export interface Session {
  user: SessionUser;
  signedInAt: string;
}

const KEY = 'session';

function isSession(value: unknown): value is Session {
  return hasFields(value, 'user') && hasFields(value.user, 'id', 'role') && typeof value.user.id === 'string' && typeof value.user.role === 'string';
}

export async function getSession(): Promise<Session | undefined> {
  const row = await db.settings.get(KEY);
  return isSession(row?.value) ? row.value : undefined;
}

export async function saveSession(session: Session): Promise<void> {
  await db.settings.put({ key: KEY, value: session });
}

export async function clearSession(): Promise<void> {
  await db.settings.delete(KEY);
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
