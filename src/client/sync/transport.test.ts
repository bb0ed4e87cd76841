// The HTTP transport against a scripted fetch: headers, gzip, status → typed error.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { createHttpTransport } from './transport';
import { HttpError, NetworkError, ProtocolError, parseRetryAfter } from './errors';
import { uuidv7 } from '../../shared/sync/ids';
import { CURRENT_SCHEMA_VERSION, type PushRequest } from '../../shared/sync/protocol';

const HLC = '2026-07-01T08:30:00.000Z-0000-0123456789abcdef';
const SERVER_TIME = '2026-07-01T08:30:01.000Z';

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function push(count: number): PushRequest {
  return {
    clientId: '0123456789abcdef',
    schemaVersion: CURRENT_SCHEMA_VERSION,
    mutations: Array.from({ length: count }, () => ({ id: uuidv7(), table: 'assistanceLogs' as const, recordId: uuidv7(), hlc: HLC as never, fields: { note: 'Hướng dẫn cài VNeID' } })),
  };
}

function bodyBytes(init: RequestInit | undefined): Uint8Array {
  return init?.body as Uint8Array;
}

describe('http transport', () => {
  it('sends a small push as plain JSON with the bearer token', async () => {
    const fetch = vi.fn((_url: RequestInfo | URL, _init?: RequestInit) => Promise.resolve(json({ acked: [], rejected: [], serverTime: SERVER_TIME })));
    const transport = createHttpTransport({ fetch });
    const request = push(1);
    await transport.push('token-1', request);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/sync/push');
    const headers = init?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer token-1');
    expect(headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(bodyBytes(init)))).toEqual(request);
  });

  it("sends the phone's report with a push and a pull, none with a login, and none when it cannot be read", async () => {
    const fetch = vi.fn((url: RequestInfo | URL, _init?: RequestInit) =>
      Promise.resolve((url as string).includes('pull') ? json({ changes: [], cursor: 'c', hasMore: false, serverTime: SERVER_TIME }) : json({ acked: [], rejected: [], serverTime: SERVER_TIME })),
    );
    let unsynced = 4;
    const transport = createHttpTransport({ fetch, report: () => (unsynced < 0 ? Promise.reject(new Error('no database')) : Promise.resolve({ appVersion: '0.1.0', unsynced })) });
    await transport.push('t', push(1));
    unsynced = 0;
    await transport.pull('t', undefined, 500);
    unsynced = -1;
    await transport.pull('t', undefined, 500);
    const headers = fetch.mock.calls.map(([, init]) => init?.headers as Record<string, string>);
    expect(headers.map((h) => [h['x-app-version'], h['x-unsynced-changes']])).toEqual([
      ['0.1.0', '4'],
      ['0.1.0', '0'],
      [undefined, undefined],
    ]);
  });

  it('gzips request bodies over 1 KB and says so', async () => {
    const fetch = vi.fn((_url: RequestInfo | URL, _init?: RequestInit) => Promise.resolve(json({ acked: [], rejected: [], serverTime: SERVER_TIME })));
    const transport = createHttpTransport({ fetch });
    const request = push(40);
    await transport.push('t', request);
    const init = fetch.mock.calls[0]![1];
    expect((init?.headers as Record<string, string>)['content-encoding']).toBe('gzip');
    const raw = JSON.stringify(request);
    expect(bodyBytes(init).length).toBeLessThan(raw.length / 3);
    expect(JSON.parse(gunzipSync(bodyBytes(init)).toString('utf8'))).toEqual(request);
  });

  it('asks for a page by cursor and limit', async () => {
    const fetch = vi.fn((_url: RequestInfo | URL, _init?: RequestInit) => Promise.resolve(json({ changes: [], cursor: 'c2', hasMore: false, serverTime: SERVER_TIME })));
    const transport = createHttpTransport({ fetch });
    await transport.pull('t', 'abc_-=', 1000);
    await transport.pull('t', undefined, 500);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['/api/sync/pull?limit=1000&cursor=abc_-%3D', '/api/sync/pull?limit=500']);
    expect(fetch.mock.calls[0]![1]?.method).toBe('GET');
  });

  it('turns error statuses into HttpError with the body code and Retry-After', async () => {
    const fetch = vi.fn(() => Promise.resolve(json({ error: { code: 'too_many_requests', message: 'slow down' } }, 429, { 'retry-after': '30' })));
    const transport = createHttpTransport({ fetch, now: () => 0 });
    const error = (await transport.pull('t', undefined, 10).catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 429, code: 'too_many_requests', retryAfterMs: 30_000 });
  });

  it('keeps a status whose body is not our JSON (a proxy page)', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    const error = (await createHttpTransport({ fetch }).pull('t', undefined, 10).catch((e: unknown) => e)) as HttpError;
    expect(error).toMatchObject({ status: 502, code: 'unknown' });
  });

  it('reports a failed fetch as a network error (outcome unknown)', async () => {
    const fetch = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createHttpTransport({ fetch }).push('t', push(1))).rejects.toBeInstanceOf(NetworkError);
  });

  it('gives up on a request with no answer after the timeout', async () => {
    vi.useFakeTimers();
    try {
      const fetch = vi.fn(
        (_url: RequestInfo | URL, init?: RequestInit) =>
          new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      );
      const pending = createHttpTransport({ fetch, timeoutMs: 5_000 }).pull('t', undefined, 10).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(5_000);
      const error = (await pending) as NetworkError;
      expect(error).toBeInstanceOf(NetworkError);
      expect(error.timedOut).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads a page carrying a table this app does not know (the engine sets it aside)', async () => {
    const id = uuidv7();
    const page = { changes: [{ table: 'futureTable', id, record: { id, _c: {} } }], cursor: 'c3', hasMore: false, serverTime: SERVER_TIME };
    const fetch = vi.fn(() => Promise.resolve(json(page)));
    expect((await createHttpTransport({ fetch }).pull('t', undefined, 10)).body).toEqual(page);
  });

  it('refuses a 200 that does not follow the protocol', async () => {
    const fetch = vi.fn(() => Promise.resolve(json({ changes: 'nope' })));
    await expect(createHttpTransport({ fetch }).pull('t', undefined, 10)).rejects.toBeInstanceOf(ProtocolError);
  });

  it('refreshes with an empty body (the refresh token is in the HttpOnly cookie)', async () => {
    const user = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member', communeId: 'ngok-bay' };
    const fetch = vi.fn((_url: RequestInfo | URL, _init?: RequestInit) => Promise.resolve(json({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user })));
    const answer = await createHttpTransport({ fetch }).refresh();
    expect(answer.body.accessToken).toBe('a');
    expect(answer.body).not.toHaveProperty('refreshToken');
    const init = fetch.mock.calls[0]![1];
    expect(new TextDecoder().decode(bodyBytes(init))).toBe('{}');
    expect(init?.credentials).toBe('same-origin');
  });

  it('parses Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jul 2026 08:31:00 GMT', Date.parse('2026-07-01T08:30:00Z'))).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
