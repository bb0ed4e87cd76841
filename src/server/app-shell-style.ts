// The app's base CSS (src/client/app/styles.css) travels inside index.html, so the first paint
// needs no stylesheet request (docs/first-visit.md). One function gives the exact text the build
// inlines (vite.config.ts) and the CSP allows it by its hash (security-headers.ts): no
// 'unsafe-inline', and a stylesheet edited without a rebuild is refused, not half-applied.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const SOURCE = new URL('../client/app/styles.css', import.meta.url);

/** styles.css without comments and with runs of white space collapsed (the file has no strings that care). */
export function shellCss(): string {
  return readFileSync(SOURCE, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .trim();
}

/** The CSP source that allows exactly the inlined text. */
export function shellCssHashSource(): string {
  return `'sha256-${createHash('sha256').update(shellCss(), 'utf8').digest('base64')}'`;
}
