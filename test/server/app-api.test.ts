// The API's HTTP surface, through app.inject() on a real store (SQLite file and PostgreSQL database):
// health, Cache-Control, and errors that are clear, translated and never leak internals.
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type ErrorBody } from '../../src/server/errors';
import type { HealthResponse } from '../../src/server/routes/health';
import { LATEST_SCHEMA_VERSION } from '../../src/server/storage/migrations';
import { APP_VERSION } from '../../src/shared/version';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { HTML, appWorld, makeApp } from './app-world';

function appSuite(factory: StoreFixtureFactory): void {
  const world = appWorld(factory);

  describe('/api/health', () => {
    it('answers ok with the version and the database state, never cached', async () => {
      const res = await world.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json<HealthResponse>()).toEqual({
        status: 'ok',
        version: APP_VERSION,
        database: { kind: world.store.kind, ok: true, schemaVersion: LATEST_SCHEMA_VERSION },
      });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('answers 503 degraded when the database is gone', async () => {
      const own = world.fixture.open();
      await own.migrate();
      const ownApp = await makeApp(own, { distDir: world.files.dist });
      try {
        await own.close();
        const res = await ownApp.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(503);
        expect(res.json<HealthResponse>()).toMatchObject({ status: 'degraded', version: APP_VERSION, database: { kind: world.store.kind, ok: false } });
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
        const res = await world.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
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
      const res = await world.app.inject({ method, url, headers: HTML });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json<ErrorBody>()).toEqual({ error: { code: 'not_found', message: expect.any(String) as string } });
    });

    describe('with routes that take bodies and fail', () => {
      let testApp: FastifyInstance;
      const logLines: string[] = [];

      beforeAll(async () => {
        testApp = await makeApp(world.store, {
          distDir: world.files.dist,
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

}

describe('app on SQLite', () => {
  appSuite(sqliteFixture);
});

describePostgres('app on PostgreSQL', () => {
  appSuite(postgresFixture);
});
