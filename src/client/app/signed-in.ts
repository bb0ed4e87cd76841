// Whether a member is signed in, as the lock check read it (lock-check.tsx provides it). For the
// first chunk's screens (Home), which must not read IndexedDB themselves: Home loads the
// follow-ups card — the assistance repository, its schemas and the service catalogue — only for
// a signed-in member, never on a first visit (docs/first-visit.md). Screens that show the
// session's details read it with hooks/use-session.ts.
import { createContext } from 'react';

export const SignedInContext = createContext(false);
