// The phone's retention limit (docs/privacy.md "Retention") in a real Chromium against the real
// server: a leader's phone syncs a log helped 100 days ago and one helped yesterday, both naming a
// citizen. The raw IndexedDB keeps the log of 100 days ago without its citizen or note (its
// service and outcome stay), yesterday's log keeps its citizen, and the server still holds both.
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE_RETENTION_DAYS } from '../../src/shared/privacy/retention';
import { uuidv7 } from '../../src/shared/sync/ids';
import { apiLogin, apiPullAll, apiPush } from './support/api-client';
import { storeRows } from './support/idb';
import { withHooks as hook } from './support/page-hooks';
import { installAndSignIn, phoneWorld } from './support/phone-world';

const DEMO_PASSWORD = 'phone-retention-e2e-password';
const DAY = 24 * 3_600_000;

describe("the phone's retention limit in Chromium", () => {
  const world = phoneWorld({ DEMO_PASSWORD });
  const oldId = uuidv7();
  const recentId = uuidv7();

  beforeAll(async () => {
    const leader = await apiLogin(world.server.url, 'demo-leader', DEMO_PASSWORD);
    const citizen = (name: string) => ({ name, phone: '0912555666', consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: new Date(Date.now() - 200 * DAY).toISOString(), recordedBy: leader.user.id } });
    const hlc = `${new Date(Date.now() - 60_000).toISOString()}-0000-0123456789abcdef`;
    const log = (id: string, daysAgo: number, name: string) => ({
      id: uuidv7(),
      table: 'assistanceLogs',
      recordId: id,
      hlc,
      fields: { serviceId: 'vneid-install-register', outcome: 'done', occurredAt: new Date(Date.now() - daysAgo * DAY).toISOString(), deleted: false, note: `gọi lại cho ${name}`, citizen: citizen(name) },
    });
    const answer = await apiPush(world.server.url, leader, 'e2e-seed', [log(oldId, PHONE_RETENTION_DAYS + 10, 'Đinh Văn Cũ'), log(recentId, 1, 'Đinh Thị Mới')] as never);
    expect(answer.rejected).toEqual([]);
    await installAndSignIn(world.phone.page, world.server.url, 'demo-leader', DEMO_PASSWORD);
  });

  it('after a sync the phone keeps the old log without its citizen, the recent one with it, and the server keeps both', async () => {
    const { page } = world.phone;
    await expect.poll(() => hook(page, (h) => h.syncState('lastSuccessAt'), null), { timeout: 30_000 }).toBeDefined();
    const stored = async (id: string) => (await storeRows(page, 'assistanceLogs')).find((row) => row.id === id);
    await expect.poll(async () => (await stored(oldId))?.citizen, { timeout: 30_000 }).toBeNull();
    expect(await stored(oldId)).toMatchObject({ citizen: null, note: null, outcome: 'done', serviceId: 'vneid-install-register' });
    const recent = await stored(recentId);
    expect(recent?.citizen).not.toBeNull();
    expect(recent?.citizen).toBeDefined();
    expect(await storeRows(page, 'outbox')).toEqual([]);
    const leader = await apiLogin(world.server.url, 'demo-leader', DEMO_PASSWORD);
    const onServer = (await apiPullAll(world.server.url, leader)).get('assistanceLogs');
    expect(onServer?.get(oldId)?.citizen).toMatchObject({ name: 'Đinh Văn Cũ' });
  });
});
