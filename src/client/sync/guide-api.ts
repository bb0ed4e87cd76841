// The guide editor's call (docs/field-aids.md §3): publishing needs the server (it numbers the
// version and checks it is still the newest), so it is online; the new version then reaches this
// phone, like every other, through sync.
import { z } from 'zod';
import type { PublishGuide } from '../../shared/reference/guide-api';
import { callJson } from './api-call';
import { getSyncRuntime, syncNow } from './runtime';

const publishedSchema = z.object({ record: z.object({ id: z.string() }).loose() });

/** Publishes the next version of a service's guide, then syncs so this phone shows it at once. */
export async function publishGuide(serviceCode: string, body: PublishGuide): Promise<void> {
  await getSyncRuntime().token.call((token) => callJson(`/api/admin/guides/${encodeURIComponent(serviceCode)}`, token, publishedSchema, body, 'PUT'));
  await syncNow();
}
