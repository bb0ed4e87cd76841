// People and the commune by name, never by id (docs/accounts.md "Team roster"): one hook for every
// screen that shows who wrote, signed or helped, live from the synced roster.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { getCommuneName } from '../data/reports-repository';
import { getCommuneProfile, memberNames } from '../data/team-repository';

/**
 * Turns an account id into the person's display name. An id this phone does not know (the roster
 * has not synced yet, or the account belongs elsewhere) reads "a team member", never the id.
 */
export function usePersonName(): (id: string | null | undefined) => string {
  const { t } = useTranslation('common');
  const names = useMemberNames();
  return useCallback((id) => (id ? names?.get(id) : undefined) ?? t('people.unknown'), [names, t]);
}

/** Account id → display name of everyone this phone knows (undefined while loading). */
export function useMemberNames(): ReadonlyMap<string, string> | undefined {
  return useLiveQuery(() => memberNames().catch(() => new Map<string, string>()), []);
}

/** The signed-in user's commune's name, or undefined until the first sync brings it. */
export function useCommuneName(): string | undefined {
  return useLiveQuery(async () => (await getCommuneProfile().catch(() => undefined))?.name, []);
}

/**
 * A commune's name for a document it issues (the printed and exported reports): as the synced
 * profile, the server's last answer or the shipped list of communes names it; null when none
 * does (the document then leaves the name blank, never shows the id); undefined while loading.
 */
export function useCommuneNameOf(communeId: string): string | null | undefined {
  return useLiveQuery(async () => getCommuneName(communeId).catch(() => null), [communeId]);
}
