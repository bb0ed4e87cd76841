// A live IndexedDB read as a screen shows it: loading, ready with its value, or failed (logged, and
// shown as a translated notice by the screen). Re-runs whenever a record it read changes, here, in
// another tab or by sync; the query is an `async` function so Dexie keeps observing across its awaits.
import { useLiveQuery } from 'dexie-react-hooks';
import { log } from '../lib/log';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed' };

/** `what` names the read in the log line of a failure (never a value read). */
export function useLoaded<T>(what: string, query: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const result = useLiveQuery(
    async (): Promise<Loaded<T>> => {
      try {
        return { status: 'ready', value: await query() };
      } catch (error) {
        log.error(`${what} failed`, error instanceof Error ? error.message : error);
        return { status: 'failed' };
      }
    },
    deps,
  );
  return result ?? { status: 'loading' };
}
