// The notice of a withdrawn phone's wipe (device-wipe.ts, docs/security.md "Revoke and wipe"): it
// survives the wipe in localStorage (counts and a reason only, nothing of the commune), and the
// lock check shows it before anything else. Apart from the wipe itself (Dexie) so that the lock
// check reads it on every start without loading Dexie (docs/first-visit.md).
import { hasFields } from '../../shared/has-fields';

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

export function saveWipeNotice(notice: WipeNotice): void {
  try {
    localStorage.setItem(NOTICE_KEY, JSON.stringify(notice));
  } catch {
    // No localStorage (private mode quota): the screen shows it for this page only.
  }
  current = notice;
  for (const listener of listeners) listener();
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
  }
  return current;
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
  current = null;
  for (const listener of listeners) listener();
}
