// The reports' server reads (issue #6): the province view, computed on the server from synced
// data (admins), the compiled view of the communes' submitted period reports (admins), and the
// commune's name as the server knows it (for the printed report). One JSON
// call each (api-call.ts: the access token from memory, refreshed once on 401, no caching, a
// bounded wait, answers checked against the shared contract).
import { getSyncRuntime } from './runtime';
import { callJson } from './api-call';
import { communeInfoSchema, provinceQuery, provinceReportSchema, type CommuneInfo, type ProvinceReport } from '../../shared/reports/province';
import { compiledQuery, compiledReportSchema, returnResponseSchema, type CompiledReport, type ReturnRequest } from '../../shared/reports/compiled';
import type { LocalDateRange } from '../../shared/text/dates';

/** GET /api/reports/province: one row per commune of the admin's province for the period. */
export function fetchProvinceReport(range: LocalDateRange): Promise<ProvinceReport> {
  return getSyncRuntime().token.call((token) => callJson(`/api/reports/province?${provinceQuery(range)}`, token, provinceReportSchema));
}

/** GET /api/reports/commune: the signed-in user's commune (id, name, province). */
export function fetchCommuneInfo(): Promise<CommuneInfo> {
  return getSyncRuntime().token.call((token) => callJson('/api/reports/commune', token, communeInfoSchema));
}

/** GET /api/reports/compiled: every commune's latest submitted report for one reporting period, and their sums. */
export function fetchCompiledReport(period: LocalDateRange): Promise<CompiledReport> {
  return getSyncRuntime().token.call((token) => callJson(`/api/reports/compiled?${compiledQuery(period)}`, token, compiledReportSchema));
}

/** POST /api/reports/returns: the province admin returns a commune's latest report for correction. */
export function returnReport(request: ReturnRequest): Promise<{ returnedAt: string }> {
  return getSyncRuntime().token.call((token) => callJson('/api/reports/returns', token, returnResponseSchema, request));
}
