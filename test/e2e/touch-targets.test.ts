// Checkboxes and radios a thumb can hit, and citizen fields that look locked until consent (issue 17
// item 11): some boxes were squashed to 13–21 px and the locked fields looked editable. Measured on
// the log form (the screen with the most choices) and Settings, at 360 px: every box at least 24 px, the label around it (the
// area a tap selects) at least 44 px high, and the locked fields styled apart with the reason shown.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { installAndSignIn, phoneWorld } from './support/phone-world';
import { unlock } from './support/sign-in';

const DEMO_PASSWORD = 'touch-targets-e2e-password';

interface Target {
  name: string;
  box: number;
  tapHeight: number;
}

/** The boxes smaller than 24 px or with a tap area under 44 px high, named by their label. */
async function smallTargets(page: Page, atLeast: number): Promise<Target[]> {
  await page.locator('input[type=checkbox], input[type=radio]').first().waitFor();
  const targets = await page.locator('main input[type=checkbox], main input[type=radio]').evaluateAll((inputs) =>
    inputs
      .filter((input) => input.getClientRects().length > 0)
      .map((input) => {
        const box = input.getBoundingClientRect();
        const tap = (input.closest('label') ?? input).getBoundingClientRect();
        return { name: input.closest('label')?.textContent?.trim().slice(0, 40) ?? input.id, box: Math.min(box.width, box.height), tapHeight: tap.height };
      }),
  );
  expect(targets.length).toBeGreaterThanOrEqual(atLeast);
  return targets.filter((t) => t.box < 24 || t.tapHeight < 44);
}

describe('touch targets and locked fields at 360 px', () => {
  const world = phoneWorld({ DEMO_PASSWORD });

  beforeAll(async () => {
    await installAndSignIn(world.phone.page, world.server.url, 'demo-leader', DEMO_PASSWORD);
  });

  it('the log form: every checkbox and radio at least 24 px in a 44 px high tap area', async () => {
    const { page } = world.phone;
    await page.goto(`${world.server.url}/assistance/new`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Ghi nhận hỗ trợ' }).waitFor();
    expect(await smallTargets(page, 20)).toEqual([]);
  });

  it('the log form: citizen fields look locked and say why until the citizen agrees', async () => {
    const { page } = world.phone;
    const name = page.locator('main input[disabled]').first();
    await name.waitFor({ state: 'attached' });
    await page.getByText('Các ô bên dưới bị khóa cho đến khi đánh dấu', { exact: false }).waitFor();
    const style = (selector: string) =>
      page.locator(selector).first().evaluate((el) => {
        const s = getComputedStyle(el);
        return `${s.backgroundColor} ${s.color} ${s.borderStyle} ${s.cursor}`;
      });
    // A locked field is drawn unlike an open text field of the same form (the note).
    expect(await style('main input[disabled]')).not.toBe(await style('main textarea:not([disabled])'));
  });

  it('Settings: the same sizes', async () => {
    const { page } = world.phone;
    await page.goto(`${world.server.url}/settings`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Cài đặt' }).waitFor();
    expect(await smallTargets(page, 2)).toEqual([]);
  });
});
