// The team roster end to end (docs/accounts.md "Team roster"), in headless Chromium against the
// real server: the leader gives a member a work phone in the console's API; the roster the server
// publishes reaches the leader's and the member's phones, and each reads the commune's team
// offline at /contacts/team — names and roles, never ids or usernames, a call button per phone,
// the province admin not among them. Axe-clean at 360 × 740 and 1280 × 800.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiLogin } from './support/api-client';
import { axeAtBothSizes } from './support/axe';
import { storeRows } from './support/idb';
import { installAndSignIn, phonesWorld } from './support/phone-world';
import { unlock } from './support/sign-in';

const DEMO_PASSWORD = 'roster-e2e-password';
const MEMBER = 'Thành viên tổ (demo)';
const LEADER = 'Tổ trưởng (demo)';

/** Opens the roster offline from the directory, as a person would. */
async function openRoster(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/contacts`);
  await unlock(page, DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'Danh bạ hỗ trợ' }).waitFor();
  await page.getByRole('link', { name: 'Tổ của xã' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổ của xã' }).waitFor();
}

describe('roster: the commune’s team, by name, on every phone of the commune, offline', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { leader: {}, member: {} });

  it('the leader gives the member a work phone; both phones receive the roster', async () => {
    const leader = await apiLogin(world.server.url, 'demo-leader', DEMO_PASSWORD);
    const listed = await fetch(`${world.server.url}/api/admin/accounts?q=demo-member`, { headers: { authorization: `Bearer ${leader.accessToken}` } });
    const { accounts } = (await listed.json()) as { accounts: { id: string; username: string }[] };
    const member = accounts.find((account) => account.username === 'demo-member')!;
    const changed = await fetch(`${world.server.url}/api/admin/accounts/${member.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${leader.accessToken}` },
      body: JSON.stringify({ phone: '0905123456' }),
    });
    expect(changed.status).toBe(200);
    await installAndSignIn(world.leader.page, world.server.url, 'demo-leader', DEMO_PASSWORD);
    await installAndSignIn(world.member.page, world.server.url, 'demo-member', DEMO_PASSWORD);
    for (const { page } of [world.leader, world.member]) {
      await expect
        .poll(async () => (await storeRows(page, 'teamMembers')).find((row) => row.displayName === MEMBER)?.phone, { timeout: 60_000 })
        .toBe('0905123456');
    }
  });

  it('offline, the leader reads the team: names and roles, a call button, no admin, no id', async () => {
    const { page, context } = world.leader;
    await context.setOffline(true);
    await openRoster(page, world.server.url);
    const team = page.getByRole('list', { name: 'Thành viên tổ của xã' });
    const member = team.getByRole('listitem').filter({ hasText: MEMBER });
    await member.getByText('Thành viên tổ', { exact: true }).waitFor();
    await member.getByRole('link', { name: `Gọi ${MEMBER}, số 0905 123 456` }).waitFor();
    expect(await member.getByRole('link').getAttribute('href')).toBe('tel:0905123456');
    await team.getByRole('listitem').filter({ hasText: LEADER }).getByText('Tổ trưởng', { exact: true }).waitFor();
    expect(await team.getByText('Sở KH&CN (demo)').count()).toBe(0);
    expect(await team.getByText('demo-member').count()).toBe(0);
    await axeAtBothSizes(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('offline, the member reads the same team', async () => {
    const { page, context } = world.member;
    await context.setOffline(true);
    await openRoster(page, world.server.url);
    const team = page.getByRole('list', { name: 'Thành viên tổ của xã' });
    await team.getByRole('listitem').filter({ hasText: LEADER }).getByText('Tổ trưởng', { exact: true }).waitFor();
    await team.getByRole('listitem').filter({ hasText: MEMBER }).waitFor();
    await axeAtBothSizes(page);
  });
});
