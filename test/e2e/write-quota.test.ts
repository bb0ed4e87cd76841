// The write quota on the phone (docs/sync.md "Write quotas") in Chromium against the real server,
// started with a quota of two changes a day per member. The member saves three logs offline; back
// online, the server takes the push that fits and answers the next one 429 write_quota_exceeded:
// the phone keeps the waiting change and says why in Vietnamese (its wait for Retry-After is the
// scheduler's unit test). The same with a quota of bytes a day too small for the three logs'
// push: 429 bytes_quota_exceeded, said in its own words.
import { describe, expect, it } from 'vitest';
import { storeRows } from './support/idb';
import { installAndSignIn, phoneWorld } from './support/phone-world';

const DEMO_PASSWORD = 'write-quota-e2e-password';
const INSTALL = 'Cài đặt ứng dụng VNeID và đăng ký tài khoản định danh điện tử';

const CASES = [
  { quota: 'changes', env: { WRITE_QUOTA_USER: '2' }, says: 'Hôm nay đã gửi quá nhiều thay đổi nên máy chủ tạm ngừng nhận. Các thay đổi vẫn được giữ trên máy và sẽ tự gửi lại sau.' },
  // A log of this form is some 400 bytes of fields: three never fit in 900.
  { quota: 'bytes', env: { WRITE_QUOTA_USER: '0', WRITE_QUOTA_USER_BYTES: '900' }, says: 'Hôm nay đã gửi quá nhiều dữ liệu nên máy chủ tạm ngừng nhận. Các thay đổi vẫn được giữ trên máy và sẽ tự gửi lại sau.' },
] as const;

describe.each(CASES)('the write quota of $quota on the phone', ({ env, says }) => {
  const world = phoneWorld({ DEMO_PASSWORD, ...env });

  it('keeps the change over the quota and says so in Vietnamese', async () => {
    const { server, phone: { page, context } } = world;
    await installAndSignIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await context.setOffline(true);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    for (let i = 0; i < 3; i++) {
      await page.getByRole('link', { name: 'Ghi mới' }).click();
      await page.getByRole('radio', { name: INSTALL }).check();
      await page.getByRole('radio', { name: 'Đã xong' }).check();
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 10_000 }).toBe(i + 1);
    }
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    const section = page.locator('#sync');
    await expect
      .poll(async () => section.textContent(), { timeout: 60_000 })
      .toContain(says);
    // Nothing lost: the change over the quota waits in the outbox, none was refused for good.
    const waiting = (await storeRows(page, 'outbox')).length;
    expect(waiting).toBeGreaterThanOrEqual(1);
    expect(await storeRows(page, 'rejectedChanges')).toEqual([]);
  });
});
