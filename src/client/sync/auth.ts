// Sign-in and sign-out. Signing in needs the network once; afterwards the session (who is using
// this phone) lives in IndexedDB and the app works offline, while the access token stays in
// memory and the refresh token in an HttpOnly cookie (docs/privacy.md checklist item 24).
import { HttpError, NetworkError } from './errors';
import { getSyncRuntime } from './runtime';
import { getSession, saveSession } from '../data/session-repository';
import { saveRelayKey } from '../data/relay-key';
import { NO_LOSSES, PendingChangesError, wipeLocalUserData, type SignOutLosses } from '../data/local-wipe';
import { clearPendingLogout, clearSyncError, countOutbox, markPendingLogout } from '../data/sync-status-repository';
import { releaseRejectedChanges } from '../data/rejected-change-repository';
import { requestPersistentStorage } from '../data/storage-info';
import { adoptKey, deleteMemberKey, establishKey, PreviousPasswordNeededError, WrongSecretError } from '../data/vault/vault';
import { log } from '../lib/log';

export type SignInFailure =
  /** `remainingAttempts`: tries left before the account locks; `lockedUntil` (ms since epoch) once none are. */
  | { reason: 'wrongPassword'; remainingAttempts?: number; lockedUntil?: number }
  | { reason: 'tooManyAttempts'; lockedUntil?: number }
  | { reason: 'offline' }
  | { reason: 'updateRequired' }
  | { reason: 'server' }
  /** The password changed on the server since this phone made the member's key: type the previous one once. */
  | { reason: 'previousPasswordNeeded' }
  | { reason: 'previousPasswordWrong' }
  /** Another person's changes are still waiting on this phone: they must be sent (or given up) first. */
  | { reason: 'otherUserPending'; pending: number; otherName: string };

export type SignInResult = { ok: true } | ({ ok: false } & SignInFailure);

/**
 * Online sign-in. The password the server accepted also unlocks (or, on a first sign-in here,
 * creates) the member's data key on this phone (docs/security.md): after success the app is unlocked.
 */
export async function signIn(username: string, password: string, previousPassword?: string): Promise<SignInResult> {
  const { transport, token, scheduler, whileNotSyncing } = getSyncRuntime();
  // Refused here, before any request: the server's answer to a sign-in replaces the phone's
  // refresh cookie, so asking it first would sign the waiting member out (docs/security.md "Shared phones").
  const waiting = await otherMemberPending(username);
  if (waiting) return { ok: false, ...waiting };
  let answer;
  try {
    answer = await transport.login({ username: username.trim(), password });
  } catch (error) {
    return { ok: false, ...signInFailure(error) };
  }
  const user = answer.body.user;
  if (!user) return { ok: false, reason: 'server' };
  let key: CryptoKey;
  try {
    key = await establishKey(user, password, previousPassword);
  } catch (error) {
    await transport.logout(answer.body.accessToken).catch(() => undefined);
    if (error instanceof PreviousPasswordNeededError) return { ok: false, reason: 'previousPasswordNeeded' };
    if (error instanceof WrongSecretError) return { ok: false, reason: 'previousPasswordWrong' };
    throw error;
  }
  const outcome = await whileNotSyncing(async (): Promise<SignInResult> => {
    const previous = await getSession();
    if (previous && previous.user.id !== user.id) {
      // Changes saved since the check before the request (or a session kept without its username).
      const pending = await countOutbox();
      if (pending > 0) return { ok: false, reason: 'otherUserPending', pending, otherName: previous.user.displayName };
      // A shared phone changing hands: the previous member's data goes before the next one's comes.
      // Their drafts and refused changes stay, sealed with their own key and held for them: the
      // next member can neither read nor delete them (docs/security.md "Shared phone").
      await wipeLocalUserData({ userId: previous.user.id, handOver: true });
    }
    await releaseRejectedChanges(user.id);
    // The cookie is now this user's: a revocation still owed for an earlier sign-out would hit it.
    await clearPendingLogout();
    await saveSession({ user, signedInAt: new Date(answer.receivedAt).toISOString() });
    await clearSyncError();
    return { ok: true };
  });
  if (!outcome.ok) {
    // Do not leave a live server session behind for a sign-in we refused.
    await transport.logout(answer.body.accessToken).catch(() => undefined);
    return outcome;
  }
  token.set(answer);
  adoptKey(user, key);
  // Kept now, while the phone is online: a hand-over is made offline (docs/field-aids.md §2).
  await saveRelayKey(user.id, answer.body.relayKey, key).catch((error: unknown) => log.warn('keeping the relay key failed', error));
  // docs/sync.md §7.2 item 14: ask right after the first sign-in, when the user has just engaged.
  requestPersistentStorage().catch((error: unknown) => log.warn('persistent storage request failed', error));
  scheduler.trigger('signIn');
  return outcome;
}

/**
 * The refusal when another member is signed in on this phone and their changes still wait. Usernames
 * are one account whatever their case (the server keys them in lower case).
 */
async function otherMemberPending(username: string): Promise<SignInFailure | undefined> {
  const previous = await getSession();
  const known = previous?.user.username;
  if (!previous || typeof known !== 'string' || known.toLowerCase() === username.trim().toLowerCase()) return undefined;
  const pending = await countOutbox();
  return pending > 0 ? { reason: 'otherUserPending', pending, otherName: previous.user.displayName } : undefined;
}

function signInFailure(error: unknown): SignInFailure {
  if (error instanceof NetworkError) return { reason: 'offline' };
  if (error instanceof HttpError) {
    // When the lock lifts, as a moment: the screen shows it as a clock time that does not drift.
    const lockedUntil = error.retryAfterMs === undefined ? {} : { lockedUntil: Date.now() + error.retryAfterMs };
    if (error.status === 401 || error.status === 400) {
      return { reason: 'wrongPassword', ...(error.remainingAttempts === undefined ? {} : { remainingAttempts: error.remainingAttempts }), ...lockedUntil };
    }
    if (error.status === 429) return { reason: 'tooManyAttempts', ...lockedUntil };
    if (error.status === 426) return { reason: 'updateRequired' };
  }
  log.warn('sign-in failed', error instanceof Error ? error.message : error);
  return { reason: 'server' };
}

export type SignOutResult = { ok: true } | { ok: false; losses: SignOutLosses };

/**
 * Signs out and clears this user's data from the phone (shared phones, docs/privacy.md checklist item 26–27).
 * Refuses unless what would be deleted for good (unsent changes, refused changes, the member's
 * drafts; none by default) is exactly what the member was shown and agreed to lose
 * (docs/security.md "Sign-out and storage loss"). Runs while no sync round runs in any tab, so a
 * page being pulled cannot bring the data back after the wipe.
 */
export async function signOut(options: { agreed?: SignOutLosses } = {}): Promise<SignOutResult> {
  const { transport, token, whileNotSyncing } = getSyncRuntime();
  const session = await getSession();
  if (!session) return { ok: true };
  try {
    await whileNotSyncing(() => wipeLocalUserData({ userId: session.user.id, agreed: options.agreed ?? NO_LOSSES }));
  } catch (error) {
    if (error instanceof PendingChangesError) return { ok: false, losses: error.losses };
    throw error;
  }
  await deleteMemberKey(session.user);
  const accessToken = token.current();
  token.clear();
  try {
    await transport.logout(accessToken);
  } catch (error) {
    // Offline: the phone is already clean; the server session is revoked when the network returns.
    if (!(error instanceof HttpError)) await markPendingLogout();
  }
  return { ok: true };
}
