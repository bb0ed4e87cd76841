// The service catalogue (kinds of help) as this phone knows it: the seeded catalogue shipped with
// the app, replaced field by field by the province's copy once sync pulls it. Read-only here:
// only admins change the catalogue, on the server.
import { db } from './db';
import { ensureReferenceSeed } from './reference-seed';
import { seedServices } from '../../shared/seed';
import { seedRecord } from '../../shared/seed/seed-record';
import type { ServiceRecord } from '../../shared/schemas/service';

/** A kind of help as the screens read it: the stored record. */
export type ServiceItem = ServiceRecord;

/**
 * Puts the shipped catalogue into the `services` table where rows are missing, so a phone that
 * never synced still offers every kind of help. Safe to call on every screen mount: a complete
 * catalogue is one read-only look (reference-seed.ts), and concurrent calls never add a row twice.
 */
export function ensureServiceCatalogue(): Promise<number> {
  return ensureReferenceSeed('services', seedServices().map((service) => seedRecord(service)));
}

/**
 * Every service, including inactive ones (old logs still need their names), in catalogue order
 * (the seed lists them by group, most frequent first). Call ensureServiceCatalogue() first.
 */
export async function listServices(): Promise<ServiceItem[]> {
  const rows = await db.records('services').toArray();
  const order = new Map(seedServices().map((service, index) => [service.code, index]));
  return rows
    .filter((service) => !service.deleted)
    .sort((a, b) => (order.get(a.code) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.code) ?? Number.MAX_SAFE_INTEGER) || (a.code < b.code ? -1 : 1));
}

/** The name to show: the UI language's, falling back to Vietnamese when the English is empty. */
export function serviceName(service: Pick<ServiceItem, 'name'>, language: string): string {
  return language === 'en' && service.name.en.trim() !== '' ? service.name.en : service.name.vi;
}
