// The bottom bar at 360 px for each role (issue 17 items 6 and 15): only the areas the role can use,
// and every label on one line and inside its tab — "Trang chủ" once wrapped onto two lines. A label
// is measured, not looked at: its box is one line high (less than two line heights) and its text is
// no wider than its tab. Checked before sign-in (the static shell's six tabs), for each demo role,
// and in English for the role with the most tabs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { signIn } from './support/sign-in';
import { axeViolations } from './support/axe';

const DEMO_PASSWORD = 'bottom-nav-e2e-password';

interface LabelBox {
  text: string;
  height: number;
  lineHeight: number;
  textWidth: number;
  tabWidth: number;
}

const nav = (page: Page) => page.getByRole('navigation', { name: /^(Điều hướng chính|Main navigation)$/ });

// Found and measured in one task of the page: a locator's evaluateAll finds the spans first and
// measures them in a later call, and React replacing the painted bar in between left it measuring
// detached spans (no box, no line height: NaN).
async function labelBoxes(page: Page): Promise<LabelBox[]> {
  await nav(page).waitFor();
  return page.evaluate(() =>
    [...document.querySelectorAll('nav.bottom-nav a span')].map((span) => {
      const tab = span.closest('a')!;
      return {
        text: span.textContent ?? '',
        height: span.getBoundingClientRect().height,
        lineHeight: Number.parseFloat(getComputedStyle(span).lineHeight),
        textWidth: span.scrollWidth,
        tabWidth: tab.clientWidth,
      };
    }),
  );
}

/** Every label on one line, within its tab, and the bar within the screen. */
async function expectOneLineLabels(page: Page, labels: string[]): Promise<void> {
  // The role's bar replaces the static one once the session is read: wait for its labels.
  await expect.poll(async () => (await labelBoxes(page)).map((box) => box.text), { timeout: 30_000 }).toEqual(labels);
  // Before the app's stylesheet applies, a label's line height reads "normal" (NaN): measure once it has.
  await expect.poll(async () => (await labelBoxes(page)).every((box) => Number.isFinite(box.lineHeight)), { timeout: 30_000 }).toBe(true);
  for (const box of await labelBoxes(page)) {
    expect({ label: box.text, lines: Math.round(box.height / box.lineHeight) }).toEqual({ label: box.text, lines: 1 });
    expect({ label: box.text, fits: box.textWidth <= box.tabWidth }).toEqual({ label: box.text, fits: true });
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe('the bottom bar at 360 px', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('keeps the six labels of the first paint on one line before anyone signs in', async () => {
    const phone = await launchPhone();
    try {
      await phone.page.goto(server.url);
      await expectOneLineLabels(phone.page, ['Trang chủ', 'Hỗ trợ', 'Kiểm tra', 'Danh bạ', 'Báo cáo', 'Cài đặt']);
    } finally {
      await phone.close();
    }
  });

  const roles = [
    { username: 'demo-member', labels: ['Trang chủ', 'Hỗ trợ', 'Kiểm tra', 'Danh bạ', 'Cài đặt'] },
    { username: 'demo-leader', labels: ['Trang chủ', 'Hỗ trợ', 'Kiểm tra', 'Danh bạ', 'Báo cáo', 'Cài đặt'] },
    { username: 'demo-reviewer', labels: ['Trang chủ', 'Hỗ trợ', 'Kiểm tra', 'Danh bạ', 'Báo cáo', 'Cài đặt'] },
    { username: 'demo-admin', labels: ['Trang chủ', 'Kiểm tra', 'Báo cáo', 'Cài đặt'] },
  ];

  for (const role of roles) {
    it(`shows ${role.username} only the areas of the role, each label on one line`, async () => {
      const phone = await launchPhone();
      try {
        const { page } = phone;
        await page.goto(server.url);
        await waitForServiceWorkerControl(page);
        await signIn(page, server.url, role.username, DEMO_PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
        await expectOneLineLabels(page, role.labels);
        expect({ role: role.username, violations: await axeViolations(page) }).toEqual({ role: role.username, violations: [] });

        if (role.username === 'demo-leader') {
          // English labels are longer: the six of a leader still fit.
          await nav(page).getByRole('link', { name: 'Cài đặt' }).click();
          // The radio shows checked once the English strings have loaded, after the click: wait for the
          // heading rather than use check(), which reads the state at once.
          await page.getByRole('radio', { name: 'English' }).click();
          await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
          await expectOneLineLabels(page, ['Home', 'Assistance', 'Checklists', 'Contacts', 'Reports', 'Settings']);
        }
      } finally {
        await phone.close();
      }
    });
  }
});
