// The service guides for the assistance screens (docs/field-aids.md §3): live queries over the
// phone's copy, so a version pulled by sync shows without a reload.
import { useLiveQuery } from 'dexie-react-hooks';
import { getGuide, guidedServiceCodes, searchGuides, type GuideItem, type GuideWithImages } from '../../../data/guide-repository';

/** A service's guide with its pictures; null when there is none, undefined while loading. */
export function useGuide(serviceCode: string): GuideWithImages | null | undefined {
  return useLiveQuery(async () => (serviceCode ? ((await getGuide(serviceCode)) ?? null) : null), [serviceCode]);
}

/** The codes of the services that have a guide. */
export function useGuidedCodes(): Set<string> | undefined {
  return useLiveQuery(async () => guidedServiceCodes(), []);
}

export function useGuideSearch(query: string, nameOf: (code: string) => string): GuideItem[] | undefined {
  return useLiveQuery(async () => searchGuides(query, nameOf), [query, nameOf]);
}
