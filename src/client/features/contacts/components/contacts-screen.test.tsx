// The directory screens with the real routes, the real Vietnamese (and English) strings and
// fake-indexeddb: what a member sees and what each action writes.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../../../test/helpers/render-app';
import { db } from '../../../data/db';
import { createContact, listContacts } from '../../../data/contacts-repository';
import { clearSession, saveSession, type SessionUser } from '../../../data/session-repository';
import { applyLanguage } from '../../../lib/i18n';
import { adoptKey, establishKey } from '../../../data/vault/vault';
import { todayLocal, formatDate } from '../../../../shared/text/dates';

const member: SessionUser = { id: '0197c1a2-0000-7000-8000-000000000001', username: 'binh', displayName: 'Bình', role: 'member', communeId: 'dak-mar' };
const leader: SessionUser = { ...member, id: '0197c1a2-0000-7000-8000-000000000002', role: 'leader' };
const reviewer: SessionUser = { ...member, id: '0197c1a2-0000-7000-8000-000000000003', role: 'reviewer' };
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2025-07-01T01:00:00.000Z' });

// Two shared cores run several suites at once: give screens more than the default second to appear.
configure({ asyncUtilTimeout: 5000 });

// The first render of a lazy screen waits for Vite to transform its whole module tree, which can
// take longer than a query's default second on a busy machine: load it once up front.
/** The clock of the tests that depend on today's date. */
const NOW = Date.parse('2026-03-02T02:00:00.000Z');

beforeAll(async () => {
  await import('./contacts-screen');
}, 30_000);

beforeEach(async () => {
  await Promise.all([db.outbox.clear(), db.syncState.clear(), db.records('contacts').clear(), db.drafts.clear(), clearSession()]);
  await signIn(member);
});
afterEach(async () => {
  vi.useRealTimers();
  await applyLanguage('vi');
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('contacts: directory', () => {
  it('asks to sign in first when nobody is signed in', async () => {
    await clearSession();
    await renderApp('/contacts');
    expect(await screen.findByText(/Hãy đăng nhập để xem và cập nhật danh bạ hỗ trợ/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Đăng nhập' }).getAttribute('href')).toBe('/sign-in');
  });

  it('opens on people: the 25 empty role slots folded into one "Vai trò chưa có người" group, each with an add link; one clear button in search (issue 17 item 14)', async () => {
    await renderApp('/contacts');
    const empty = await screen.findByRole('region', { name: 'Vai trò chưa có người' });
    expect(screen.getByText('Xã chưa có liên hệ nào.', { exact: false })).toBeTruthy();
    expect(within(empty).getByText('0/25 vai trò đã có người.', { exact: false })).toBeTruthy();
    const fold = empty.querySelector('details')!;
    expect(fold.open).toBe(false);
    expect(within(empty).getByText('Xem 25 vai trò chưa có người')).toBeTruthy();
    expect([...document.querySelectorAll('section.contact-group')].map((region) => region.getAttribute('aria-labelledby'))).toEqual(['group-empty-slots']);
    const slot = within(empty).getByRole('heading', { level: 3, name: /Cán bộ kỹ thuật VNPT hỗ trợ địa bàn – Hệ thống Quản lý văn bản/ }).closest('li')!;
    expect(within(slot).getByText('Chưa có ai.')).toBeTruthy();
    expect(within(slot).getByRole('link', { name: /Thêm người/ }).getAttribute('href')).toBe('/contacts/new?roleId=vnpt-qlvb-technician');
    expect(within(slot).getByText(/Cán bộ xã không đăng nhập được/)).toBeTruthy();
    expect(slot.querySelector('.slot-meta')!.textContent).toMatch(/ · Quản lý văn bản và điều hành$/);
    expect(document.querySelectorAll('.slot')).toHaveLength(25);

    // Searching opens the fold on the matching roles; one clear button empties the box.
    const search = screen.getByRole('searchbox', { name: 'Tìm trong danh bạ' });
    expect(screen.queryByRole('button', { name: 'Xóa tìm kiếm' })).toBeNull();
    await userEvent.type(search, 'cong an');
    expect(await screen.findByText('2 vai trò khớp, chưa có người')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Vai trò chưa có người' }).querySelector('details')!.open).toBe(true);
    expect(screen.getAllByRole('button', { name: 'Xóa tìm kiếm' })).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Xóa tìm kiếm' }));
    expect((search as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(search);
  });

  it('lists filled roles first, by system, and files a contact of no role under "Liên hệ khác", never under the leaders (issue 17 item 14)', async () => {
    await createContact({ name: 'Nguyễn Văn Bình', phones: ['0912 345 678'], roleId: 'vnpt-qlvb-technician', systems: ['qlvb'] });
    await createContact({ name: 'Chị Hoa bán sim', phones: ['0987654321'] });
    await renderApp('/contacts');
    const documents = await screen.findByRole('region', { name: 'Quản lý văn bản và điều hành' });
    expect(within(documents).getByRole('heading', { level: 3, name: /Cán bộ kỹ thuật VNPT hỗ trợ địa bàn – Hệ thống Quản lý văn bản/ })).toBeTruthy();
    const other = screen.getByRole('region', { name: 'Liên hệ khác' });
    expect(within(other).getByText('Chị Hoa bán sim')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Lãnh đạo xã/ })).toBeNull();
    expect([...document.querySelectorAll('section.contact-group')].map((region) => region.getAttribute('aria-labelledby'))).toEqual(['group-qlvb', 'group-other', 'group-empty-slots']);
    expect(within(screen.getByRole('region', { name: 'Vai trò chưa có người' })).getByText('1/25 vai trò đã có người.', { exact: false })).toBeTruthy();
  });

  it("offers a Nghệ An commune its province's and the national role slots, never Quảng Ngãi's", async () => {
    await signIn({ ...leader, provinceId: 'nghe-an' });
    await renderApp('/contacts');
    expect(await screen.findByRole('heading', { level: 3, name: /Bộ phận kỹ thuật VNPT – LGSP/ })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 3, name: /Cán bộ kỹ thuật VNPT hỗ trợ địa bàn/ })).toBeNull();
    expect(screen.queryByRole('heading', { level: 3, name: /Cán bộ kỹ thuật Viettel/ })).toBeNull();
    expect(screen.getByRole('heading', { level: 3, name: /Công an xã/ })).toBeTruthy();
    cleanup();
    await renderApp('/contacts/new');
    const roles = within(await screen.findByLabelText('Vai trò trong danh bạ')).getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(roles).toContain('vnpt-platform-support');
    expect(roles).toContain('commune-police');
    expect(roles).not.toContain('vnpt-qlvb-technician');
    expect(roles).not.toContain('viettel-portal-technician');
  });

  it('lists favourites first, finds "nguyen" without diacritics and calls from the list', async () => {
    await createContact({ name: 'Nguyễn Văn Bình', organization: 'VNPT Quảng Ngãi', phones: ['0912 345 678'], roleId: 'vnpt-qlvb-technician', systems: ['qlvb'] });
    await createContact({ name: 'Trần Thị Lan', phones: ['0987654321'], favorite: true, roleId: 'commune-police' });
    await renderApp('/contacts');
    const favourites = await screen.findByRole('region', { name: 'Yêu thích' });
    expect(within(favourites).getByRole('link', { name: /^Yêu thích\s*Trần Thị Lan/ })).toBeTruthy();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Tìm trong danh bạ' }), 'nguyen');
    expect(await screen.findByText('Tìm thấy 1 liên hệ.')).toBeTruthy();
    expect(screen.queryAllByRole('link', { name: /Trần Thị Lan/ })).toEqual([]);
    const call = screen.getByRole('link', { name: 'Gọi Nguyễn Văn Bình, số 0912 345 678' });
    expect(call.getAttribute('href')).toBe('tel:0912345678');
  });

  it('is read-only for reviewers', async () => {
    await signIn(reviewer);
    await renderApp('/contacts');
    expect(await screen.findByText(/chỉ xem được danh bạ/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Thêm liên hệ' })).toBeNull();
    expect(screen.queryAllByRole('link', { name: /Thêm người/ })).toHaveLength(0);
  });

  it('speaks English when the UI is English', async () => {
    await renderApp('/contacts', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Support contacts' })).toBeTruthy();
    const group = await screen.findByRole('region', { name: 'Roles with no one yet' });
    expect(within(group).getByText('Show 25 roles with no one yet')).toBeTruthy();
    expect(within(group).getByRole('heading', { level: 3, name: 'VNPT area technician for the document-management system' })).toBeTruthy();
    expect(within(group).getByText(/Commune officials cannot log in/)).toBeTruthy();
  });
});

describe('contacts: form', () => {
  it('shows the schema errors in Vietnamese and saves nothing', async () => {
    await renderApp('/contacts/new');
    await screen.findByRole('heading', { level: 1, name: 'Thêm liên hệ' });
    await userEvent.type(await screen.findByLabelText('Số điện thoại 1'), '12345');
    await userEvent.type(screen.getByLabelText('Email'), 'hotro at vnpt');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu liên hệ' }));
    expect(await screen.findByText('Chưa lưu: có 3 chỗ cần sửa.')).toBeTruthy();
    const name = screen.getByLabelText(/Họ tên hoặc tên bộ phận/);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toContain('name-error');
    expect(screen.getByText('Bắt buộc')).toBeTruthy();
    expect(screen.getByText('Số điện thoại không hợp lệ')).toBeTruthy();
    expect(screen.getByText('Email không hợp lệ')).toBeTruthy();
    expect(await db.records('contacts').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('warns, with a link, when the number already belongs to another contact, and still saves', async () => {
    const existing = await createContact({ name: 'Nguyễn Văn Bình', phones: ['0912345678'] });
    await renderApp('/contacts/new');
    await userEvent.type(await screen.findByLabelText(/Họ tên/), 'Tổng đài VNPT');
    await userEvent.type(screen.getByLabelText('Số điện thoại 1'), '+84 912 345 678');
    expect(await screen.findByText(/Số 0912 345 678 đã có trong danh bạ/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Nguyễn Văn Bình' }).getAttribute('href')).toBe(`/contacts/${existing.id}`);
    await userEvent.click(screen.getByRole('button', { name: 'Lưu liên hệ' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Tổng đài VNPT' })).toBeTruthy();
    expect((await listContacts('dak-mar')).map((c) => c.name).sort()).toEqual(['Nguyễn Văn Bình', 'Tổng đài VNPT']);
  });

  it('fills a role slot from its add link and saves one record with one outbox entry', async () => {
    await renderApp('/contacts/new?roleId=commune-police');
    const select = await screen.findByLabelText<HTMLSelectElement>('Vai trò trong danh bạ');
    expect(select.value).toBe('commune-police');
    expect(screen.getByLabelText<HTMLInputElement>('Cơ quan, đơn vị').value).toBe('Công an xã');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'VNeID, định danh điện tử' }).checked).toBe(true);
    await userEvent.type(screen.getByLabelText(/Họ tên/), 'Đại úy Lê Văn Hùng');
    await userEvent.type(screen.getByLabelText('Số điện thoại 1'), '0905 111 222');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu liên hệ' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Đại úy Lê Văn Hùng' })).toBeTruthy();
    const [saved] = await listContacts('dak-mar');
    expect(saved).toMatchObject({ roleId: 'commune-police', phones: ['0905111222'], systems: ['vneid', 'population-db'], createdBy: member.id });
    expect(await db.outbox.count()).toBe(1);
  });

  it('keeps what was typed as a draft when leaving, and offers it back', async () => {
    // Drafts are sealed with the member's data key, held while the phone is unlocked.
    adoptKey(member, await establishKey(member, 'pw-binh', undefined, 1_000));
    const { unmount } = await renderApp('/contacts/new');
    await userEvent.type(await screen.findByLabelText(/Họ tên/), 'Bình');
    unmount();
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    await renderApp('/contacts/new');
    expect(await screen.findByText('Đã khôi phục nội dung bạn nhập dở lần trước.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/Họ tên/).value).toBe('Bình');
  });
});

describe('contacts: detail', () => {
  it('has the call, Zalo and copy actions with the normalised number', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const contact = await createContact({ name: 'Nguyễn Văn Bình', phones: ['0912 345 678', '0255 3822 123'] });
    await renderApp(`/contacts/${contact.id}`);
    expect((await screen.findByRole('link', { name: 'Gọi 0912 345 678' })).getAttribute('href')).toBe('tel:0912345678');
    expect(screen.getByRole('link', { name: 'Gọi 0255 3822 123' }).getAttribute('href')).toBe('tel:02553822123');
    expect(screen.getByRole('link', { name: 'Mở Zalo' }).getAttribute('href')).toBe('https://zalo.me/0912345678');
    await userEvent.click(screen.getByRole('button', { name: 'Sao chép số 0912 345 678' }));
    expect(writeText).toHaveBeenCalledWith('0912345678');
    expect(await screen.findByText('Đã sao chép 0912345678.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Chia sẻ' }));
    expect(writeText).toHaveBeenLastCalledWith('Nguyễn Văn Bình\nĐT: 0912345678\nĐT: 02553822123');
    expect(await screen.findByText('Đã sao chép thông tin liên hệ, có thể dán vào Zalo.')).toBeTruthy();
  });

  it('uses the contact’s zalo.me link and marks the number verified today', async () => {
    // A fixed clock (only Date is faked; timers run): "verified today" cannot flip at midnight mid-test.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const other = await createContact({ name: 'Trần Lan', phones: ['02553822123'], zalo: '0987 654 321' });
    await renderApp(`/contacts/${other.id}`);
    expect((await screen.findByRole('link', { name: 'Mở Zalo (số 0987 654 321)' })).getAttribute('href')).toBe('https://zalo.me/0987654321');
    cleanup();
    const contact = await createContact({ name: 'Nhóm Zalo VNPT', zalo: 'zalo.me/g/abcdef', lastVerifiedAt: '2024-01-02' });
    await renderApp(`/contacts/${contact.id}`);
    expect((await screen.findByRole('link', { name: 'Mở Zalo' })).getAttribute('href')).toBe('https://zalo.me/g/abcdef');
    expect(screen.getByText('Xác minh lần cuối 02/01/2024')).toBeTruthy();
    expect(screen.getByText(/Đã hơn 6 tháng chưa xác minh/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Vẫn đúng' }));
    expect(await screen.findByText(`Xác minh lần cuối ${formatDate(todayLocal(NOW))}`)).toBeTruthy();
    expect(screen.getByText('Đã ghi nhận: thông tin vẫn đúng hôm nay.')).toBeTruthy();
  });

  it('lets a leader delete and undo from the directory', async () => {
    await signIn(leader);
    const contact = await createContact({ name: 'Nguyễn Văn Bình', phones: ['0912345678'] });
    await renderApp(`/contacts/${contact.id}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Xóa liên hệ' }));
    expect(await screen.findByText('Đã xóa “Nguyễn Văn Bình”.')).toBeTruthy();
    expect(await listContacts('dak-mar')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    expect(await screen.findByText('Đã khôi phục “Nguyễn Văn Bình”.')).toBeTruthy();
    expect((await listContacts('dak-mar')).map((c) => c.name)).toEqual(['Nguyễn Văn Bình']);
    expect((await db.outbox.toArray()).map((e) => e.fields.deleted)).toEqual([false, true, false]);
  });

  it('edits a contact, writing only the changed field', async () => {
    const contact = await createContact({ name: 'Nguyễn Văn Bình', phones: ['0912345678'], note: 'Gọi giờ hành chính' });
    await renderApp(`/contacts/${contact.id}/edit`);
    const note = await screen.findByLabelText<HTMLTextAreaElement>('Ghi chú');
    expect(note.value).toBe('Gọi giờ hành chính');
    await userEvent.clear(note);
    await userEvent.type(note, 'Nhắn Zalo trước');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu liên hệ' }));
    expect(await screen.findByText('Nhắn Zalo trước')).toBeTruthy();
    const entries = await db.outbox.orderBy('seq').toArray();
    expect(entries).toHaveLength(2);
    expect(Object.keys(entries[1]!.fields).sort()).toEqual(['note', 'updatedAt']);
  });

  it('does not offer delete to a member', async () => {
    const contact = await createContact({ name: 'Nguyễn Văn Bình' });
    await renderApp(`/contacts/${contact.id}`);
    expect(await screen.findByRole('link', { name: 'Sửa' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Xóa liên hệ' })).toBeNull();
  });
});
