// Who is signed in, as the lock check read it (lock-check.tsx provides it): the member's role, or
// null when nobody is. For the first chunk's screens and bars (Home, the bottom navigation), which
// must not read IndexedDB themselves: they show the role's items from the first render, and Home
// loads the follow-ups card — the assistance repository, its schemas and the service catalogue —
// only for a signed-in member, never on a first visit (docs/first-visit.md). Screens that show the
// session's details read it with hooks/use-session.ts.
import { createContext } from 'react';
import type { Role } from '../../shared/roles';

export const SignedInRole = createContext<Role | null>(null);
