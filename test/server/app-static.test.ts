// What the server sends around the API, through app.inject() on a real store (SQLite file and PostgreSQL
// database) and a real build folder: security headers, the built app's files, the app shell for deep
// links, compression, and a clear answer before the app is built.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ErrorBody } from '../../src/server/errors';
import { CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY } from '../../src/server/security-headers';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { APP_JS, EXPECTED_HEADERS, HTML, INDEX_HTML, WIPED_HTML, appWorld, makeApp } from './app-world';

function appSuite(factory: StoreFixtureFactory): void {
  const world = appWorld(factory);

  describe('security headers', () => {
    it.each([
      ['an HTML page', '/', HTML],
      ['a deep link', '/checklists/abc', HTML],
      ['a JSON answer', '/api/health', {}],
      ['a JSON error', '/api/nope', {}],
      ['a static asset', '/assets/app-abc123.js', {}],
      ['a missing file', '/assets/missing.js', {}],
    ])('are all present on %s', async (_label, url, headers) => {
      const res = await world.app.inject({ method: 'GET', url, headers });
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
      const get = await world.app.inject({ method: 'GET', url: '/api/health', headers: { origin } });
      const preflight = await world.app.inject({
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
      const untrusting = await world.app.inject({ method: 'GET', url: '/api/health', headers: forwarded });
      expect(untrusting.headers['strict-transport-security']).toBeUndefined();

      const proxied = await makeApp(world.store, { distDir: world.files.dist, env: { TRUST_PROXY: '127.0.0.1' } });
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
      const res = await world.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe(cacheControl);
      expect(String(res.headers['content-type'])).toContain(type);
    });

    it('the service worker is served without widening its scope', async () => {
      const res = await world.app.inject({ method: 'GET', url: '/sw.js', headers: { 'service-worker': 'script' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['service-worker-allowed']).toBeUndefined();
      const withQuery = await world.app.inject({ method: 'GET', url: '/sw.js?v=2', headers: { 'service-worker': 'script' } });
      expect(withQuery.statusCode).toBe(200);
    });

    it.each(['/assets/app-abc123.js', '/registerSW.js', '/checklists/abc', '/api/health'])(
      'refuses %s as a service-worker script (403)',
      async (url) => {
        const res = await world.app.inject({ method: 'GET', url, headers: { 'service-worker': 'script', ...HTML } });
        expect(res.statusCode).toBe(403);
        expect(res.json<ErrorBody>().error.code).toBe('forbidden');
      },
    );

    it('a deep link gets the app shell, uncached, for GET and HEAD', async () => {
      const get = await world.app.inject({ method: 'GET', url: '/checklists/abc?tab=items', headers: HTML });
      expect(get.statusCode).toBe(200);
      expect(get.body).toBe(INDEX_HTML);
      expect(get.headers['cache-control']).toBe('no-cache');
      expect(get.headers['content-type']).toBe('text/html; charset=utf-8');
      const head = await world.app.inject({ method: 'HEAD', url: '/contacts/7/edit', headers: HTML });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
      expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    });

    it('a phone whose wipe notice is unread (its cookie) gets the notice\'s page for every page of the app, never Home; files stay files', async () => {
      const waiting = { cookie: 'lang=vi; so-tay-so-wiped=1' };
      for (const [url, headers] of [['/', {}], ['/index.html', HTML], ['/checklists/abc', HTML], ['/wiped.html', HTML]] as const) {
        const res = await world.app.inject({ method: 'GET', url, headers: { ...headers, ...waiting } });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toBe(WIPED_HTML);
        expect(res.headers['cache-control'], url).toBe('no-cache');
        expect(res.headers).toMatchObject(EXPECTED_HEADERS);
      }
      const asset = await world.app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: waiting });
      expect(asset.body).toBe(APP_JS);
      expect((await world.app.inject({ method: 'GET', url: '/api/health', headers: { ...HTML, ...waiting } })).statusCode).toBe(200);
      // The notice read (the cookie cleared), or never there: Home.
      for (const headers of [{ cookie: 'so-tay-so-wiped=' }, {}]) {
        expect((await world.app.inject({ method: 'GET', url: '/', headers })).body).toBe(INDEX_HTML);
      }
    });

    it('no shell for requests that do not ask for HTML, or that are not GET/HEAD', async () => {
      const json = await world.app.inject({ method: 'GET', url: '/checklists/abc', headers: { accept: 'application/json' } });
      expect(json.statusCode).toBe(404);
      expect(json.json<ErrorBody>().error.code).toBe('not_found');
      const missingAsset = await world.app.inject({ method: 'GET', url: '/assets/app-gone999.js', headers: { accept: '*/*' } });
      expect(missingAsset.statusCode).toBe(404);
      expect(missingAsset.body).not.toContain('<!doctype html>');
      const post = await world.app.inject({ method: 'POST', url: '/checklists/abc', headers: HTML });
      expect(post.statusCode).toBe(404);
      expect(post.body).not.toContain('<!doctype html>');
    });

    it('serves no dotfiles and nothing outside DIST_DIR', async () => {
      for (const url of ['/.env', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
        const res = await world.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.body, url).not.toMatch(/do-not-serve|TOP-SECRET/);
      }
    });

    it('compresses with gzip or br above 1 KB, by Accept-Encoding', async () => {
      const gzip = await world.app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(APP_JS);
      expect(gzip.rawPayload.length).toBeLessThan(APP_JS.length / 2);

      const br = await world.app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(APP_JS);

      const plain = await world.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(APP_JS);

      const small = await world.app.inject({ method: 'GET', url: '/sw.js', headers: { 'accept-encoding': 'gzip' } });
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
      const bare = await makeApp(world.store, { distDir: dist });
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
