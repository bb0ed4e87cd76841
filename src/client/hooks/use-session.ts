// The signed-in user as a live React value (undefined while loading, null when signed out).
import { useLiveQuery } from 'dexie-react-hooks';
import { getSession, type Session } from '../data/session-repository';

export function useSession(): Session | null | undefined {
  return useLiveQuery(async () => (await getSession()) ?? null, []);
}
