// Security headers on every response (docs/privacy.md checklist #16, #17, #19, #23).
// There is deliberately no CORS: the app and API share one origin, so no
// Access-Control-* header is ever sent and Origin is never reflected.
import type { FastifyInstance } from 'fastify';
// With its extension: vite.config.ts imports this file, and Vite's config loader wants one.
import { isApiPath } from './paths.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The app's base CSS (src/client/app/styles.css) travels inside index.html, so the first paint
// needs no stylesheet request (docs/first-visit.md). shellCss() is the exact text the build
// inlines (vite.config.ts), and the CSP allows it by its hash: no 'unsafe-inline'.
const SHELL_CSS_SOURCE = new URL('../client/app/styles.css', import.meta.url);

/** styles.css without comments and with runs of white space collapsed (the file has no strings that care). */
export function shellCss(): string {
  return readFileSync(SHELL_CSS_SOURCE, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .trim();
}

/** The CSP source that allows exactly the inlined text. */
function shellCssHashSource(): string {
  return `'sha256-${createHash('sha256').update(shellCss(), 'utf8').digest('base64')}'`;
}

/**
 * Strict CSP: only same-origin code, no inline script, no inline style but the one the build puts
 * in index.html (allowed by its hash, app-shell-style.ts), no plugins, no framing.
 * Exported so tests and the e2e suite check the exact string the server sends.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${shellCssHashSource()}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // The camera is the app's own, for the hand-over's QR codes (docs/field-aids.md §2); nothing framed or
  // embedded may use it, and no other powerful feature is used at all.
  'permissions-policy': 'geolocation=(), camera=(self), microphone=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    // HSTS only means something over TLS; request.protocol honours X-Forwarded-Proto
    // only from proxies TRUST_PROXY allows, so a client cannot fake it.
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    }
    // API answers carry citizens' data: no browser, proxy or service worker may keep them. The
    // route pattern covers any spelling of a routed path; anything that did not set its own
    // caching (only static files and the app shell do) is not kept either: a default of no-store.
    if (isApiPath(request.url) || isApiPath(request.routeOptions.url ?? '') || !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && /^application\/json\b/i.test(type) && !/charset=/i.test(type)) {
      reply.header('content-type', `${type}; charset=utf-8`);
    }
    return payload;
  });
}
