// Live reference lists for the assistance screens: the service catalogue, the commune's villages,
// and the user's recent kinds of help. Every liveQuery querier here is an `async` function: Dexie
// keeps observing across native awaits only then (a plain arrow returning the repository's promise
// stops observing after the repository's first await).
import { useEffect, useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { ensureServiceCatalogue, listServices, serviceName, type ServiceItem } from '../../../data/service-repository';
import { listVillages, type VillageItem } from '../../../data/village-repository';
import { recentServiceCodes } from '../../../data/assistance-list';
import { log } from '../../../lib/log';
import { seedServices } from '../../../../shared/seed';

/** The catalogue (seeded on first use, so it works before the first sync); undefined while loading. */
export function useServices(): ServiceItem[] | undefined {
  useEffect(() => {
    ensureServiceCatalogue().catch((error: unknown) => log.warn('service catalogue seed failed', error));
  }, []);
  return useLiveQuery(async () => listServices(), []);
}

/** Service code → its name in the UI language. */
export function useServiceNames(): (code: string) => string {
  const services = useServices();
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    // The shipped catalogue first, so names show at once (and before the table is seeded);
    // the phone's rows, which sync may have updated, override it.
    const names = new Map([...seedServices(), ...(services ?? [])].map((s) => [s.code, serviceName(s, language)]));
    return (code: string) => names.get(code) ?? code;
  }, [services, language]);
}

export function useVillages(includeInactive = false): VillageItem[] | undefined {
  return useLiveQuery(async () => listVillages({ includeInactive }), [includeInactive]);
}

/** Village id → name, including inactive villages (old logs keep their village's name). */
export function useVillageNames(): (id: string | null | undefined) => string | null {
  const villages = useVillages(true);
  return useMemo(() => {
    const names = new Map((villages ?? []).map((v) => [v.id, v.name]));
    return (id: string | null | undefined) => (id == null ? null : (names.get(id) ?? null));
  }, [villages]);
}

export function useRecentServiceCodes(): string[] {
  return useLiveQuery(async () => recentServiceCodes(5), []) ?? [];
}
