import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../../../test/helpers/render-app';
import { db } from '../../../data/db';
import { clearSession, saveSession, type SessionUser } from '../../../data/session-repository';
import { unlockTestVault } from '../../../../../test/helpers/test-vault';
import { createChecklist, updateChecklistItem } from '../../../data/checklist-repository';
import { ensureTemplateSeed } from '../../../data/checklist-template-repository';
import { teamMemberRow } from '../../../../../test/helpers/sync-fixtures';

const communeUser = { communeId: 'ngok-bay' };
const leader: SessionUser = { ...communeUser, id: '0197c1a2-0000-7000-8000-000000000002', username: 'lan', displayName: 'Lan', role: 'leader' };
const member: SessionUser = { ...communeUser, id: '0197c1a2-0000-7000-8000-000000000001', username: 'binh', displayName: 'Bình', role: 'member' };
const reviewer: SessionUser = { ...communeUser, id: '0197c1a2-0000-7000-8000-000000000003', username: 'hoa', displayName: 'Hoa', role: 'reviewer' };
// A signed-in member is an unlocked one: notes and comments are sealed (docs/security.md).
const signIn = async (user: SessionUser) => {
  await saveSession({ user, signedInAt: '2025-07-01T01:00:00.000Z' });
  await unlockTestVault(user);
};
const TABLES = ['checklists', 'checklistItems', 'checklistTemplates', 'signOffs', 'villages', 'teamMembers'] as const;

// The first render waits for the lazy checklists chunk, which takes seconds on a busy machine.
const SLOW = { timeout: 15_000 };
const row = (itemId: string) => document.querySelector<HTMLElement>(`[data-item-id="${itemId}"]`)!;

describe('checklist screens', () => {
  // Live queries answer within milliseconds, but the machine running the suite may be busy.
  beforeAll(() => configure({ asyncUtilTimeout: 5000 }));
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.syncState.clear(), db.settings.clear(), clearSession(), ...TABLES.map((t) => db.records(t).clear())]);
  });

  it('asks to sign in first', { timeout: 20_000 }, async () => {
    await renderApp('/checklists');
    expect(await screen.findByRole('heading', { level: 1, name: 'Danh mục kiểm tra' }, SLOW)).toBeTruthy();
    expect(await screen.findByText(/Hãy đăng nhập trước/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Đăng nhập' }).getAttribute('href')).toBe('/sign-in');
  });

  it('tells a member with no checklist to ask the team leader, and a commune leader what comes to them', { timeout: 20_000 }, async () => {
    await signIn(member);
    const { unmount } = await renderApp('/checklists');
    expect(await screen.findByText(/hãy nhờ tổ trưởng tạo, rồi bấm “Đồng bộ ngay” trong Cài đặt/, {}, SLOW)).toBeTruthy();
    unmount();
    await signIn(reviewer);
    await renderApp('/checklists');
    expect(await screen.findByText(/bạn ký xác nhận danh mục ở đây/, {}, SLOW)).toBeTruthy();
  });

  it('lets a leader create the readiness checklist from its template, then work it', { timeout: 60_000 }, async () => {
    await signIn(leader);
    await renderApp('/checklists');
    await userEvent.click(await screen.findByRole('link', { name: 'Tạo danh mục' }, SLOW));
    await screen.findByRole('heading', { level: 1, name: 'Tạo danh mục từ mẫu' });
    await userEvent.click(await screen.findByRole('radio', { name: /^Sẵn sàng hệ thống thông tin dùng chung/ }));
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Cấp xã' }).checked).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Tạo danh mục' }));

    await screen.findByRole('heading', { level: 1, name: /^Sẵn sàng hệ thống thông tin dùng chung/ });
    await waitFor(() => expect(document.querySelectorAll('[data-item-id]')).toHaveLength(52));
    expect(screen.getByRole('heading', { level: 3, name: /Thư điện tử công vụ/ })).toBeTruthy();
    // Province-led items are "we confirm received"; commune-led ones "we must do".
    expect(within(row('qng25-email-02')).getByText('Xã xác nhận đã nhận')).toBeTruthy();
    expect(within(row('qng25-email-01')).getByText('Xã phải làm')).toBeTruthy();

    // One tap: todo → doing; again: done.
    const status = () => within(row('qng25-email-01')).getByRole('button', { name: /chạm để chuyển/ });
    await userEvent.click(status());
    await waitFor(() => expect(row('qng25-email-01').dataset.status).toBe('doing'));
    await userEvent.click(status());
    await waitFor(() => expect(row('qng25-email-01').dataset.status).toBe('done'));
    expect(screen.getByTestId('progress-percent').textContent).toBe('1%');
    // A tap on a done item never resets it: it opens the details, where going back is deliberate (issue 17 item 15).
    const done = within(row('qng25-email-01')).getByRole('button', { name: /^Đã xong — chạm để mở chi tiết/ });
    await userEvent.click(done);
    const doneSheet = await screen.findByTestId('item-sheet');
    expect(row('qng25-email-01').dataset.status).toBe('done');
    expect(within(doneSheet).getByRole('radio', { name: 'Đã xong' })).toHaveProperty('checked', true);
    await userEvent.click(within(doneSheet).getByRole('button', { name: 'Đóng' }));
    await waitFor(() => expect(screen.queryByTestId('item-sheet')).toBeNull());
    expect(row('qng25-email-01').dataset.status).toBe('done');
    // Undo the last tap.
    await userEvent.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(() => expect(row('qng25-email-01').dataset.status).toBe('doing'));

    // Details: block with a reason.
    await userEvent.click(within(row('qng25-lgsp-01')).getByRole('button', { name: 'Chi tiết' }));
    const sheet = await screen.findByTestId('item-sheet');
    await userEvent.click(within(sheet).getByRole('radio', { name: 'Vướng mắc' }));
    await userEvent.click(within(sheet).getByRole('button', { name: 'Lưu' }));
    expect(await within(sheet).findByRole('alert')).toHaveProperty('textContent', 'Hãy ghi lý do bị vướng.');
    await userEvent.type(within(sheet).getByLabelText('Lý do bị vướng (bắt buộc)'), 'Chưa có tài khoản LGSP');
    await userEvent.click(within(sheet).getByRole('button', { name: 'Tôi phụ trách' }));
    await userEvent.click(within(sheet).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByTestId('item-sheet')).toBeNull());
    await waitFor(() => expect(row('qng25-lgsp-01').dataset.status).toBe('blocked'));
    expect(within(row('qng25-lgsp-01')).getByText('Lý do vướng: Chưa có tài khoản LGSP')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Vướng mắc (1)' }));
    expect(document.querySelectorAll('[data-item-id]')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Của tôi (1)' }));
    expect(row('qng25-lgsp-01')).toBeTruthy();

    // Back on the overview: same figures and the blocked item first among urgent ones.
    await userEvent.click(screen.getByRole('link', { name: 'Về danh sách' }));
    const card = await screen.findByTestId('card-figures');
    expect(card.textContent).toContain('0/52 việc đã xong');
    expect(screen.getByText('1 bị vướng')).toBeTruthy();
  });

  it('hides what a member and a reviewer may not do', { timeout: 30_000 }, async () => {
    await ensureTemplateSeed();
    await signIn(leader);
    const checklist = await createChecklist({ templateId: 'village-digital-readiness', scope: 'team' });
    await signIn(member);
    const { unmount } = await renderApp(`/checklists/${checklist.id}`);
    await waitFor(() => expect(document.querySelectorAll('[data-item-id]')).toHaveLength(13), SLOW);
    expect(screen.queryByRole('button', { name: 'Lưu trữ danh mục' })).toBeNull();
    expect(screen.getAllByRole('button', { name: /chạm để chuyển/ })).toHaveLength(13);
    unmount();

    await signIn(reviewer);
    await renderApp(`/checklists/${checklist.id}`);
    await waitFor(() => expect(document.querySelectorAll('[data-item-id]')).toHaveLength(13));
    expect(screen.queryAllByRole('button', { name: /chạm để chuyển/ })).toHaveLength(0);
    expect(screen.getByText('Còn 13 việc chưa xong trước khi ký xác nhận:')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Tạo danh mục' })).toBeNull();
    // The sheet reads, it does not edit.
    await userEvent.click(screen.getAllByRole('button', { name: 'Chi tiết' })[0]!);
    const sheet = await screen.findByTestId('item-sheet');
    expect(within(sheet).getByRole('heading', { level: 3, name: 'Thông tin của việc' })).toBeTruthy();
    expect(within(sheet).queryByRole('button', { name: 'Lưu' })).toBeNull();
    expect(within(sheet).queryByRole('radio')).toBeNull();
  });

  it('lets a reviewer sign off a completed checklist and shows who and when', { timeout: 30_000 }, async () => {
    await ensureTemplateSeed();
    await signIn(leader);
    const checklist = await createChecklist({ templateId: 'village-digital-readiness', scope: 'team' });
    const items = (await db.records('checklistItems').where('checklistId').equals(checklist.id).toArray()).map((r) => r.itemId);
    for (const itemId of items) await updateChecklistItem(checklist.id, itemId, { status: 'done' });
    await signIn(reviewer);
    await renderApp(`/checklists/${checklist.id}`);
    await userEvent.type(await screen.findByLabelText('Ý kiến (không bắt buộc)', {}, SLOW), 'Đạt yêu cầu');
    await userEvent.click(screen.getByRole('button', { name: 'Ký xác nhận danh mục' }));
    const section = screen.getByTestId('sign-offs');
    expect(await within(section).findByText(/^Bạn ký xác nhận lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/)).toBeTruthy();
    expect(within(section).getByText('Ý kiến: Đạt yêu cầu')).toBeTruthy();
    // The signed state replaces the form; signing again is a deliberate second step.
    expect(within(section).getByRole('status').textContent).toBe('Đã ký xác nhận.');
    await waitFor(() => expect(within(section).queryByRole('button', { name: 'Ký xác nhận danh mục' })).toBeNull());
    expect(within(section).queryByLabelText('Ý kiến (không bắt buộc)')).toBeNull();
    await userEvent.click(within(section).getByRole('button', { name: 'Ký xác nhận lại' }));
    expect(within(section).getByRole('button', { name: 'Ký xác nhận danh mục' })).toBeTruthy();
    // On the leader's phone the sign-off names the reviewer from the roster (issue 17 item 8).
    await db.syncedTable('teamMembers').bulkPut([teamMemberRow(reviewer.id, 'Phạm Thị Hoa', { role: 'reviewer' })]);
    await signIn(leader);
    await renderApp(`/checklists/${checklist.id}`);
    const signed = await screen.findByTestId('sign-offs', {}, SLOW);
    expect(await within(signed).findByText(/^Phạm Thị Hoa ký xác nhận lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/)).toBeTruthy();
    expect(signed.textContent).not.toMatch(/mã|000003/);
  });

  it('tells a leader who signs and what is missing, then that the checklist waits for the commune leader', { timeout: 30_000 }, async () => {
    await ensureTemplateSeed();
    await signIn(leader);
    const checklist = await createChecklist({ templateId: 'village-digital-readiness', scope: 'team' });
    const items = (await db.records('checklistItems').where('checklistId').equals(checklist.id).toArray()).map((r) => r.itemId);
    for (const itemId of items.slice(1)) await updateChecklistItem(checklist.id, itemId, { status: 'done' });
    const { unmount } = await renderApp(`/checklists/${checklist.id}`);
    const section = await screen.findByTestId('sign-offs', {}, SLOW);
    expect(within(section).getByText(/^Lãnh đạo xã \(tài khoản vai trò Lãnh đạo xã\) ký xác nhận/)).toBeTruthy();
    expect(within(section).getByText('Còn 1 việc chưa xong trước khi ký xác nhận:')).toBeTruthy();
    // The missing item opens its sheet.
    await userEvent.click(within(section).getAllByRole('button')[0]!);
    expect(await screen.findByTestId('item-sheet')).toBeTruthy();
    unmount();

    await updateChecklistItem(checklist.id, items[0]!, { status: 'done' });
    await renderApp(`/checklists/${checklist.id}`);
    expect(await within(await screen.findByTestId('sign-offs', {}, SLOW)).findByText('Mọi việc đã xong. Đang chờ lãnh đạo xã ký xác nhận.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ký xác nhận danh mục' })).toBeNull();
    await renderApp('/checklists');
    expect(await screen.findByText('Chờ lãnh đạo xã ký xác nhận', {}, SLOW)).toBeTruthy();
  });
});
