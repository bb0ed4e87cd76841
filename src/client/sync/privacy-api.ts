// The citizen-rights calls to the server (docs/privacy.md): a leader's erasure of one citizen's
// details; the province's retention limit. Same rules as the reports' calls (api-call.ts); the token is refreshed once on 401.
import { citizenHistorySchema, type CitizenHistory } from '../../shared/privacy/audit';
import { erasureResponseSchema, type CitizenQuery, type ErasureResponse } from '../../shared/privacy/erasure';
import { provinceRequestCountsSchema, type ProvinceRequestCounts } from '../../shared/privacy/rights-requests';
import { retentionSettingSchema, type RetentionSetting } from '../../shared/privacy/retention';
import { callJson } from './api-call';
import { getSyncRuntime } from './runtime';

/** POST /api/privacy/erasures (leaders): erases the citizen's details from the commune's logs. */
export function eraseCitizenOnServer(query: CitizenQuery): Promise<ErasureResponse> {
  return getSyncRuntime().token.call((token) => callJson('/api/privacy/erasures', token, erasureResponseSchema, query));
}

/** POST /api/privacy/citizen-history (leaders): the commune's audit events about one citizen. */
export function fetchCitizenHistory(query: CitizenQuery): Promise<CitizenHistory> {
  return getSyncRuntime().token.call((token) => callJson('/api/privacy/citizen-history', token, citizenHistorySchema, query));
}

/** GET /api/privacy/retention (leaders, the province admin): the province's limit. */
export function readRetention(): Promise<RetentionSetting> {
  return getSyncRuntime().token.call((token) => callJson('/api/privacy/retention', token, retentionSettingSchema));
}

/** POST /api/privacy/retention (the province admin): sets the province's limit in months. */
export function setRetention(months: number): Promise<RetentionSetting> {
  return getSyncRuntime().token.call((token) => callJson('/api/privacy/retention', token, retentionSettingSchema, { months }));
}

/** GET /api/privacy/rights-requests/counts (the province admin): the communes' requests, counted. */
export function readRequestCounts(): Promise<ProvinceRequestCounts> {
  return getSyncRuntime().token.call((token) => callJson('/api/privacy/rights-requests/counts', token, provinceRequestCountsSchema));
}
