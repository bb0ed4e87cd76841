// The citizen-rights calls to the server (docs/privacy.md): a leader's erasure of one citizen's
// details. Same rules as the reports' calls (api-call.ts); the token is refreshed once on 401.
import { erasureResponseSchema, type CitizenQuery, type ErasureResponse } from '../../shared/privacy/erasure';
import { callJson } from './api-call';
import { getSyncRuntime } from './runtime';

/** POST /api/privacy/erasures (leaders): erases the citizen's details from the commune's logs. */
export function eraseCitizenOnServer(query: CitizenQuery): Promise<ErasureResponse> {
  return getSyncRuntime().token.call((token) => callJson('/api/privacy/erasures', token, erasureResponseSchema, query));
}
