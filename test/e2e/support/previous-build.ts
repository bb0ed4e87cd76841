// The app as the release before encryption at rest built it, for the upgrade test
// (phone-upgrade-release.test.ts): that commit's sources taken out of git into a temporary directory and
// built by its own vite.config.ts with this checkout's node_modules (its dependencies are a subset
// of today's). Needs the repository's history: without it the test is skipped (hasPreviousRelease).
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './server';

/**
 * The last commit before seal-migration.ts: `git log -- src/client/data/seal-migration.ts` lists
 * e37c12d as the one that added it, and this is its parent. Its phones already had the lock (a
 * wrapped key per member) and sealed drafts, and kept records, outbox entries and refused changes
 * in plaintext.
 */
export const BEFORE_SEALING = '650d181';

/** Whether this checkout holds BEFORE_SEALING (a shallow clone does not). */
export function hasPreviousRelease(): boolean {
  return spawnSync('git', ['cat-file', '-e', `${BEFORE_SEALING}^{commit}`], { cwd: ROOT, stdio: 'ignore' }).status === 0;
}

/** Builds BEFORE_SEALING; resolves with its dist directory and a clean-up. */
export function buildPreviousRelease(): { dist: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-previous-'));
  execSync(`git archive ${BEFORE_SEALING} | tar -x -C ${JSON.stringify(dir)}`, { cwd: ROOT, stdio: 'pipe' });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  // A production build whatever runs this: vitest sets NODE_ENV=test, and Vite builds with
  // import.meta.env.DEV true when NODE_ENV is not production — that release then never registers its
  // service worker (src/client/lib/pwa.ts returned early in DEV).
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: dir, stdio: 'pipe', env: { ...env, NODE_ENV: 'production' } });
  const dist = path.join(dir, 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`building ${BEFORE_SEALING} left no index.html`);
  return { dist, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
