// Settings → sync: waiting changes, refused changes with translated reasons, dismissing them.
// Settings is a lazy chunk that loads the hand-over's strings for its link: under a loaded machine its
// first render in a fresh test file can take longer than the default wait, hence 15 s waits below.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../../../test/helpers/render-app';
import { COMMUNE, logFields, teamMemberRow } from '../../../../../test/helpers/sync-fixtures';
import { db, type RejectedChange } from '../../../data/db';
import { unlockTestVault } from '../../../../../test/helpers/test-vault';
import { saveSession } from '../../../data/session-repository';
import { writeRecord } from '../../../data/local-write';
import { recordSyncError } from '../../../data/sync-status-repository';
import { uuidv7 } from '../../../../shared/sync/ids';

const LAN = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member' as const, communeId: COMMUNE };

function rejected(overrides: Partial<RejectedChange>): RejectedChange {
  return {
    id: uuidv7(),
    table: 'assistanceLogs',
    recordId: uuidv7(),
    hlc: '2026-07-01T01:00:00.000Z-0000-0123456789abcdef' as never,
    fields: { note: 'Hướng dẫn cài VNeID cho bà Hoa' },
    createdAt: '2026-07-01T01:00:00.000Z',
    code: 'invalid',
    message: 'validation.tooLong',
    rejectedAt: '2026-07-01T02:00:00.000Z',
    ...overrides,
  };
}

beforeEach(async () => {
  vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
  await Promise.all(db.tables.map((table) => table.clear()));
  await saveSession({ user: LAN, signedInAt: '2026-07-01T01:00:00.000Z' });
  await unlockTestVault(LAN);
});
afterEach(() => vi.unstubAllGlobals());

describe('sync section', () => {
  it('shows the changes waiting in the top bar and in Settings', async () => {
    for (let index = 0; index < 3; index += 1) await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now(), index) });
    await renderApp('/settings');
    expect((await screen.findByTestId('sync-pending', {}, { timeout: 15_000 })).textContent).toBe('3 thay đổi đang chờ gửi lên máy chủ.');
    expect(screen.getByTestId('sync-badge').textContent).toContain('3 thay đổi chờ gửi');
    expect(screen.getByRole('button', { name: 'Đồng bộ ngay' })).toBeTruthy();
  });

  it('explains an error in plain words and links to sign-in when the session ended', async () => {
    await recordSyncError({ reason: 'signedOut', at: new Date().toISOString() });
    await renderApp('/settings');
    expect(await screen.findByText(/Phiên đăng nhập đã hết hạn/, {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Đăng nhập lại' }).getAttribute('href')).toBe('/sign-in');
    expect(screen.getByTestId('sync-badge').textContent).toContain('Cần đăng nhập lại');
  });

  it('lists refused changes with the record, a translated reason, and dismisses one after reading', async () => {
    await db.rejectedChanges.bulkPut([
      rejected({ message: 'validation.tooLong' }),
      rejected({ table: 'checklistItems', fields: { status: 'done' }, code: 'forbidden', message: 'sync.notAllowed', rejectedAt: '2026-07-01T03:00:00.000Z' }),
      rejected({ table: 'contacts', fields: { name: 'Anh Bình VNPT' }, code: 'wrong_commune', message: 'something the app does not know', rejectedAt: '2026-07-01T04:00:00.000Z' }),
      // A change handed over from a colleague's phone whose MAC no longer checks out (docs/field-aids.md §2).
      rejected({ code: 'forbidden', message: 'sync.relayNotValid', rejectedAt: '2026-07-01T05:00:00.000Z' }),
    ]);
    await renderApp('/settings');
    const list = await screen.findByTestId('rejected-changes', {}, { timeout: 15_000 });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual([
      'Lượt hỗ trợ: Hướng dẫn cài VNeID cho bà Hoa',
      'Liên hệ: Anh Bình VNPT',
      expect.stringMatching(/^Mục kiểm tra: bản ghi /),
      'Lượt hỗ trợ: Hướng dẫn cài VNeID cho bà Hoa',
    ]);
    expect(within(items[0]!).getByText(/^Lý do: Thay đổi được chuyển từ máy khác nhưng không xác thực được là của người tạo/)).toBeTruthy();
    expect(within(items[1]!).getByText('Lý do: Bản ghi thuộc xã khác')).toBeTruthy();
    expect(within(items[2]!).getByText('Lý do: Tài khoản của bạn không được phép thay đổi nội dung này')).toBeTruthy();
    expect(within(items[3]!).getByText('Lý do: Quá dài')).toBeTruthy();
    expect(screen.getByTestId('sync-badge').textContent).toContain('4 thay đổi không được chấp nhận');

    await userEvent.click(within(items[3]!).getByRole('button', { name: /Đã đọc/ }));
    expect(await db.rejectedChanges.count()).toBe(3);
    // The list follows the table through a live query, which wakes after the write (data/change-notice.ts).
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
  });

  it('a follow-up handed to someone who may not take it says why in Vietnamese (docs/field-aids.md §2)', async () => {
    await db.rejectedChanges.bulkPut([rejected({ fields: { followUpBy: uuidv7() }, code: 'forbidden', message: 'sync.followUpNotColleague' })]);
    await renderApp('/settings');
    const list = await screen.findByTestId('rejected-changes', {}, { timeout: 15_000 });
    expect(await within(list).findByText(/^Lý do: Việc hẹn lại được giao cho người không phải thành viên hay tổ trưởng đang hoạt động của xã/)).toBeTruthy();
  });

  it('names the people a refused change mentions, never their account ids (issue 17 item 8)', async () => {
    const HOA = '0190a1b2-c3d4-7e5f-8a6b-0000000000aa';
    await db.syncedTable('teamMembers').bulkPut([teamMemberRow(HOA, 'Phạm Thị Hoa', { role: 'reviewer' })]);
    await db.rejectedChanges.bulkPut([
      rejected({ table: 'signOffs', fields: { checklistId: uuidv7(), signedBy: HOA, comment: 'Đạt' }, code: 'forbidden', message: 'sync.signOffNotYours' }),
    ]);
    await renderApp('/settings');
    const list = await screen.findByTestId('rejected-changes', {}, { timeout: 15_000 });
    await userEvent.click(within(list).getByText('Nội dung thay đổi'));
    expect(await within(list).findByText('Phạm Thị Hoa')).toBeTruthy();
    expect(list.textContent).not.toContain(HOA);
  });
});
