// Serves the built PWA from DIST_DIR with caching that suits a service-worker app:
// content-hashed files forever, the entry points never without revalidation.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './errors';
import { isApiPath, pathnameOf } from './paths';
import { WIPED_COOKIE, WIPED_PAGE } from '../shared/wiped-page';

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';
export const CACHE_PUBLIC_DAY = 'public, max-age=86400';
/** Below this size compressing costs more than it saves (and matches app.ts's compress threshold). */
export const COMPRESS_THRESHOLD = 1024;

/** Files whose URL never changes between releases: a stale copy would pin users to an old app. */
const ENTRY_FILES = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'registerSW.js']);
/** Workbox's runtime is emitted beside sw.js with a content hash in its name. */
const WORKBOX_RUNTIME = /^workbox-[\w-]+\.js$/;

/** The Cache-Control header for a file, from its path relative to DIST_DIR. */
export function cacheControlFor(relativePath: string): string {
  const file = relativePath.split(path.sep).join('/');
  const name = path.posix.basename(file);
  if (ENTRY_FILES.has(name) || name.endsWith('.html')) return CACHE_REVALIDATE;
  // Vite writes every asset under assets/ with a content hash in its name.
  if (file.startsWith('assets/') || WORKBOX_RUNTIME.test(name)) return CACHE_IMMUTABLE;
  return CACHE_PUBLIC_DAY;
}

export function registerStatic(app: FastifyInstance, distDir: string): void {
  const root = path.resolve(distDir);
  const indexFile = path.join(root, 'index.html');
  // Checked per navigation, not once: `npm run build` may finish after the server starts.
  const isBuilt = () => existsSync(indexFile);

  if (!existsSync(root)) {
    app.log.warn({ distDir: root }, 'the app is not built (DIST_DIR does not exist); the API still works');
  }
  // Registered even when the folder is missing: files are looked up per request, so a
  // build that finishes after start-up is served without a restart.
  void app.register(fastifyStatic, {
    root,
    prefix: '/',
    // We set Cache-Control ourselves, per file type.
    cacheControl: false,
    // Never serve .env, .git and the like if they end up in the build folder (docs/privacy.md checklist #18).
    dotfiles: 'ignore',
    serveDotFiles: false,
    // The API namespace belongs to routes, never to files.
    allowedPath: (pathname) => !isApiPath(pathname),
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', cacheControlFor(path.relative(root, filePath)));
      // text/javascript is the standard JS type (RFC 9239) and what docs/privacy.md checklist #21 asks of sw.js.
      if (filePath.endsWith('.js') || filePath.endsWith('.mjs')) reply.header('content-type', 'text/javascript; charset=utf-8');
      // The manifest holds Vietnamese text; say how it is encoded rather than leave it to sniffing.
      if (filePath.endsWith('.webmanifest')) reply.header('content-type', 'application/manifest+json; charset=utf-8');
    },
    suppressWarning: true,
  });

  // @fastify/compress applies its size threshold to buffers only and compresses every
  // stream, so a tiny file would grow. Reading small files into memory lets the
  // threshold apply to them too (this hook runs before the per-route compress hook).
  app.addHook('onSend', async (_request, reply, payload) => {
    const length = Number(reply.getHeader('content-length'));
    if (payload instanceof Readable && Number.isFinite(length) && length < COMPRESS_THRESHOLD) return buffer(payload);
    return payload;
  });

  // Only the root service worker may be fetched as a worker script: an attacker who
  // gets a script onto the origin cannot register it as a second, persistent SW
  // (docs/privacy.md checklist #21).
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers['service-worker'] === 'script' && pathnameOf(request.url) !== '/sw.js') {
      return sendError(reply, 403, 'forbidden', 'Only /sw.js may be registered as a service worker.');
    }
    return undefined;
  });

  // A wiped phone whose notice is unread asks for it by a cookie (src/shared/wiped-page.ts): any
  // page of the app is then answered with the notice's page, so that a later start paints the
  // notice first, not index.html's Home (docs/security.md "Revoke and wipe"). Files are files.
  const wipedFile = WIPED_PAGE.slice(1);
  app.addHook('onRequest', async (request, reply) => {
    const pathname = pathnameOf(request.url);
    const appPage = pathname === '/index.html' || path.posix.extname(pathname) === '';
    if (!appPage || !asksForWipedPage(request) || !isSpaNavigation(request) || !existsSync(path.join(root, wipedFile))) return undefined;
    return reply.header('cache-control', CACHE_REVALIDATE).sendFile(wipedFile, root);
  });

  app.setNotFoundHandler((request, reply) => {
    if (isSpaNavigation(request)) {
      if (!isBuilt()) return sendError(reply, 503, 'not_built', 'The app has not been built yet: run `npm run build`.');
      // Deep links such as /checklists/abc are client routes: hand them the app shell.
      return reply.header('cache-control', CACHE_REVALIDATE).sendFile('index.html', root);
    }
    return sendError(reply, 404, 'not_found', 'Not found.');
  });
}

/** A browser navigation to a client route: GET/HEAD outside /api that asks for HTML. */
function isSpaNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isApiPath(request.url)) return false;
  const pathname = pathnameOf(request.url);
  // The root always means the app, whatever the client accepts.
  if (pathname === '/') return true;
  return (request.headers.accept ?? '').includes('text/html');
}

/** The phone's cookie of an unread wipe notice (client data/wipe-notice.ts). */
function asksForWipedPage(request: FastifyRequest): boolean {
  return (request.headers.cookie ?? '').split(';').some((part) => part.trim() === `${WIPED_COOKIE}=1`);
}
