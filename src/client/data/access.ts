// The one permission guard of the data layer. The rules themselves are src/shared/permissions.ts,
// which the server applies again: the client checks so that a refused action changes nothing on
// the phone and the screen can say why, never as the security boundary.
import { PermissionError } from './errors';
import { requireUser, type SessionUser } from './session-repository';
import { can, type Action } from '../../shared/permissions';

/** A signed-in user of a commune (commune-scoped records need one). */
export type CommuneUser = SessionUser & { communeId: string };

/** Throws PermissionError unless the user's role may do `action` (for checks inside a transaction). */
export function assertMay(user: SessionUser, action: Action): void {
  if (!can(user.role, action)) throw new PermissionError(action);
}

/** The signed-in user, when their role may do `action`. */
export async function userWhoMay(action: Action): Promise<SessionUser> {
  const user = await requireUser();
  assertMay(user, action);
  return user;
}

/** The signed-in user, when their role may do `action` AND the account belongs to a commune. */
export async function communeUserWhoMay(action: Action): Promise<CommuneUser> {
  const user = await userWhoMay(action);
  if (user.communeId === null) throw new PermissionError(action);
  return { ...user, communeId: user.communeId };
}
