// The app draws text in two weights, 400 and 700 (docs/first-visit.md "Two weights, five sizes
// in the first layout"). On the phones it targets (Android's Roboto: Regular, Medium, Bold) a 600
// is drawn in Bold anyway, and in Chromium every weight a page asks for is one more font lookup in
// its first layout, so a third weight would cost time and show nothing new.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLIENT = path.join(import.meta.dirname, '..');
const ALLOWED = new Set(['400', '700', 'normal', 'bold', 'inherit']);

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(full);
    return entry.name.endsWith('.css') ? [full] : [];
  });
}

describe('font weights of the app', () => {
  it('are 400 and 700 only, in every stylesheet', () => {
    const files = cssFiles(CLIENT);
    expect(files.length).toBeGreaterThan(10);
    const others = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/font-weight:\s*([^;}\s]+)/g)].filter((match) => !ALLOWED.has(match[1]!)).map((match) => `${path.relative(CLIENT, file)}: font-weight ${match[1]}`),
    );
    expect(others).toEqual([]);
  });
});
