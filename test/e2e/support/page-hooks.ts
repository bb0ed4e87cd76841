// A test hook for the e2e suite: the app's own data-layer code (writeRecord, the session, the
// tables), bundled by vite into one script and injected through the DevTools protocol, so the
// production build ships no test door and the app's strict CSP stays on. It opens the same
// IndexedDB database as the app, like a second tab would.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { ROOT } from './server';
import type { E2eHooks } from './page-hooks-entry';

const ENTRY = path.join(ROOT, 'test/e2e/support/page-hooks-entry.ts');
let bundled: Promise<string> | undefined;

/** The hook script (built once per test run). */
export function pageHooksScript(): Promise<string> {
  // vite's build() sets NODE_ENV=production in this process, which servers started later would
  // inherit (and refuse DEMO_PASSWORD); put it back as it was.
  const nodeEnv = process.env.NODE_ENV;
  const restore = () => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  };
  bundled ??= build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    define: { __APP_VERSION__: JSON.stringify('e2e') },
    build: { write: false, minify: false, lib: { entry: ENTRY, formats: ['iife'], name: 'SoTaySoE2E', fileName: 'page-hooks' } },
  }).then((result) => {
    const outputs = Array.isArray(result) ? result : [result];
    for (const output of outputs) {
      if ('output' in output) {
        const chunk = output.output.find((item) => item.type === 'chunk');
        if (chunk && chunk.type === 'chunk') return chunk.code;
      }
    }
    throw new Error('page hooks: no bundle produced');
  }).finally(restore);
  return bundled;
}

/**
 * Runs `work` in the page with the app's data layer (injected again after each navigation). `work`
 * travels as text, so it may use only its two parameters, never variables of the test.
 */
export async function withHooks<T, A>(page: Page, work: (hooks: E2eHooks, arg: A) => Promise<T>, arg: A): Promise<T> {
  if (!(await page.evaluate(() => '__e2e' in window))) await page.evaluate(await pageHooksScript());
  // Evaluated as an expression through the DevTools protocol (CSP does not apply to it).
  return page.evaluate<T>(`(${work.toString()})(window.__e2e, ${JSON.stringify(arg) ?? 'undefined'})`);
}
