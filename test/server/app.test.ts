// The HTTP surface of the foundation, through app.inject() on a real store (SQLite file
// and PostgreSQL database) and a real build folder written to a temp dir.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { ApiError, type ErrorBody } from '../../src/server/errors';
import type { HealthResponse } from '../../src/server/routes/health';
import { CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY } from '../../src/server/security-headers';
import { LATEST_SCHEMA_VERSION } from '../../src/server/storage/migrations';
import type { SyncStore } from '../../src/server/storage/types';
import { APP_VERSION } from '../../src/shared/version';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';

const INDEX_HTML = '<!doctype html><html lang="vi"><head><title>Sổ tay số</title></head><body><div id="root"></div></body></html>';
// Over the 1 KB compression threshold, and compressible.
const APP_JS = `export const rows = [${Array.from({ length: 300 }, (_, i) => `"row ${i}"`).join(',')}];\n`;
const SECRET_OUTSIDE_DIST = 'TOP-SECRET-OUTSIDE-DIST';

const EXPECTED_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'geolocation=(), camera=(), microphone=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** A temp folder laid out like `vite build` output, with a secret next to it. */
async function writeDist(): Promise<{ dir: string; dist: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-dist-'));
  const dist = path.join(dir, 'dist');
  const files: Record<string, string> = {
    'index.html': INDEX_HTML,
    'assets/app-abc123.js': APP_JS,
    'assets/app-abc123.css': 'body{margin:0}',
    'sw.js': 'self.addEventListener("install",()=>{});',
    'registerSW.js': 'navigator.serviceWorker.register("/sw.js")',
    'workbox-1a2b3c4d.js': 'self.workbox=1;',
    'manifest.webmanifest': '{"name":"Sổ tay số","start_url":"/"}',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'icons/icon-192.png': 'PNG-bytes',
    '.env': 'SECRET=do-not-serve',
    'api/secret.json': '{"secret":"files never answer under /api"}',
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dist, name)), { recursive: true });
    await writeFile(path.join(dist, name), content);
  }
  await writeFile(path.join(dir, 'secret.txt'), SECRET_OUTSIDE_DIST);
  return { dir, dist };
}

interface MakeAppOptions {
  distDir: string;
  env?: Record<string, string>;
  logLines?: string[];
  extraRoutes?: (api: FastifyInstance) => void;
}

async function makeApp(store: SyncStore, options: MakeAppOptions): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', DIST_DIR: options.distDir, ...options.env });
  const lines = options.logLines;
  const app = buildApp({
    config,
    store,
    logger: lines ? { level: 'info', stream: { write: (line) => void lines.push(line) } } : { level: 'silent' },
  });
  const extra = options.extraRoutes;
  if (extra) {
    // Routes are added the way real ones are: in a plugin after buildApp's own.
    void app.register((api, _options, done) => {
      extra(api);
      done();
    });
  }
  await app.ready();
  return app;
}

function appSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let files: { dir: string; dist: string };
  let app: FastifyInstance;

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    files = await writeDist();
    app = await makeApp(store, { distDir: files.dist });
  });

  afterAll(async () => {
    await app.close();
    await fixture.dispose();
    await rm(files.dir, { recursive: true, force: true });
  });

  describe('/api/health', () => {
    it('answers ok with the version and the database state, never cached', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json<HealthResponse>()).toEqual({
        status: 'ok',
        version: APP_VERSION,
        database: { kind: store.kind, ok: true, schemaVersion: LATEST_SCHEMA_VERSION },
      });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('answers 503 degraded when the database is gone', async () => {
      const own = fixture.open();
      await own.migrate();
      const ownApp = await makeApp(own, { distDir: files.dist });
      try {
        await own.close();
        const res = await ownApp.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(503);
        expect(res.json<HealthResponse>()).toMatchObject({ status: 'degraded', version: APP_VERSION, database: { kind: store.kind, ok: false } });
        expect(res.headers['cache-control']).toBe('no-store');
      } finally {
        await ownApp.close();
      }
    });
  });

  describe('Cache-Control on the API', () => {
    it.each(['/%61pi/health', '/%61%70%69/health', '/api%2Fhealth', '/%61pi/sync/pull', '/%61pi/nothing-here', '/API/health'])(
      '%s: no-store whatever the path spelling (the router decodes it; the header must not trail behind)',
      async (url) => {
        const res = await app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
        expect(res.headers['cache-control'], `${url} → ${res.statusCode}`).toBe('no-store');
      },
    );
  });

  describe('errors', () => {
    it.each([
      ['GET', '/api/x'],
      ['GET', '/api'],
      ['POST', '/api/sync/nothing-here'],
      ['GET', '/api/secret.json'],
    ] as const)('%s %s → 404 JSON error, even when the client asks for HTML', async (method, url) => {
      const res = await app.inject({ method, url, headers: HTML });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json<ErrorBody>()).toEqual({ error: { code: 'not_found', message: expect.any(String) as string } });
    });

    describe('with routes that take bodies and fail', () => {
      let testApp: FastifyInstance;
      const logLines: string[] = [];

      beforeAll(async () => {
        testApp = await makeApp(store, {
          distDir: files.dist,
          logLines,
          extraRoutes: (api) => {
            api.post(
              '/api/test/echo',
              { schema: { body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' } } } } },
              (request) => ({ received: request.body }),
            );
            api.get('/api/test/boom', () => {
              const error = new Error('syntax error at or near "SELEC": SELEC phone FROM citizens WHERE token = \'tok-123\'');
              throw Object.assign(error, { statusCode: 500 });
            });
            api.get('/api/test/crash', () => {
              throw new TypeError("Cannot read properties of undefined (reading 'communeId')");
            });
            api.get('/api/test/conflict', () => {
              throw new ApiError(409, 'conflict', 'That id is already used by another record.');
            });
            api.get('/api/test/log-headers', (request) => {
              request.log.warn({ headers: request.headers, req: { headers: request.headers } }, 'headers logged');
              return { ok: true };
            });
          },
        });
      });

      afterAll(async () => {
        await testApp.close();
      });

      afterEach(() => {
        logLines.length = 0;
      });

      const post = (payload: string | Buffer, headers: Record<string, string>) =>
        testApp.inject({ method: 'POST', url: '/api/test/echo', payload, headers });

      it('accepts a valid JSON body', async () => {
        const res = await post(JSON.stringify({ name: 'Lò Thị Hoa' }), { 'content-type': 'application/json' });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ received: { name: 'Lò Thị Hoa' } });
      });

      it('malformed JSON → 400 bad_request', async () => {
        const res = await post('{"name": ', { 'content-type': 'application/json' });
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('bad_request');
      });

      it('a body that fails the schema → 400 bad_request naming the field; no silent coercion', async () => {
        const res = await post(JSON.stringify({ name: 42 }), { 'content-type': 'application/json' });
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error).toEqual({ code: 'bad_request', message: expect.stringContaining('name') as string });
      });

      it('an unknown field is rejected, not silently stripped', async () => {
        const res = await post(JSON.stringify({ name: 'x', ethnicity: 'not collected' }), { 'content-type': 'application/json' });
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('bad_request');
      });

      it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])('Content-Type %s → 415', async (type) => {
        const res = await post('name=x', { 'content-type': type });
        expect(res.statusCode).toBe(415);
        expect(res.json<ErrorBody>().error.code).toBe('unsupported_media_type');
      });

      it('a body over 1 MB → 413 too_large', async () => {
        const res = await post(JSON.stringify({ name: 'x'.repeat(1024 * 1024) }), { 'content-type': 'application/json' });
        expect(res.statusCode).toBe(413);
        expect(res.json<ErrorBody>().error.code).toBe('too_large');
      });

      it('inflates a gzip body, and caps the inflated size (a 5 MB bomb in a few KB → 413)', async () => {
        const small = await post(gzipSync(JSON.stringify({ name: 'nén' })), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        expect(small.statusCode).toBe(200);
        expect(small.json()).toEqual({ received: { name: 'nén' } });

        const bomb = gzipSync(JSON.stringify({ name: ' '.repeat(5 * 1024 * 1024) }));
        expect(bomb.length).toBeLessThan(64 * 1024);
        const res = await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        expect(res.statusCode).toBe(413);
        expect(res.json<ErrorBody>().error.code).toBe('too_large');
      });

      it('a corrupt gzip body → 400, an unknown Content-Encoding → 415', async () => {
        const corrupt = await post(Buffer.from('definitely not gzip'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        expect(corrupt.statusCode).toBe(400);
        expect(corrupt.json<ErrorBody>().error.code).toBe('bad_request');
        const unknown = await post('{}', { 'content-type': 'application/json', 'content-encoding': 'compress' });
        expect(unknown.statusCode).toBe(415);
        expect(unknown.json<ErrorBody>().error.code).toBe('unsupported_media_type');
      });

      it.each(['/api/test/boom', '/api/test/crash'])('%s → 500 internal, with no SQL, token or stack in the body, but logged for the operator', async (url) => {
        const res = await testApp.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(500);
        expect(res.json<ErrorBody>()).toEqual({ error: { code: 'internal', message: expect.any(String) as string } });
        expect(res.body).not.toMatch(/SELEC|tok-123|communeId|at .*\.ts|stack/i);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(logLines.some((line) => line.includes('"level":50') && line.includes('unhandled error'))).toBe(true);
      });

      it('an ApiError keeps its status, code and message', async () => {
        const res = await testApp.inject({ method: 'GET', url: '/api/test/conflict' });
        expect(res.statusCode).toBe(409);
        expect(res.json<ErrorBody>()).toEqual({ error: { code: 'conflict', message: 'That id is already used by another record.' } });
      });

      it('never logs tokens, cookies or request bodies', async () => {
        const headers = { authorization: 'Bearer tok-very-secret', cookie: 'refresh=cookie-very-secret', 'content-type': 'application/json' };
        await testApp.inject({ method: 'POST', url: '/api/test/echo', headers, payload: JSON.stringify({ name: 'Phone 0912345678' }) });
        await testApp.inject({ method: 'GET', url: '/api/test/log-headers', headers });
        const log = logLines.join('');
        expect(log).toContain('"route":"/api/test/echo","status":200');
        expect(log).toContain('"msg":"request done"');
        // One line per request: Fastify's own two (incoming, completed) are off.
        expect(log).not.toMatch(/incoming request|request completed/);
        expect(log).toContain('headers logged');
        expect(log).toContain('[redacted]');
        expect(log).not.toMatch(/tok-very-secret|cookie-very-secret|0912345678/);
      });
    });
  });

  describe('security headers', () => {
    it.each([
      ['an HTML page', '/', HTML],
      ['a deep link', '/checklists/abc', HTML],
      ['a JSON answer', '/api/health', {}],
      ['a JSON error', '/api/nope', {}],
      ['a static asset', '/assets/app-abc123.js', {}],
      ['a missing file', '/assets/missing.js', {}],
    ])('are all present on %s', async (_label, url, headers) => {
      const res = await app.inject({ method: 'GET', url, headers });
      expect(res.headers).toMatchObject(EXPECTED_HEADERS);
      // Plain HTTP without a trusted proxy: HSTS would be meaningless.
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(String(res.headers['content-type'])).toMatch(/charset=utf-8/);
    });

    it('the CSP allows no inline or eval script and no framing', () => {
      expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    });

    it('never answers CORS: no Access-Control-* header and Origin is not reflected', async () => {
      const origin = 'https://evil.example';
      const get = await app.inject({ method: 'GET', url: '/api/health', headers: { origin } });
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/api/health',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      for (const res of [get, preflight]) {
        expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
        expect(JSON.stringify(res.headers)).not.toContain(origin);
      }
      expect(preflight.statusCode).toBe(404);
    });

    it('sends HSTS only when a trusted proxy says the request came over HTTPS', async () => {
      const forwarded = { 'x-forwarded-proto': 'https' };
      const untrusting = await app.inject({ method: 'GET', url: '/api/health', headers: forwarded });
      expect(untrusting.headers['strict-transport-security']).toBeUndefined();

      const proxied = await makeApp(store, { distDir: files.dist, env: { TRUST_PROXY: '127.0.0.1' } });
      try {
        const https = await proxied.inject({ method: 'GET', url: '/', headers: { ...HTML, ...forwarded } });
        expect(https.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);
        const http = await proxied.inject({ method: 'GET', url: '/', headers: { ...HTML, 'x-forwarded-proto': 'http' } });
        expect(http.headers['strict-transport-security']).toBeUndefined();
      } finally {
        await proxied.close();
      }
    });
  });

  describe('static files', () => {
    it.each([
      ['/', 'no-cache', 'text/html; charset=utf-8'],
      ['/index.html', 'no-cache', 'text/html; charset=utf-8'],
      ['/assets/app-abc123.js', 'public, max-age=31536000, immutable', 'text/javascript; charset=utf-8'],
      ['/assets/app-abc123.css', 'public, max-age=31536000, immutable', 'text/css; charset=utf-8'],
      ['/sw.js', 'no-cache', 'text/javascript; charset=utf-8'],
      ['/registerSW.js', 'no-cache', 'text/javascript; charset=utf-8'],
      ['/manifest.webmanifest', 'no-cache', 'application/manifest+json; charset=utf-8'],
      ['/workbox-1a2b3c4d.js', 'public, max-age=31536000, immutable', 'text/javascript; charset=utf-8'],
      ['/favicon.svg', 'public, max-age=86400', 'image/svg+xml'],
      ['/icons/icon-192.png', 'public, max-age=86400', 'image/png'],
    ])('%s → Cache-Control "%s", %s', async (url, cacheControl, type) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe(cacheControl);
      expect(String(res.headers['content-type'])).toContain(type);
    });

    it('the service worker is served without widening its scope', async () => {
      const res = await app.inject({ method: 'GET', url: '/sw.js', headers: { 'service-worker': 'script' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['service-worker-allowed']).toBeUndefined();
      const withQuery = await app.inject({ method: 'GET', url: '/sw.js?v=2', headers: { 'service-worker': 'script' } });
      expect(withQuery.statusCode).toBe(200);
    });

    it.each(['/assets/app-abc123.js', '/registerSW.js', '/checklists/abc', '/api/health'])(
      'refuses %s as a service-worker script (403)',
      async (url) => {
        const res = await app.inject({ method: 'GET', url, headers: { 'service-worker': 'script', ...HTML } });
        expect(res.statusCode).toBe(403);
        expect(res.json<ErrorBody>().error.code).toBe('forbidden');
      },
    );

    it('a deep link gets the app shell, uncached, for GET and HEAD', async () => {
      const get = await app.inject({ method: 'GET', url: '/checklists/abc?tab=items', headers: HTML });
      expect(get.statusCode).toBe(200);
      expect(get.body).toBe(INDEX_HTML);
      expect(get.headers['cache-control']).toBe('no-cache');
      expect(get.headers['content-type']).toBe('text/html; charset=utf-8');
      const head = await app.inject({ method: 'HEAD', url: '/contacts/7/edit', headers: HTML });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
      expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    });

    it('no shell for requests that do not ask for HTML, or that are not GET/HEAD', async () => {
      const json = await app.inject({ method: 'GET', url: '/checklists/abc', headers: { accept: 'application/json' } });
      expect(json.statusCode).toBe(404);
      expect(json.json<ErrorBody>().error.code).toBe('not_found');
      const missingAsset = await app.inject({ method: 'GET', url: '/assets/app-gone999.js', headers: { accept: '*/*' } });
      expect(missingAsset.statusCode).toBe(404);
      expect(missingAsset.body).not.toContain('<!doctype html>');
      const post = await app.inject({ method: 'POST', url: '/checklists/abc', headers: HTML });
      expect(post.statusCode).toBe(404);
      expect(post.body).not.toContain('<!doctype html>');
    });

    it('serves no dotfiles and nothing outside DIST_DIR', async () => {
      for (const url of ['/.env', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.body, url).not.toMatch(/do-not-serve|TOP-SECRET/);
      }
    });

    it('compresses with gzip or br above 1 KB, by Accept-Encoding', async () => {
      const gzip = await app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(APP_JS);
      expect(gzip.rawPayload.length).toBeLessThan(APP_JS.length / 2);

      const br = await app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(APP_JS);

      const plain = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(APP_JS);

      const small = await app.inject({ method: 'GET', url: '/sw.js', headers: { 'accept-encoding': 'gzip' } });
      expect(small.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('before the app is built', () => {
    it.each([
      ['an empty DIST_DIR', true],
      ['a missing DIST_DIR', false],
    ])('with %s, pages answer 503 not_built and the API still works', async (_label, create) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-nodist-'));
      const dist = path.join(dir, 'dist');
      if (create) await mkdir(dist);
      const bare = await makeApp(store, { distDir: dist });
      try {
        for (const [url, headers] of [['/', {}], ['/checklists/abc', HTML]] as const) {
          const res = await bare.inject({ method: 'GET', url, headers });
          expect(res.statusCode, url).toBe(503);
          expect(res.json<ErrorBody>().error.code, url).toBe('not_built');
          expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
        }
        expect((await bare.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

        // A build that lands after start-up is served without a restart.
        await mkdir(dist, { recursive: true });
        await writeFile(path.join(dist, 'index.html'), INDEX_HTML);
        const built = await bare.inject({ method: 'GET', url: '/' });
        expect(built.statusCode).toBe(200);
        expect(built.body).toBe(INDEX_HTML);
      } finally {
        await bare.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('app on SQLite', () => {
  appSuite(sqliteFixture);
});

describePostgres('app on PostgreSQL', () => {
  appSuite(postgresFixture);
});
