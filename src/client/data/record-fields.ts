// What an edit of a synced record sends: only the fields whose value really changes, so a
// concurrent edit of another field on another phone is never overwritten (per-field merge,
// src/shared/sync/PROTOCOL.md), and an edit that changes nothing queues nothing.
import { sameJson } from '../../shared/sync/canonical-json';

/**
 * The entries whose value is not undefined (a write never sends undefined: JSON drops it), and
 * that `keep` accepts.
 */
export function definedOnly<T extends object>(value: T, keep: (name: string, value: unknown) => boolean = () => true): Partial<T> {
  const entries = Object.entries(value).filter(([name, v]) => v !== undefined && keep(name, v));
  // The entries are T's own, minus some: a Partial<T>.
  return Object.fromEntries(entries) as Partial<T>;
}

/** The fields of `next` whose value differs from the stored one (an absent field and null are the same). */
export function changedFields<T extends object>(stored: object, next: T): Partial<T> {
  const before = new Map(Object.entries(stored));
  return definedOnly(next, (name, value) => !sameJson(value, before.get(name)));
}

/** The values a stored record has for some fields (absent ones left out). */
export function pickFields<K extends string>(stored: Partial<Record<K, unknown>>, names: readonly K[]): Partial<Record<K, unknown>> {
  const picked: Partial<Record<K, unknown>> = {};
  for (const name of names) if (stored[name] !== undefined) picked[name] = stored[name];
  return picked;
}
