// Upgrading a phone filled by a release before encryption (docs/security.md "Upgrading an existing
// phone") in Chromium against the real server. The old release's data is made the honest way: the
// app stores two logs (one synced, one waiting offline), then the test's own IndexedDB code puts
// back, in place of each sealed field, the plaintext an old release kept there — the citizen and
// note as the server holds them — in the synced record, the outbox entry and a refused change,
// and forgets that this phone was ever sealed. After a reload and an offline unlock the raw dump
// holds none of the citizen's name, phone or note; the log list still shows the name; and the
// waiting log reaches the server with its details once the network returns: nothing is lost.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, apiPullAll } from './support/api-client';
import { dumpDatabase, storeRows } from './support/idb';
import { installAndSignIn, logCitizen, phoneWorld } from './support/phone-world';
import { unlock } from './support/sign-in';

const DEMO_PASSWORD = 'upgrade-e2e-password';
const NAME = 'Phạm Thị Hằng';
const PHONE = '0903 111 222';
const NOTE = 'Cần gọi lại cho bà về hồ sơ cấp đổi';

/** Puts plaintext back in place of every sealed citizen and note, as a release before encryption stored them. */
async function makeItAnOldPhone(page: Page, plain: { citizen: unknown; note: string }): Promise<void> {
  await page.evaluate(async ({ citizen, note }) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('so-tay-so');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    const tx = database.transaction(['assistanceLogs', 'outbox', 'rejectedChanges', 'syncState'], 'readwrite');
    const rows = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve) => {
        const request = tx.objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
      });
    const plainIn = (row: Record<string, unknown>) => ({ ...row, citizen, note });
    for (const log of await rows('assistanceLogs')) if (log.citizen !== null) tx.objectStore('assistanceLogs').put(plainIn(log));
    const entries = await rows('outbox');
    for (const entry of entries) tx.objectStore('outbox').put({ ...entry, fields: plainIn(entry.fields as Record<string, unknown>) });
    // A change the server refused, kept in plaintext as the old release did.
    const first = entries[0]!;
    const { seq: _seq, ...refused } = first;
    tx.objectStore('rejectedChanges').put({ ...refused, id: crypto.randomUUID(), fields: plainIn(first.fields as Record<string, unknown>), code: 'invalid', message: 'validation.required', rejectedAt: new Date().toISOString() });
    tx.objectStore('syncState').delete('sealedAtRest');
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    database.close();
  }, plain);
}

describe('upgrading a phone that kept citizens in plaintext', () => {
  const world = phoneWorld({ DEMO_PASSWORD });

  it('seals every plaintext record, outbox entry and refused change after the first unlock, and loses nothing', async () => {
    const { server, phone: { page, context } } = world;
    await installAndSignIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    await logCitizen(page, { name: NAME, phone: PHONE, note: NOTE });
    await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 30_000 }).toBe(0);
    const session = await apiLogin(server.url, 'demo-member', DEMO_PASSWORD);
    const onServer = [...((await apiPullAll(server.url, session)).get('assistanceLogs')?.values() ?? [])];
    expect(onServer).toHaveLength(1);
    const plain = { citizen: onServer[0]!.citizen, note: NOTE };
    await context.setOffline(true);
    await logCitizen(page, { name: NAME, phone: PHONE, note: NOTE });
    await expect.poll(async () => (await storeRows(page, 'outbox')).length).toBe(1);

    await makeItAnOldPhone(page, plain);
    const old = await dumpDatabase(page);
    for (const secret of [NAME, NOTE]) expect(old).toContain(secret);

    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    await expect.poll(async () => {
      const dump = await dumpDatabase(page);
      return [NAME, '0903111222', '903111222', NOTE].filter((secret) => dump.includes(secret));
    }, { timeout: 60_000 }).toEqual([]);
    expect((await storeRows(page, 'rejectedChanges')).length).toBe(1);
    expect((await storeRows(page, 'outbox')).length).toBe(1);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await expect.poll(async () => page.getByText(NAME).count(), { timeout: 30_000 }).toBe(2);

    await context.setOffline(false);
    await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 60_000 }).toBe(0);
    const after = [...((await apiPullAll(server.url, session)).get('assistanceLogs')?.values() ?? [])];
    expect(after.map((log) => (log.citizen as { name: string } | null)?.name)).toEqual([NAME, NAME]);
    expect(after.map((log) => log.note)).toEqual([NOTE, NOTE]);
  });
});
