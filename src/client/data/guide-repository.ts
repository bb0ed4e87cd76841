// The province's service guides as this phone holds them (docs/field-aids.md §3): pulled by sync
// into `serviceGuides` and `guideImages`, read offline with their pictures. Read-only here: only
// the province admin publishes guides, through the server (src/client/sync/guide-api.ts).
import { db } from './db';
import { matchesSearch } from '../../shared/text/vietnamese';
import type { ServiceGuideRecord } from '../../shared/schemas/service-guide';

export type GuideItem = ServiceGuideRecord;

/** A guide with its pictures as `data:` URLs (the CSP allows data: images), by image id. */
export interface GuideWithImages {
  guide: GuideItem;
  images: ReadonlyMap<string, { src: string; width: number; height: number }>;
}

/** The live guide of a service, or undefined when the province has none. */
export async function getGuide(serviceCode: string): Promise<GuideWithImages | undefined> {
  const guide = (await db.records('serviceGuides').where('serviceCode').equals(serviceCode).toArray()).find((row) => !row.deleted);
  if (!guide) return undefined;
  const wanted = new Set(guide.steps.map((step) => step.imageId).filter((id): id is string => typeof id === 'string'));
  const rows = wanted.size === 0 ? [] : await db.records('guideImages').bulkGet([...wanted]);
  const images = new Map<string, { src: string; width: number; height: number }>();
  for (const row of rows) {
    if (row && !row.deleted && row.data) images.set(row.id, { src: `data:${row.mime};base64,${row.data}`, width: row.width, height: row.height });
  }
  return { guide, images };
}

/** The service codes that have a guide (the log form shows "Hướng dẫn" only for those). */
export async function guidedServiceCodes(): Promise<Set<string>> {
  const rows = await db.records('serviceGuides').toArray();
  return new Set(rows.filter((row) => !row.deleted).map((row) => row.serviceCode));
}

/** Every live guide of the province, as this phone holds it. */
export async function listGuides(): Promise<GuideItem[]> {
  return (await db.records('serviceGuides').toArray()).filter((row) => !row.deleted);
}

/**
 * The guides whose service name, summary, steps or "what to bring" match the query, ignoring
 * diacritics and case ("kich hoat" finds "Kích hoạt"). `nameOf` gives a service's name.
 */
export async function searchGuides(query: string, nameOf: (code: string) => string): Promise<GuideItem[]> {
  const rows = await listGuides();
  const text = (guide: GuideItem) => [nameOf(guide.serviceCode), guide.summary ?? '', ...guide.steps.map((s) => s.text), ...guide.bring];
  return query.trim() === '' ? rows : rows.filter((guide) => matchesSearch(text(guide), query));
}

/** What the guides take on this phone, in characters of their stored JSON (the bench's measure). */
export async function guideStorageChars(): Promise<{ guides: number; images: number }> {
  const size = (rows: readonly unknown[]) => rows.reduce<number>((sum, row) => sum + JSON.stringify(row).length, 0);
  return { guides: size(await db.records('serviceGuides').toArray()), images: size(await db.records('guideImages').toArray()) };
}
