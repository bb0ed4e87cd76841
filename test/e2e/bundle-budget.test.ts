// The first screen's JavaScript budget, held by `npm test` (it runs after the build): the size is
// deterministic, so unlike timings it belongs in a test. The bench reports the same figure
// against the same constant (test/bench/bundle-budget.ts).
import { describe, expect, it } from 'vitest';
import { firstScreenScripts, gzipKb, precacheEntries } from '../bench/bundle.bench';
import { FIRST_SCREEN_JS_BUDGET_KB, PRECACHE_BUDGET_KB } from '../bench/bundle-budget';

describe('bundle budgets of the production build', () => {
  it('the first screen needs at most the budgeted JavaScript (gzip)', () => {
    const scripts = firstScreenScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const kb = scripts.reduce((sum, file) => sum + gzipKb(file), 0);
    expect(kb, `first-screen JS ${kb.toFixed(1)} KB gzip over ${FIRST_SCREEN_JS_BUDGET_KB} KB: ${scripts.join(', ')}`).toBeLessThanOrEqual(FIRST_SCREEN_JS_BUDGET_KB);
  });

  it('the whole precache stays within its budget (gzip)', () => {
    const entries = precacheEntries();
    expect(entries.length).toBeGreaterThan(0);
    const kb = entries.reduce((sum, file) => sum + gzipKb(file), 0);
    expect(kb, `precache ${kb.toFixed(1)} KB gzip`).toBeLessThanOrEqual(PRECACHE_BUDGET_KB);
  });
});
