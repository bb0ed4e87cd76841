// The notice of a withdrawn phone's wipe (device-wipe.ts, docs/security.md "Revoke and wipe"): it
// survives the wipe in localStorage (counts and a reason only, nothing of the commune), and the
// lock check shows it before anything else. Apart from the wipe itself (Dexie) so that the lock
// check reads it on every start without loading Dexie (docs/first-visit.md). While it is unread, a
// cookie asks the server for the notice's page instead of index.html, so that a later start (a
// reload, a new tab, the icon) paints the notice first, never the static Home (shared/wiped-page.ts).
import { hasFields } from '../../shared/has-fields';
import { WIPED_COOKIE } from '../../shared/wiped-page';

export { WIPED_PAGE } from '../../shared/wiped-page';

export type WithdrawalReason = 'device_revoked' | 'account_disabled';

/** What the wipe screen tells the member. */
export interface WipeNotice {
  reason: WithdrawalReason;
  /** ISO time of the wipe. */
  at: string;
  /** Unsent changes the final push delivered. */
  sent: number;
  /** Unsent changes the server no longer took: deleted with the rest. */
  unsent: number;
  /** Changes the server had refused, kept to be read: deleted. */
  refused: number;
  /** Drafts (unsaved forms) of the signed-in member and of other members of this phone: deleted. */
  ownDrafts: number;
  otherDrafts: number;
}

export type WipeCounts = Pick<WipeNotice, 'unsent' | 'refused' | 'ownDrafts' | 'otherDrafts'>;

const NOTICE_KEY = 'so-tay-so.wipe-notice';
const COUNTS = ['sent', 'unsent', 'refused', 'ownDrafts', 'otherDrafts'] as const;

/** A stored notice as this version wrote it: a known reason, a time, and whole counts of zero or more. */
function isWipeNotice(value: unknown): value is WipeNotice {
  return (
    hasFields(value, 'reason', 'at', ...COUNTS) &&
    (value.reason === 'device_revoked' || value.reason === 'account_disabled') &&
    typeof value.at === 'string' &&
    COUNTS.every((name) => Number.isInteger(value[name]) && Number(value[name]) >= 0)
  );
}

let current: WipeNotice | null | undefined;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** The cookie of an unread notice: set (a year) or cleared. */
function askForWipedPage(unread: boolean): void {
  try {
    document.cookie = `${WIPED_COOKIE}=1; path=/; max-age=${unread ? 31_536_000 : 0}; samesite=strict`;
  } catch {
    // No document (a script outside the browser): no page to ask for.
  }
}

export function saveWipeNotice(notice: WipeNotice): void {
  try {
    localStorage.setItem(NOTICE_KEY, JSON.stringify(notice));
  } catch {
    // No localStorage (private mode quota): the screen shows it for this page only.
  }
  askForWipedPage(true);
  current = notice;
  notify();
}

/** The notice of a wipe the member has not yet dismissed, or null. */
export function wipeNotice(): WipeNotice | null {
  if (current === undefined) {
    try {
      const text = localStorage.getItem(NOTICE_KEY);
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      current = isWipeNotice(parsed) ? parsed : null;
    } catch {
      current = null;
    }
    // A cookie left without its notice (the notice lost with the site's storage) would keep
    // answering every start with a notice that never comes.
    if (!current) askForWipedPage(false);
  }
  return current;
}

// The other tabs: another tab's wipe saves its notice (a storage event), and this tab shows it at
// once, before the session's end reaches it (app/lock-check.tsx). Only this key counts: a clearing
// of the whole storage (Clear-Site-Data during the wipe) is no dismissal.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== NOTICE_KEY) return;
    current = undefined;
    notify();
  });
}

export function subscribeWipeNotice(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function dismissWipeNotice(): void {
  try {
    localStorage.removeItem(NOTICE_KEY);
  } catch {
    // nothing kept
  }
  askForWipedPage(false);
  current = null;
  notify();
}
