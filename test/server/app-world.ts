// One app per suite for the HTTP surface tests (app-api, app-static): a real store (SQLite file or
// PostgreSQL database), migrated, and a real build folder written to a temp dir, with a secret beside it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security-headers';
import type { SyncStore } from '../../src/server/storage/types';
import { type StoreFixture, type StoreFixtureFactory } from './store-fixtures';

export const INDEX_HTML = '<!doctype html><html lang="vi"><head><title>Sổ tay số</title></head><body><div id="root"></div></body></html>';
/** The notice's page of a wiped phone (vite.config.ts makes it from index.html). */
export const WIPED_HTML = '<!doctype html><html lang="vi"><head><title>Sổ tay số</title></head><body><div id="root"><h1>Dữ liệu trên máy này đã được xóa</h1></div></body></html>';
// Over the 1 KB compression threshold, and compressible.
export const APP_JS = `export const rows = [${Array.from({ length: 300 }, (_, i) => `"row ${i}"`).join(',')}];\n`;
export const SECRET_OUTSIDE_DIST = 'TOP-SECRET-OUTSIDE-DIST';

export const EXPECTED_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'geolocation=(), camera=(self), microphone=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** A temp folder laid out like `vite build` output, with a secret next to it. */
export async function writeDist(): Promise<{ dir: string; dist: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-dist-'));
  const dist = path.join(dir, 'dist');
  const files: Record<string, string> = {
    'index.html': INDEX_HTML,
    'wiped.html': WIPED_HTML,
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

export interface MakeAppOptions {
  distDir: string;
  env?: Record<string, string>;
  logLines?: string[];
  extraRoutes?: (api: FastifyInstance) => void;
}

export async function makeApp(store: SyncStore, options: MakeAppOptions): Promise<FastifyInstance> {
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

export type AppWorld = { fixture: StoreFixture; store: SyncStore; files: { dir: string; dist: string }; app: FastifyInstance };

/** Registers the suite's beforeAll/afterAll; the fields are set before any test runs. */
export function appWorld(factory: StoreFixtureFactory): AppWorld {
  const world = {} as AppWorld;

  beforeAll(async () => {
    world.fixture = await factory();
    world.store = world.fixture.open();
    await world.store.migrate();
    world.files = await writeDist();
    world.app = await makeApp(world.store, { distDir: world.files.dist });
  });

  afterAll(async () => {
    await world.app.close();
    await world.fixture.dispose();
    await rm(world.files.dir, { recursive: true, force: true });
  });

  return world;
}
