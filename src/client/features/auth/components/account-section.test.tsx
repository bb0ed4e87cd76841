// Settings → Account: sign-out never drops waiting changes, refused changes or drafts silently.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../../../test/helpers/render-app';
import { COMMUNE, logFields } from '../../../../../test/helpers/sync-fixtures';
import { communeProfileId } from '../../../../shared/schemas/commune-profile';
import { db } from '../../../data/db';
import { unlockTestVault } from '../../../../../test/helpers/test-vault';
import { getSession, saveSession } from '../../../data/session-repository';
import { writeRecord } from '../../../data/local-write';
import { uuidv7 } from '../../../../shared/sync/ids';

function refusedChange() {
  const at = '2026-07-01T01:00:00.000Z';
  return { id: uuidv7(), table: 'assistanceLogs' as const, recordId: uuidv7(), hlc: `${at}-0000-0123456789abcdef` as never, fields: {}, createdAt: at, code: 'invalid' as const, message: 'validation.required', rejectedAt: at };
}

const LAN = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member' as const, communeId: COMMUNE };

beforeEach(async () => {
  // The server cannot be reached: sign-out still works, and sync-now fails quietly.
  vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
  await Promise.all(db.tables.map((table) => table.clear()));
  await saveSession({ user: LAN, signedInAt: '2026-07-01T01:00:00.000Z' });
  await unlockTestVault(LAN);
});
afterEach(() => vi.unstubAllGlobals());

describe('account section', () => {
  it('shows who is signed in', async () => {
    await renderApp('/settings');
    expect(await screen.findByText('Họ tên: Nguyễn Thị Lan', {}, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByText('Vai trò: Thành viên tổ')).toBeTruthy();
  });

  it("names the commune, never its id: a placeholder until the first sync, then the commune's name (issue 17 item 8)", async () => {
    await renderApp('/settings');
    expect(await screen.findByText('Đơn vị: tên xã sẽ hiện sau lần đồng bộ đầu tiên', {}, { timeout: 5_000 })).toBeTruthy();
    const at = '2026-01-01T00:00:00.000Z';
    await db.syncedTable('communeProfiles').put({
      id: communeProfileId(COMMUNE),
      communeId: COMMUNE,
      createdBy: '00000000-0000-5000-8000-000000000000',
      createdAt: at,
      updatedAt: at,
      deleted: false,
      name: 'Xã Ngọk Bay',
      provinceId: 'quang-ngai',
      active: true,
      clocks: {},
    });
    expect(await screen.findByText('Đơn vị: Xã Ngọk Bay')).toBeTruthy();
    expect(screen.getByTestId('account-section').textContent).not.toContain(COMMUNE);
  });

  it('counts what would be lost (unsent, refused, drafts), asks to sync first, and deletes only after a second confirmation', async () => {
    for (let index = 0; index < 2; index += 1) await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now(), index) });
    await db.rejectedChanges.put(refusedChange());
    await db.drafts.put({ key: `${LAN.id}:assistance-new`, userId: LAN.id, value: { note: 'nháp' }, updatedAt: '2026-07-01T01:00:00.000Z' });
    await renderApp('/settings');
    await userEvent.click(await screen.findByRole('button', { name: 'Đăng xuất' }, { timeout: 5_000 }));
    const losses = await screen.findByTestId('sign-out-losses');
    expect(within(losses).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '2 thay đổi chưa gửi lên máy chủ',
      '1 thay đổi không được máy chủ chấp nhận',
      '1 bản nháp chưa lưu của bạn',
    ]);
    expect(within(losses).getByRole('button', { name: 'Đồng bộ ngay' })).toBeTruthy();
    expect(await getSession()).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Vẫn đăng xuất' }));
    expect(screen.getByRole('alertdialog', { name: 'Xóa vĩnh viễn?' }).textContent).toContain('4 mục trên sẽ bị xóa');
    await userEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    expect(await db.outbox.count()).toBe(2);

    await userEvent.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Vẫn đăng xuất' }));
    await userEvent.click(screen.getByRole('button', { name: 'Xóa và đăng xuất' }));
    expect(await screen.findByText('Đã đăng xuất và xóa dữ liệu khỏi máy này.')).toBeTruthy();
    expect(await getSession()).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejectedChanges.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
    expect(await db.records('assistanceLogs').count()).toBe(0);
  });

  it('warns before deleting a draft or a refused change even when nothing is waiting to be sent', async () => {
    await db.rejectedChanges.put(refusedChange());
    await renderApp('/settings');
    await userEvent.click(await screen.findByRole('button', { name: 'Đăng xuất' }, { timeout: 5_000 }));
    const losses = await screen.findByTestId('sign-out-losses');
    expect(within(losses).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['1 thay đổi không được máy chủ chấp nhận']);
    expect(within(losses).queryByRole('button', { name: 'Đồng bộ ngay' })).toBeNull();
    expect(await getSession()).toBeDefined();
    expect(await db.rejectedChanges.count()).toBe(1);
  });

  it('asks again when a new change arrives while the confirmation is open', async () => {
    await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now()) });
    await renderApp('/settings');
    await userEvent.click(await screen.findByRole('button', { name: 'Đăng xuất' }, { timeout: 5_000 }));
    await userEvent.click(await screen.findByRole('button', { name: 'Vẫn đăng xuất' }));
    await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now()) });
    expect(await screen.findByText('Các con số vừa thay đổi. Hãy xem lại trước khi đăng xuất.')).toBeTruthy();
    expect(screen.getByText('2 thay đổi chưa gửi lên máy chủ')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Xóa và đăng xuất' })).toBeNull();
    expect(await db.outbox.count()).toBe(2);
  });

  it('signs out at once when nothing is waiting, and the Home screen then offers sign-in', async () => {
    await renderApp('/settings');
    await userEvent.click(await screen.findByRole('button', { name: 'Đăng xuất' }, { timeout: 5_000 }));
    await waitFor(async () => expect(await getSession()).toBeUndefined());
    expect(await screen.findByRole('link', { name: 'Đăng nhập' }, { timeout: 5_000 })).toBeTruthy();
    await userEvent.click(screen.getByRole('link', { name: 'Trang chủ' }));
    expect(await screen.findByTestId('sign-in-card')).toBeTruthy();
  });
});
