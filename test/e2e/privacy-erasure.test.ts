// A citizen's request to erase their details, end to end: two phones of one commune (headless
// Chromiums with real IndexedDB) and the real server. Phone B is offline while the leader erases
// the citizen on phone A; when B comes back and syncs, a raw dump of its IndexedDB holds neither
// the name nor the phone, and the logs that the dashboard counts are unchanged on both phones.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { axeViolations } from './support/axe';
import { consentingCitizen, seedAs, todaysLog } from './support/citizen-seed';
import { dumpDatabase } from './support/idb';
import { rows, syncRound, syncWorld } from './support/sync-world';

const NAME = 'Nguyễn Thị Hoa';
const PHONE = '0912345678';
const OTHER_NAME = 'Y Blông Niê';

const logs = (page: Page): Promise<SyncedRecord[]> => rows(page, 'assistanceLogs');

/** What the dashboard counts: everything of a log but its citizen, note and server times. */
async function counted(page: Page) {
  return (await logs(page))
    .map(({ id, serviceId, outcome, barriers, villageId, occurredAt, followUpAt, deleted }) => ({ id, serviceId, outcome, barriers, villageId, occurredAt, followUpAt, deleted }))
    .sort((x, y) => String(x.id).localeCompare(String(y.id)));
}

describe("erasing a citizen's details on request reaches a phone that was offline", () => {
  const world = syncWorld();

  it('both phones hold the citizen after syncing', async () => {
    await seedAs(world.server.url, 'demo-member', (member) => [
      { table: 'assistanceLogs', fields: todaysLog({ citizen: consentingCitizen(member, NAME, PHONE), note: `chị ${NAME} hẹn gọi lại` }) },
      { table: 'assistanceLogs', fields: todaysLog({ outcome: 'partial', citizen: consentingCitizen(member, NAME, PHONE) }) },
      { table: 'assistanceLogs', fields: todaysLog({ citizen: consentingCitizen(member, OTHER_NAME, '0987000111') }) },
    ]);

    await world.signIn(world.a, 'demo-leader');
    await world.signIn(world.b, 'demo-member');
    for (const phone of [world.a, world.b]) {
      await syncRound(phone.page);
      expect(JSON.stringify(await logs(phone.page))).toContain(PHONE);
    }
  });

  it('the leader erases on phone A while phone B is offline; B erases when it syncs; the counts stay', async () => {
    const { a, b } = world;
    const countsBefore = await counted(a.page);
    expect(countsBefore).toHaveLength(3);
    await b.context.setOffline(true);

    const { page } = a;
    // In-app navigation: a page load would lock the app (docs/security.md).
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('link', { name: 'Xóa thông tin người dân theo yêu cầu (tổ trưởng)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Xóa thông tin người dân theo yêu cầu' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Họ tên người dân').fill('nguyen thi hoa');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByRole('button', { name: 'Xóa thông tin' }).click();
    await page.getByRole('button', { name: 'Xóa hẳn' }).click();
    await page.getByText('Đã xóa thông tin trong 2 lượt hỗ trợ.', { exact: false }).waitFor();

    await syncRound(page);
    const dumpA = await dumpDatabase(page);
    expect(dumpA).not.toContain(PHONE);
    expect(dumpA).not.toContain(NAME);
    // The other citizen's details survive, sealed at rest (docs/security.md): the app still reads them.
    expect(dumpA).not.toContain(OTHER_NAME);
    expect(JSON.stringify(await logs(page))).toContain(OTHER_NAME);

    // B was offline throughout; it still holds the details until it syncs.
    expect(JSON.stringify(await logs(b.page))).toContain(PHONE);
    await b.context.setOffline(false);
    await syncRound(b.page);
    const dumpB = await dumpDatabase(b.page);
    expect(dumpB).not.toContain(PHONE);
    expect(dumpB).not.toContain(NAME);
    expect(dumpB).not.toContain(OTHER_NAME);
    expect(JSON.stringify(await logs(b.page))).toContain(OTHER_NAME);

    expect(await counted(a.page)).toEqual(countsBefore);
    expect(await counted(b.page)).toEqual(countsBefore);
  });
});
