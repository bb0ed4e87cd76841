// Bundle budgets, read off the production build: the JavaScript the first screen needs
// (the entry script and everything index.html preloads) and the whole precache, gzipped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { atMost, type Measurement } from './measurement';
import { DIST } from '../e2e/support/server';
import { FIRST_SCREEN_JS_BUDGET_KB, PRECACHE_BUDGET_KB } from './bundle-budget';

export const gzipKb = (file: string): number => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length / 1024;

export function firstScreenScripts(): string[] {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)];
  return [...new Set(scripts.map((match) => match[1]!))];
}

export function precacheEntries(): string[] {
  const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  return [...sw.matchAll(/url:"([^"]+)"/g)].map((match) => match[1]!.replace(/^\//, ''));
}

/**
 * Text only the docx library's code holds (the Word document's content type): a script that holds
 * it carries the library. The bench first finds it in the build, so the check below can fail.
 */
const DOCX_MARKER = 'officedocument.wordprocessingml';
const holdsDocx = (file: string) => file.endsWith('.js') && readFileSync(path.join(DIST, file), 'utf8').includes(DOCX_MARKER);

export function runBundleBench(): Measurement[] {
  const firstScreen = firstScreenScripts();
  const precache = precacheEntries();
  if (firstScreen.length === 0 || precache.length === 0) throw new Error('no scripts found in dist: build first');
  if (!precache.some(holdsDocx)) throw new Error(`no precached script holds the docx library's "${DOCX_MARKER}": the check of the first screen would prove nothing`);
  return [
    atMost('first-screen JS (gzip)', firstScreen.reduce((sum, file) => sum + gzipKb(file), 0), 'KB', FIRST_SCREEN_JS_BUDGET_KB),
    atMost('whole precache (gzip)', precache.reduce((sum, file) => sum + gzipKb(file), 0), 'KB', PRECACHE_BUDGET_KB),
    // Issue 15: the Word file's library is loaded with import() on its button only.
    atMost('docx library in the first-screen JS (gzip)', firstScreen.filter(holdsDocx).reduce((sum, file) => sum + gzipKb(file), 0), 'KB', 0),
  ];
}
