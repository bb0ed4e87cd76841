// Who is signed in, as the lock check read it (lock-check.tsx provides it): the member, or null
// when nobody is. For the first chunk's screens and bars (Home, the bottom navigation, the top
// bar's status) and the sign-in screen, which must not read IndexedDB themselves: they show the
// role's items from the first render, and Home loads the follow-ups card — the assistance
// repository, its schemas and the service catalogue — only for a signed-in member, never on a first
// visit (docs/first-visit.md). Screens that show the session's details live read it with
// hooks/use-session.ts.
import { createContext, useContext } from 'react';
import type { SessionUser } from '../data/session-state';
import type { Role } from '../../shared/roles';

export const SignedInUser = createContext<SessionUser | null>(null);

/** The signed-in member's role, or null. */
export function useSignedInRole(): Role | null {
  return useContext(SignedInUser)?.role ?? null;
}
