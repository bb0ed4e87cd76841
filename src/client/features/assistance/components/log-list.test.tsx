// The list, detail, follow-ups and group sessions with the real routes, real i18n and fake-indexeddb.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../../../test/helpers/render-app';
import { db } from '../../../data/db';
import { unlockTestVault } from '../../../../../test/helpers/test-vault';
import { saveSession, type SessionUser } from '../../../data/session-repository';
import { createLog } from '../../../data/assistance-repository';
import { uuidv7 } from '../../../../shared/sync/ids';
import { addDays, formatDate, todayLocal } from '../../../../shared/text/dates';

configure({ asyncUtilTimeout: 5000 });

const member: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const consent = { consent: true as const, consentEvidence: { method: 'spoken' as const, noticeVersion: 'vi-2026-01', recordedAt: '2026-03-10T02:00:00.000Z', recordedBy: member.id } };

async function seedLogs() {
  await createLog({ serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-03-10T02:00:00.000Z', citizen: { name: 'Nguyễn Văn An', phone: '0912345678', ...consent } });
  await createLog({ serviceId: 'vneid-activate-level2', outcome: 'failed', occurredAt: '2026-03-11T02:00:00.000Z', note: 'Cổng bị lỗi, hẹn mai' });
}

/** The suite's clock where a test depends on today's date. */
const NOW = Date.parse('2026-03-02T02:00:00.000Z');

describe('assistance screens', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  beforeAll(async () => {
    await Promise.all([import('./assistance-screen'), import('./follow-ups-widget')]);
  });

  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.drafts.clear(), db.records('assistanceLogs').clear(), db.records('groupSessions').clear(), db.settings.clear()]);
    await saveSession({ user: member, signedInAt: '2026-03-01T00:00:00.000Z' });
  await unlockTestVault(member);
  });

  it('lists logs newest first, masks phones until tapped, and searches without diacritics', async () => {
    await seedLogs();
    await renderApp('/assistance');
    const list = await screen.findByRole('list', { name: 'Các lượt hỗ trợ, mới nhất trước' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]!.textContent).toContain('Kích hoạt tài khoản định danh điện tử mức độ 2');
    expect(rows[0]!.textContent).toContain('11/03/2026 09:00');
    expect(rows[1]!.textContent).toContain('Nguyễn Văn An');
    expect(rows[1]!.textContent).not.toContain('0912345678');
    await userEvent.click(within(rows[1]!).getByRole('button', { name: /091••••678/ }));
    expect(within(rows[1]!).getByRole('link', { name: 'Gọi 0912 345 678' }).getAttribute('href')).toBe('tel:0912345678');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Tìm lượt hỗ trợ' }), 'nguyen van');
    await waitFor(() => expect(within(screen.getByRole('list', { name: /Các lượt hỗ trợ/ })).getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByRole('list', { name: /Các lượt hỗ trợ/ }).textContent).toContain('Nguyễn Văn An');
  });

  it('opens a log from its row in the app: the row is a plain anchor, and the list opens it (a click with Ctrl is the browser\'s)', async () => {
    await seedLogs();
    await renderApp('/assistance');
    const list = await screen.findByRole('list', { name: 'Các lượt hỗ trợ, mới nhất trước' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const link = within(within(list).getAllByRole('listitem')[0]!).getAllByRole('link')[0]!;
    expect(link.getAttribute('href')).toMatch(/^\/assistance\/logs\//);
    fireEvent.click(link, { ctrlKey: true });
    expect(screen.getByRole('list', { name: 'Các lượt hỗ trợ, mới nhất trước' })).toBeTruthy();
    await userEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Kích hoạt tài khoản định danh điện tử mức độ 2' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Các lượt hỗ trợ, mới nhất trước' })).toBeNull();
  });

  it('says what to do next on an empty list: a member logs, a commune leader waits for the team\'s sync', async () => {
    const { unmount } = await renderApp('/assistance');
    expect(await screen.findByText(/Bấm “Ghi mới” sau mỗi lần giúp người dân/)).toBeTruthy();
    unmount();
    await saveSession({ user: { ...member, id: uuidv7(), role: 'reviewer' }, signedInAt: '2026-03-01T00:00:00.000Z' });
    await renderApp('/assistance');
    expect(await screen.findByText(/Các lượt tổ ghi nhận hiện ở đây sau khi đồng bộ/)).toBeTruthy();
    expect(screen.queryByText(/Ghi mới/)).toBeNull();
  });

  it('filters by outcome from the filter panel, keeping the filter in the URL', async () => {
    await seedLogs();
    await renderApp('/assistance?outcome=failed');
    const list = await screen.findByRole('list', { name: /Các lượt hỗ trợ/ });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Bộ lọc (1)' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Bộ lọc (1)' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kết quả' }), '');
    await waitFor(() => expect(within(screen.getByRole('list', { name: /Các lượt hỗ trợ/ })).getAllByRole('listitem')).toHaveLength(2));
  });

  it('deletes from the detail screen and undoes from the toast', async () => {
    await seedLogs();
    await renderApp('/assistance');
    const list = await screen.findByRole('list', { name: /Các lượt hỗ trợ/ });
    await userEvent.click(await within(list).findByRole('link', { name: /Kích hoạt tài khoản/ }));
    await screen.findByRole('heading', { level: 1, name: 'Kích hoạt tài khoản định danh điện tử mức độ 2' });
    expect(screen.getByText('Cổng bị lỗi, hẹn mai')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Xóa' }));
    expect(await screen.findByText('Đã xóa lượt hỗ trợ.')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByRole('list', { name: /Các lượt hỗ trợ/ })).getAllByRole('listitem')).toHaveLength(1));
    await userEvent.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: /Các lượt hỗ trợ/ })).getAllByRole('listitem')).toHaveLength(2));
    const deletedFlags = (await db.outbox.orderBy('seq').toArray()).map((entry) => entry.fields.deleted).filter((v) => v !== undefined);
    expect(deletedFlags).toEqual([false, false, true, false]);
  });

  it('keeps a toast on the screen it belongs to: switching tabs takes it away (issue 17 item 15)', async () => {
    await seedLogs();
    await renderApp('/assistance');
    const list = await screen.findByRole('list', { name: /Các lượt hỗ trợ/ });
    await userEvent.click(await within(list).findByRole('link', { name: /Kích hoạt tài khoản/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Xóa' }));
    expect(await screen.findByText('Đã xóa lượt hỗ trợ.')).toBeTruthy();
    await userEvent.click(screen.getByRole('link', { name: /^Hẹn lại/ }));
    await waitFor(() => expect(screen.queryByText('Đã xóa lượt hỗ trợ.')).toBeNull());
    await userEvent.click(screen.getByRole('link', { name: /^Lượt hỗ trợ/ }));
    await screen.findByRole('list', { name: /Các lượt hỗ trợ/ });
    expect(screen.queryByText('Đã xóa lượt hỗ trợ.')).toBeNull();
  });

  it('shows follow-ups due on Home and records the new outcome in one tap', async () => {
    // A fixed clock (only Date is faked; timers run): "due today" cannot flip at midnight mid-test.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const today = todayLocal(NOW);
    await createLog({ serviceId: 'vneid-install-register', outcome: 'failed', occurredAt: new Date(NOW - 86_400_000).toISOString(), followUpAt: today });
    await createLog({ serviceId: 'vneid-recover-account', outcome: 'failed', occurredAt: new Date(NOW - 86_400_000).toISOString(), followUpAt: addDays(today, 3) });
    await renderApp('/');
    const card = await screen.findByRole('region', { name: 'Cần hỗ trợ lại (1)' });
    expect(card.textContent).toContain('Đến hạn hôm nay');
    await userEvent.click(within(card).getByRole('button', { name: /Ghi kết quả/ }));
    await userEvent.click(within(card).getByRole('button', { name: 'Đã xong' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: /Cần hỗ trợ lại/ })).toBeNull());
    const done = (await db.records('assistanceLogs').toArray()).find((row) => row.followUpAt === today);
    expect(done).toMatchObject({ outcome: 'done', followUpDone: true });
  });

  it('lists every open follow-up in the tab, grouped overdue / today / coming up', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const today = todayLocal(NOW);
    const helped = new Date(NOW - 5 * 86_400_000).toISOString();
    await createLog({ serviceId: 'vneid-install-register', outcome: 'failed', occurredAt: helped, followUpAt: addDays(today, -2) });
    await createLog({ serviceId: 'vneid-recover-account', outcome: 'failed', occurredAt: helped, followUpAt: today });
    await createLog({ serviceId: 'vneid-activate-level2', outcome: 'partial', occurredAt: helped, followUpAt: addDays(today, 7) });
    await renderApp('/assistance/follow-ups');
    const overdue = await screen.findByRole('region', { name: 'Quá hạn (1)' });
    expect(overdue.textContent).toContain('Quá hạn 2 ngày');
    expect(screen.getByRole('region', { name: 'Hôm nay (1)' }).textContent).toContain('Đến hạn hôm nay');
    const upcoming = screen.getByRole('region', { name: 'Sắp tới (1)' });
    expect(upcoming.textContent).toContain('Còn 7 ngày');
    expect(upcoming.textContent).toContain(formatDate(addDays(today, 7)));
  });

  it('saves a group session and refuses sub-counts above the participants, in Vietnamese', async () => {
    await renderApp('/assistance/groups/new');
    await screen.findByRole('heading', { level: 1, name: 'Thêm buổi học vụ số' });
    await userEvent.type(await screen.findByRole('textbox', { name: /Nội dung/ }), 'Hướng dẫn cài VNeID');
    await userEvent.type(screen.getByRole('textbox', { name: /Địa điểm/ }), 'Nhà văn hóa thôn 2');
    await userEvent.type(screen.getByRole('spinbutton', { name: /Tổng số người/ }), '20');
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Số nữ' }), '25');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    const women = screen.getByRole('spinbutton', { name: 'Số nữ' });
    expect(document.getElementById(women.getAttribute('aria-describedby')!)?.textContent).toBe('Không được lớn hơn số người tham gia');
    expect(await db.outbox.count()).toBe(0);
    await userEvent.clear(women);
    await userEvent.type(women, '12');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByRole('heading', { level: 1, name: 'Hướng dẫn cài VNeID' });
    expect(await db.records('groupSessions').count()).toBe(1);
    expect(await db.records('assistanceLogs').count()).toBe(0);
  });
});

describe('log rows', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.records('assistanceLogs').clear(), db.settings.clear()]);
    await saveSession({ user: member, signedInAt: '2026-03-01T00:00:00.000Z' });
    await unlockTestVault(member);
  });

  it('are as tall as what they show: no space kept for a citizen a log does not have (issue 17 item 13)', async () => {
    await seedLogs();
    await renderApp('/assistance');
    const list = await screen.findByRole('list', { name: 'Các lượt hỗ trợ, mới nhất trước' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const [bare, withPhone] = within(list).getAllByRole('listitem');
    // Two lines (kind of help; date and outcome) for the log without a citizen; a third line with
    // the name and the phone button for the other.
    expect(bare!.style.height).toBe('61px');
    expect(within(bare!).queryByRole('button')).toBeNull();
    expect(withPhone!.style.top).toBe('61px');
    expect(withPhone!.style.height).toBe('109px');
  });
});
