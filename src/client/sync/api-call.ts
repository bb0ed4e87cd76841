// One JSON call to the API beside sync (privacy, audit): the access token from memory, no caching,
// a bounded wait, errors as the sync transport's (NetworkError, HttpError), and the answer
// checked against the shared contract.
import type { z } from 'zod';
import { errorBodySchema } from '../../shared/sync/protocol';
import { HttpError, NetworkError, ProtocolError, parseRetryAfter } from './errors';

const TIMEOUT_MS = 30_000;

/** GET without a body, POST with one; `method` says otherwise (PATCH, PUT). `token` undefined: no sign-in (redeeming a code). */
export async function callJson<T>(path: string, token: string | undefined, schema: z.ZodType<T>, body?: unknown, method?: 'PATCH' | 'PUT'): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(path, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        headers: {
          accept: 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error), controller.signal.aborted);
    }
    const answer: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(answer);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      throw new HttpError(
        response.status,
        parsed.success ? parsed.data.error.code : 'unknown',
        parsed.success ? parsed.data.error.message : response.statusText,
        retryAfterMs,
        parsed.success ? parsed.data.error.remainingAttempts : undefined,
        parsed.success ? parsed.data.error.problem : undefined,
      );
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ProtocolError(`${path}: the answer does not follow the contract`);
    return parsed.data;
  } finally {
    clearTimeout(timer);
  }
}
