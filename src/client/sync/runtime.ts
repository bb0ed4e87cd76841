// Wires the sync engine into the browser: the HTTP transport, the in-memory access token, the
// scheduler and its triggers (online, visibility, outbox changes, timers), the Web Locks that keep
// one round at a time across tabs, and the status the UI shows. Loaded only for a signed-in member,
// once the browser is idle (app/sync-start.ts), so none of this weighs on the first screen.
import { AccessToken } from './access-token';
import { sendAuditEvents } from './audit-outbox';
import { readRoundStart, runSyncRound, type EngineApi } from './engine';
import { HttpError, withdrawnError } from './errors';
import { BUSY, SyncScheduler, type SchedulerEnv } from './scheduler';
import { getLiveSyncState, setLiveSyncState, type LiveSyncState } from './status-store';
import { createHttpTransport, type Transport } from './transport';
import { wipeWithdrawnPhone } from './withdrawal';
import { WIPED_PAGE } from '../data/wipe-notice';
import { syncRepository } from '../data/sync-repository';
import { SYNC_LOCK } from '../data/sync-keys';
import { clearPendingLogout, countOutbox, hasPendingLogout, observeOutboxCount, recordSyncError, recordSyncSuccess } from '../data/sync-status-repository';
import { getSession } from '../data/session-repository';
import { saveRelayKey } from '../data/relay-key';
import { purgeOldDetailsAfterSync } from '../data/retention-purge';
import { keyFor, saveDevicePolicy, subscribeVault, vaultSnapshot } from '../data/vault/vault';
import { log } from '../lib/log';

/** One token refresh at a time across tabs: refresh tokens rotate and reuse revokes the session. */
const AUTH_LOCK = 'so-tay-so-auth';

export interface SyncRuntime {
  transport: Transport;
  token: AccessToken;
  scheduler: SyncScheduler;
  /** Runs `work` while no round runs in any tab (sign-out wipes the database under it). */
  whileNotSyncing: <T>(work: () => Promise<T>) => Promise<T>;
}

let runtime: SyncRuntime | undefined;
let started = false;
/**
 * The outbox's size as startSyncRuntime's observer last saw it: the device report reads it instead
 * of counting the outbox for every request. A count is a read of the outbox, and IndexedDB queues
 * it behind the pulled page being written; the next page's request then waited for that page's
 * commit instead of overlapping it (docs/performance.md "First sync").
 */
let observedOutbox: number | undefined;

const locks = (): LockManager | undefined => (typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined);

/** navigator.locks.request, typed for async work (the DOM typings wrap the promise twice). */
function withLock<T>(name: string, options: LockOptions, work: (lock: Lock | null) => Promise<T>): Promise<T> | undefined {
  return locks()?.request(name, options, work) as Promise<T> | undefined;
}

/** The app's runtime (created on first use; `startSyncRuntime` also attaches the triggers). */
export function getSyncRuntime(): SyncRuntime {
  runtime ??= createRuntime();
  return runtime;
}

function createRuntime(): SyncRuntime {
  // The app version and the unsent changes travel with each push and pull (the devices console).
  const transport = createHttpTransport({ report: async () => ({ appVersion: __APP_VERSION__, unsynced: observedOutbox ?? (await countOutbox()) }) });
  const token = new AccessToken({
    transport,
    now: () => Date.now(),
    exclusive: (work) => withLock(AUTH_LOCK, {}, work) ?? work(),
    expectedUserId: async () => (await getSession())?.user.id,
    // The province's lock rules, kept for the lock to apply offline (docs/security.md).
    received: (body) => {
      saveDevicePolicy(body.devicePolicy).catch((error: unknown) => log.warn('keeping the device policy failed', error));
      // The member's relay key, for handing changes over without a network (docs/field-aids.md §2).
      if (body.user) saveRelayKey(body.user.id, body.relayKey).catch((error: unknown) => log.warn('keeping the relay key failed', error));
    },
  });
  const env: SchedulerEnv = {
    now: () => Date.now(),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    random: Math.random,
    isOnline: () => navigator.onLine,
    exclusive: (work) => withLock(SYNC_LOCK, { ifAvailable: true }, async (lock) => (lock ? work() : BUSY)) ?? work(),
  };
  const scheduler = new SyncScheduler(env, {
    round: async (onProgress) => {
      const started = performance.now();
      // Every read the round starts with, in one transaction: the engine's (the outbox's first
      // batch, the cursor) with the session and the outbox's size. Each trip to IndexedDB is a wait
      // before the first request leaves (docs/performance.md "Incremental sync").
      const start = readRoundStart({ store: syncRepository });
      const [session, waitingAtStart] = await Promise.all([start.session, start.waiting]);
      if (!session) {
        await revokeForgottenSession(transport);
        return false;
      }
      // Locked: no sync (docs/security.md). A finder cannot sync as the member, and pulled
      // citizen details could not be stored encrypted without the key.
      if (!keyFor(session.user)) return false;
      const api: EngineApi = {
        push: (request) => token.call((accessToken) => transport.push(accessToken, request)),
        pull: (cursor, limit) => token.call((accessToken) => transport.pull(accessToken, cursor, limit)),
      };
      try {
        await runSyncRound({ store: syncRepository, api, now: () => Date.now(), onProgress }, start);
      } catch (error) {
        const withdrawn = withdrawnError(error);
        if (!withdrawn) throw error;
        // This phone was withdrawn: push what may still go, wipe, then start afresh (docs/security.md).
        await wipeWithdrawnPhone(withdrawn, { api, token, transport }, waitingAtStart);
        token.clear();
        reloadAfterWipe();
        return false;
      }
      // The round's own time, from the session read to the last page on disk: `npm run bench`
      // compares it with a minimal client of the same pages (test/bench/floor-client.ts).
      performance.measure('sync:round', { start: started, end: performance.now() });
      // A pull may bring an old log back with its details: the phone's limit applies again
      // (docs/privacy.md "Retention"). A failure here is no failed sync.
      await purgeOldDetailsAfterSync().catch((error: unknown) => log.warn('purging old citizen details failed', error));
      // After the records: the views this member recorded (docs/privacy.md "Audit log").
      await sendAuditEvents(token, session.user.id);
      return true;
    },
    onState: showState,
    onSuccess: (at) => recordSyncSuccess(new Date(at).toISOString()),
    onError: async (info, cause) => {
      log.warn(`sync failed: ${info.reason}`, cause instanceof Error ? cause.message : cause);
      if (info.reason === 'updateRequired') askForAppUpdate();
      await recordSyncError(info);
    },
  });
  return {
    transport,
    token,
    scheduler,
    whileNotSyncing: (work) => withLock(SYNC_LOCK, {}, work) ?? scheduler.whenIdle().then(work),
  };
}

/**
 * A round shows "syncing" only once it has run this long. Most rounds (a timer's, a trigger's with
 * nothing new) end in tens of milliseconds, and showing the state, then the next, re-rendered the
 * top bar on the round's critical path — about 6 ms of a 50 ms round on one busy core, while the
 * pull waited (docs/performance.md "Incremental sync") — for a flicker nobody could read.
 */
const SHOW_RUNNING_AFTER_MS = 500;
let runningShown: { timer: number; state: LiveSyncState } | undefined;

function showState(state: Omit<LiveSyncState, 'started'>): void {
  const next = { ...state, started: true };
  if (next.running && !getLiveSyncState().running) {
    // Progress before the delay is over is kept: the latest is what shows then.
    if (runningShown) runningShown.state = next;
    else runningShown = { state: next, timer: window.setTimeout(() => runningShown && setLiveSyncState(runningShown.state), SHOW_RUNNING_AFTER_MS) };
    return;
  }
  if (runningShown) window.clearTimeout(runningShown.timer);
  runningShown = undefined;
  setLiveSyncState(next);
}

/**
 * A sign-out made offline could not revoke the server session; the cookie is still in the browser.
 * Revoke it as soon as the server answers. (Signing in again clears the flag first: the cookie is
 * then the new user's and must not be revoked.)
 */
async function revokeForgottenSession(transport: Transport): Promise<void> {
  if (!(await hasPendingLogout())) return;
  try {
    await transport.logout(undefined);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error; // no network: try again next round
  }
  await clearPendingLogout();
}

/**
 * After a wipe the page starts again from the network (the service worker is gone): nothing this
 * page still holds in memory — screens, the sync state — outlives the data. The notice is shown
 * by the fresh page, from wiped.html: index.html with the notice's frame instead of Home, so that
 * Home is never painted first (vite.config.ts).
 */
function reloadAfterWipe(): void {
  window.setTimeout(() => window.location.replace(WIPED_PAGE), 0);
}

/** 426: this app is older than the server accepts. Look for the new version (UpdatePrompt shows it). */
function askForAppUpdate(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .getRegistration()
    .then((registration) => registration?.update())
    .catch((error: unknown) => log.warn('service worker update check failed', error));
}

/**
 * Starts syncing in this tab: a round now, then on every trigger of docs/sync.md §3. Safe to call twice
 * (React StrictMode mounts effects twice in development).
 */
export function startSyncRuntime(): SyncRuntime {
  const current = getSyncRuntime();
  if (started) return current;
  started = true;
  const { scheduler } = current;
  setLiveSyncState({ started: true });
  window.addEventListener('online', () => scheduler.trigger('online'));
  document.addEventListener('visibilitychange', () => {
    const visible = document.visibilityState === 'visible';
    scheduler.setVisible(visible);
    if (visible) scheduler.trigger('visible');
  });
  scheduler.setVisible(document.visibilityState === 'visible');
  // Unlocking resumes syncing at once (a locked phone does not sync).
  subscribeVault(() => {
    if (vaultSnapshot().unlockedUserId !== null) scheduler.trigger('start');
  });
  // A local write grows the outbox (in this tab or another): sync 2 s after the last one.
  let last = Number.POSITIVE_INFINITY;
  observeOutboxCount(
    (count) => {
      observedOutbox = count;
      if (count > last) scheduler.trigger('write');
      last = count;
    },
    (error) => log.warn('outbox observer failed', error),
  );
  scheduler.trigger('start');
  return current;
}

/** "Sync now": resets the backoff, runs a round, resolves when it has finished. */
export async function syncNow(): Promise<void> {
  const { scheduler } = startSyncRuntime();
  scheduler.trigger('manual');
  await scheduler.whenIdle();
}
