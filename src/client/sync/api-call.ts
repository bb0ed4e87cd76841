// One JSON call to the API beside sync (privacy, audit): the access token from memory, no caching,
// a bounded wait, errors as the sync transport's (NetworkError, HttpError), and the answer
// checked against the shared contract.
import type { z } from 'zod';
import { errorBodySchema } from '../../shared/sync/protocol';
import { HttpError, NetworkError, ProtocolError } from './errors';

const TIMEOUT_MS = 30_000;

export async function callJson<T>(path: string, token: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
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
      throw new HttpError(response.status, parsed.success ? parsed.data.error.code : 'unknown', parsed.success ? parsed.data.error.message : response.statusText);
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ProtocolError(`${path}: the answer does not follow the contract`);
    return parsed.data;
  } finally {
    clearTimeout(timer);
  }
}
