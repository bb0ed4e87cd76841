// Who is signed in on this phone, as the lock check needs it before the first render and after:
// read with the bare IndexedDB API (boot-settings.ts), so that a visit with nobody signed in builds
// and opens no Dexie database at all (docs/first-visit.md), and kept current by the only code that
// changes the stored session — session-repository.ts's saveSession and clearSession, and the wipe
// of a withdrawn phone (device-wipe.ts) — which tells this module in this tab and, through a
// BroadcastChannel, in the phone's other tabs (which read the stored row again).
// Screens that show the session's details read it live through Dexie (hooks/use-session.ts).
import { readStoredValues, readStoredValuesIfAny } from './boot-settings';
import { SYNC_KEYS } from './sync-keys';
import { hasFields } from '../../shared/has-fields';
import type { Role } from '../../shared/roles';

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

/** The settings row that holds the session. */
export const SESSION_KEY = 'session';

export function isSession(value: unknown): value is Session {
  return hasFields(value, 'user') && hasFields(value.user, 'id', 'role') && typeof value.user.id === 'string' && typeof value.user.role === 'string';
}

/** undefined: not read yet, or it could not be read. */
let current: Session | null | undefined;
const listeners = new Set<() => void>();
// Opened on first use, not at import: an open channel keeps a Node process (a bench, a script that
// imports the data layer) from exiting. Every way this tab follows the session goes through
// subscribeStoredSession or loadStoredSession first (the lock check does both before its first
// render), so the other tabs' messages are heard from then on.
let channel: BroadcastChannel | null | undefined;

function otherTabs(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('so-tay-so-session');
  channel?.addEventListener('message', () => {
    loadStoredSession().catch(() => undefined);
  });
  return channel;
}

function publish(session: Session | null): void {
  // The same session read again (another tab's message) changes nothing on screen.
  if (session === current || (session && current && JSON.stringify(session) === JSON.stringify(current))) return;
  current = session;
  for (const listener of listeners) listener();
}

/** The session as last read or written in this tab (for React's useSyncExternalStore). */
export function storedSession(): Session | null | undefined {
  return current;
}

export function subscribeStoredSession(listener: () => void): () => void {
  otherTabs();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads the stored session (without Dexie) and publishes it. */
export async function loadStoredSession(): Promise<Session | null> {
  otherTabs();
  const values = await readStoredValuesIfAny([['settings', SESSION_KEY]]);
  // No database at all under a signed-in tab: another tab's wipe of a withdrawn phone deleted it
  // (device-wipe.ts), and its message reached this tab. The wipe's notice comes by another path
  // (wipe-notice.ts's storage event), in no set order with this message: until it comes, this tab
  // keeps its session, and so its lock, instead of showing the signed-out Home for a moment.
  if (values === null && current) return current;
  const value = values?.[0];
  const session = isSession(value) ? value : null;
  publish(session);
  return session;
}

/** Called after the stored session changed in this tab: tells this tab's lock check and the other tabs'. */
export function noteSessionChanged(session: Session | null): void {
  publish(session);
  otherTabs()?.postMessage('changed');
}

/** A sign-out made offline still owes the server a revocation (sync-status-repository.ts markPendingLogout). */
export async function pendingLogoutStored(): Promise<boolean> {
  const [value] = await readStoredValues([['syncState', SYNC_KEYS.pendingLogout]]);
  return value === true;
}
