// `npm run screenshots`: the screenshot tour (issue 17's proof). Starts the real server on the built
// app with the demo accounts, pushes the demo commune's data (tour-world.ts), then signs in on a fresh
// 360 × 740 phone as each role — member, team leader, commune leader (reviewer), province admin — and
// writes a PNG of every screen that role reaches (tour-screens.ts), plus the whole page when it is
// taller than the screen, into a new temp folder printed at the start and the end. Beside each
// picture it prints what the page checks found (page-checks.ts) and axe-core's violations, and exits
// with 1 when anything was found, so the next review looks at the pictures and reads one list.
// Not part of `npm test`: it proves nothing by itself; a person looks at the pictures.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl } from '../e2e/support/browser';
import { startAppServer } from '../e2e/support/server';
import { signIn, unlock } from '../e2e/support/sign-in';
import { axeViolations } from '../e2e/support/axe';
import { seedTourWorld, type TourWorld } from './tour-world';
import { TOUR_SCREENS, type TourRole } from './tour-screens';
import { pageFindings } from './page-checks';

const PASSWORD = 'screenshot-tour-password';
const ROLES: readonly TourRole[] = ['member', 'leader', 'reviewer', 'admin'];
const only = process.argv.slice(2);
const folder = mkdtempSync(path.join(tmpdir(), 'so-tay-so-screenshots-'));
process.stdout.write(`screenshots → ${folder}\n`);
let problems = 0;

/** A client-side navigation, as a tap on a link does: a page load would lock the app again. */
async function go(page: Page, to: string): Promise<void> {
  await page.evaluate((target) => {
    history.pushState(null, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, to);
}

/** The screen has its title and no loading notice, and fonts and pictures are in. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(() => !document.body.innerText.includes('Đang tải…') && document.fonts.status === 'loaded', undefined, { timeout: 30_000 });
  // Live queries answer a moment after the first render; nothing here is asserted on, so a short pause is enough.
  await page.waitForTimeout(400);
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: `${file}.png` });
  const tall = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
  if (tall) await page.screenshot({ path: `${file}-full.png`, fullPage: true });
  const findings = await pageFindings(page);
  const violations = (await axeViolations(page)).map((v) => `axe ${v.id}: ${v.nodes.slice(0, 2).join(', ')}`);
  const all = [...findings, ...violations];
  problems += all.length;
  process.stdout.write(`  ${path.relative(folder, file)}.png${tall ? ' (+ -full)' : ''}${all.map((f) => `\n    ! ${f}`).join('')}\n`);
}

async function tourOf(role: TourRole, baseUrl: string, world: TourWorld): Promise<void> {
  const dir = path.join(folder, role);
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`${role}\n`);
  const phone = await launchPhone();
  try {
    const { page } = phone;
    page.on('pageerror', (error) => {
      problems += 1;
      process.stdout.write(`    ! page error: ${error.message}\n`);
    });
    await page.goto(baseUrl);
    await waitForServiceWorkerControl(page);
    if (role === 'member') {
      await page.goto(`${baseUrl}/sign-in`);
      await settled(page);
      await shoot(page, path.join(dir, '00-sign-in'));
    }
    await signIn(page, baseUrl, `demo-${role}`, PASSWORD);
    // The first sync brings the commune's data (the province's for the admin).
    await page.waitForFunction(() => /Đã đồng bộ/.test(document.querySelector('[data-testid="sync-badge"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    let n = 1;
    for (const screen of TOUR_SCREENS) {
      if (!screen.roles.includes(role)) continue;
      const file = path.join(dir, `${String(n++).padStart(2, '0')}-${screen.name}`);
      await go(page, screen.path(world));
      await settled(page);
      if (screen.open && !(await screen.open(page))) {
        process.stdout.write(`  ${path.relative(folder, file)}: nothing to open\n`);
        continue;
      }
      if (screen.open) await settled(page);
      await shoot(page, file);
    }
    // A cold start locks the app (docs/security.md): the lock screen is a screen too.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ứng dụng đang khóa' }).waitFor();
    await shoot(page, path.join(dir, `${String(n).padStart(2, '0')}-lock`));
    await unlock(page, PASSWORD);
  } finally {
    await phone.close();
  }
}

const server = await startAppServer({ DEMO_PASSWORD: PASSWORD });
try {
  const world = await seedTourWorld(server.url, PASSWORD);
  for (const role of ROLES) if (only.length === 0 || only.includes(role)) await tourOf(role, server.url, world);
} finally {
  await server.stop();
}
process.stdout.write(`\n${problems === 0 ? 'nothing found' : `${problems} finding(s)`}; the pictures are in ${folder}\n`);
process.exitCode = problems === 0 ? 0 : 1;
