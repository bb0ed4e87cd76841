// Signs in through the app's own /sign-in screen (never by seeding a session in the page), and
// unlocks the app after a page load: every cold start locks it (docs/security.md).
import type { Page } from 'playwright-core';

export const LOCK_TITLE = 'Ứng dụng đang khóa';

export async function signIn(page: Page, baseUrl: string, username: string, password: string, options: { timeout?: number } = {}): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in', options).catch(async (error: unknown) => {
    // Say what the screen said instead of only that the URL did not change.
    const said = await page.locator('[role="alert"], .notice').allInnerTexts();
    throw new Error(`sign-in as ${username} stayed on /sign-in; the screen said: ${JSON.stringify(said)}`, { cause: error });
  });
}

/** After a reload or a navigation by URL: the lock screen, then the password, offline. */
export async function unlock(page: Page, password: string): Promise<void> {
  const lock = page.getByRole('heading', { level: 1, name: LOCK_TITLE });
  await lock.waitFor();
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Mở khóa', exact: true }).click();
  await lock.waitFor({ state: 'detached' });
}
