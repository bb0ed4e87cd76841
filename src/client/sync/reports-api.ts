// The reports' two server reads (issue #6): the province view, computed on the server from synced
// data (admins), and the commune's name as the server knows it (for the printed report). Same
// rules as the sync transport: the access token from memory (refreshed once on 401), no caching,
// a bounded wait, and answers checked against the shared contract.
import type { z } from 'zod';
import { getSyncRuntime } from './runtime';
import { HttpError, NetworkError, ProtocolError } from './errors';
import { errorBodySchema } from '../../shared/sync/protocol';
import { communeInfoSchema, provinceQuery, provinceReportSchema, type CommuneInfo, type ProvinceReport } from '../../shared/reports/province';
import type { LocalDateRange } from '../../shared/text/dates';

const TIMEOUT_MS = 30_000;

async function getJson<T>(path: string, token: string, schema: z.ZodType<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(path, { headers: { accept: 'application/json', authorization: `Bearer ${token}` }, credentials: 'same-origin', cache: 'no-store', signal: controller.signal });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error), controller.signal.aborted);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(body);
      throw new HttpError(response.status, parsed.success ? parsed.data.error.code : 'unknown', parsed.success ? parsed.data.error.message : response.statusText);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ProtocolError(`${path}: the answer does not follow the contract`);
    return parsed.data;
  } finally {
    clearTimeout(timer);
  }
}

/** GET /api/reports/province: one row per commune of the admin's province for the period. */
export function fetchProvinceReport(range: LocalDateRange): Promise<ProvinceReport> {
  return getSyncRuntime().token.call((token) => getJson(`/api/reports/province?${provinceQuery(range)}`, token, provinceReportSchema));
}

/** GET /api/reports/commune: the signed-in user's commune (id, name, province). */
export function fetchCommuneInfo(): Promise<CommuneInfo> {
  return getSyncRuntime().token.call((token) => getJson('/api/reports/commune', token, communeInfoSchema));
}
