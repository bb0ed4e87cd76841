// The citizen-rights calls to the server (docs/privacy.md): a leader's erasure of one citizen's
// details. Same rules as the reports' calls: token from memory (refreshed once on 401), no
// caching, a bounded wait, the answer checked against the shared contract.
import { erasureResponseSchema, type CitizenQuery, type ErasureResponse } from '../../shared/privacy/erasure';
import { errorBodySchema } from '../../shared/sync/protocol';
import { HttpError, NetworkError, ProtocolError } from './errors';
import { getSyncRuntime } from './runtime';

const TIMEOUT_MS = 30_000;

async function postErasure(query: CitizenQuery, token: string): Promise<ErasureResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch('/api/privacy/erasures', {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(query),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error), controller.signal.aborted);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(body);
      throw new HttpError(response.status, parsed.success ? parsed.data.error.code : 'unknown', parsed.success ? parsed.data.error.message : response.statusText);
    }
    const parsed = erasureResponseSchema.safeParse(body);
    if (!parsed.success) throw new ProtocolError('/api/privacy/erasures: the answer does not follow the contract');
    return parsed.data;
  } finally {
    clearTimeout(timer);
  }
}

/** POST /api/privacy/erasures (leaders): erases the citizen's details from the commune's logs. */
export function eraseCitizenOnServer(query: CitizenQuery): Promise<ErasureResponse> {
  return getSyncRuntime().token.call((token) => postErasure(query, token));
}
