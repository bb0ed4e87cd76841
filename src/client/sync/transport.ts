// The HTTP side of sync (docs/sync.md §4): the only code in the app that calls fetch. It turns every
// answer into either a parsed, contract-checked body or a typed error (errors.ts); deciding what
// to do about an error is the engine's job.
import { z } from 'zod';
import { ProtocolError, HttpError, NetworkError, parseRetryAfter } from './errors';
import {
  COMPRESS_REQUEST_ABOVE_BYTES,
  errorBodySchema,
  pulledPageSchema,
  pushResponseSchema,
  type PulledPage,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/protocol';
import { userSchema, type User } from '../../shared/schemas/user';
import { DEVICE_REPORT_HEADERS, type DeviceReport } from '../../shared/admin/devices';

/** A parsed answer and when it was asked and received (device clock), for the clock offset. */
export interface Timed<T> {
  body: T;
  sentAt: number;
  receivedAt: number;
}

/** Login and refresh answers. The refresh token in the JSON is ignored: the browser keeps it in an HttpOnly cookie. */
export const authResponseSchema = z.object({
  accessToken: z.string().min(1),
  /** Seconds. */
  expiresIn: z.number().positive(),
  user: userSchema.optional(),
  /** The province's lock rules (PROTOCOL.md §2), checked where they are kept: one out of range never fails a sign-in. */
  devicePolicy: z.unknown().optional(),
  /** A commune member's relay key for handing changes over (PROTOCOL.md §2), checked where it is kept. */
  relayKey: z.string().max(64).optional(),
});
export type AuthResponse = z.infer<typeof authResponseSchema>;
export type { User };

export interface Transport {
  login(credentials: { username: string; password: string }): Promise<Timed<AuthResponse>>;
  /** Cookie-based: the HttpOnly refresh cookie rotates on every call. */
  refresh(): Promise<Timed<AuthResponse>>;
  logout(accessToken: string | undefined): Promise<void>;
  /** A withdrawn phone, after its own wipe: the server answers with Clear-Site-Data (PROTOCOL.md §2). */
  wipe(): Promise<void>;
  push(accessToken: string, request: PushRequest): Promise<Timed<PushResponse>>;
  pull(accessToken: string, cursor: string | undefined, limit: number): Promise<Timed<PulledPage>>;
}

export interface HttpTransportOptions {
  /** '' = same origin (the app and the API share one origin: no CORS). */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /** A request with no answer by then is abandoned as a network error (outcome unknown). */
  timeoutMs?: number;
  compress?: (bytes: Uint8Array) => Promise<Uint8Array>;
  /**
   * What the phone says about itself with each push and pull (its app version, its unsent
   * changes): the devices console shows it (PROTOCOL.md §4). A failure to read it sends none.
   */
  report?: () => Promise<DeviceReport>;
}

/** 2G that drops mid-request must fail in bounded time, but a 60 KB push over 50 kbit/s needs ~10 s. */
export const REQUEST_TIMEOUT_MS = 60_000;

const encoder = new TextEncoder();

/** gzip with the browser's CompressionStream (Chrome 80+, Safari 16.4+). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const source = new Response(bytes as BodyInit).body;
  if (!source) return bytes;
  return new Uint8Array(await new Response(source.pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const compress = options.compress ?? (typeof CompressionStream === 'function' ? gzip : undefined);

  async function reportHeaders(): Promise<Record<string, string>> {
    const report = await options.report?.().catch(() => undefined);
    const headers: Record<string, string> = {};
    if (report?.appVersion !== undefined) headers[DEVICE_REPORT_HEADERS.appVersion] = report.appVersion;
    if (report?.unsynced !== undefined) headers[DEVICE_REPORT_HEADERS.unsynced] = String(report.unsynced);
    return headers;
  }

  async function request<T>(
    path: string,
    init: { method: 'GET' | 'POST'; token?: string; json?: unknown; report?: boolean },
    schema: z.ZodType<T>,
  ): Promise<Timed<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...(init.report ? await reportHeaders() : {}) };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: Uint8Array | undefined;
    if (init.json !== undefined) {
      body = encoder.encode(JSON.stringify(init.json));
      headers['content-type'] = 'application/json';
      // Uploads are the slow direction on 2G/3G; JSON with repeated keys shrinks 4–8×.
      if (compress && body.length > COMPRESS_REQUEST_ABOVE_BYTES) {
        body = await compress(body);
        headers['content-encoding'] = 'gzip';
      }
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const sentAt = now();
    try {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          method: init.method,
          headers,
          ...(body ? { body: body as BodyInit } : {}),
          credentials: 'same-origin',
          cache: 'no-store',
          signal: controller.signal,
        });
      } catch (error) {
        throw new NetworkError(controller.signal.aborted ? 'request timed out' : describe(error), controller.signal.aborted);
      }
      let parsed: unknown;
      try {
        const text = await response.text();
        parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch (error) {
        // A connection cut while the body streamed in is a network error; a 2xx with broken JSON is not.
        if (controller.signal.aborted || error instanceof TypeError) throw new NetworkError(describe(error), controller.signal.aborted);
        if (response.ok) throw new ProtocolError(`${path}: the answer is not JSON`);
        parsed = undefined;
      }
      const receivedAt = now();
      if (!response.ok) {
        const error = errorBodySchema.safeParse(parsed);
        throw new HttpError(
          response.status,
          error.success ? error.data.error.code : 'unknown',
          error.success ? error.data.error.message : response.statusText,
          parseRetryAfter(response.headers.get('retry-after'), receivedAt),
          error.success ? error.data.error.remainingAttempts : undefined,
        );
      }
      const result = schema.safeParse(parsed);
      if (!result.success) throw new ProtocolError(`${path}: the answer does not follow the protocol`);
      return { body: result.data, sentAt, receivedAt };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    login: (credentials) => request('/api/auth/login', { method: 'POST', json: credentials }, authResponseSchema),
    // An empty body: the server takes the refresh token from the HttpOnly cookie.
    refresh: () => request('/api/auth/refresh', { method: 'POST', json: {} }, authResponseSchema),
    logout: async (accessToken) => {
      await request('/api/auth/logout', { method: 'POST', json: {}, ...(accessToken ? { token: accessToken } : {}) }, z.unknown());
    },
    wipe: async () => {
      await request('/api/auth/wipe', { method: 'POST', json: {} }, z.unknown());
    },
    push: (accessToken, pushRequest) => request('/api/sync/push', { method: 'POST', token: accessToken, json: pushRequest, report: true }, pushResponseSchema),
    pull: (accessToken, cursor, limit) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== undefined) query.set('cursor', cursor);
      return request(`/api/sync/pull?${query.toString()}`, { method: 'GET', token: accessToken, report: true }, pulledPageSchema);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
