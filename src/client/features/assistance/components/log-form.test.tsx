// The quick-entry form with the real routes, real i18n (Vietnamese) and fake-indexeddb.
import { PRIVACY_NOTICE_VERSION } from '../../../../shared/privacy/notice';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../../../test/helpers/render-app';
import { db } from '../../../data/db';
import { clearSession, saveSession, type SessionUser } from '../../../data/session-repository';
import { adoptKey, establishKey } from '../../../data/vault/vault';
import { openRows } from '../../../data/sealed-records';
import { uuidv7 } from '../../../../shared/sync/ids';

const member: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const second: SessionUser = { id: uuidv7(), username: 'hoa', displayName: 'Hoa', role: 'member', communeId: 'ngok-bay' };
const SERVICE = 'Cài đặt ứng dụng VNeID và đăng ký tài khoản định danh điện tử';

async function openForm(user: SessionUser = member) {
  await saveSession({ user, signedInAt: '2026-03-01T00:00:00.000Z' });
  // The form is used unlocked (drafts are sealed with the member's key); a small PBKDF2 cost keeps it fast.
  adoptKey(user, await establishKey(user, `pw-${user.username}`, undefined, 1_000));
  const view = await renderApp('/assistance/new');
  await screen.findByRole('heading', { level: 1, name: 'Ghi nhận hỗ trợ' });
  // The catalogue is seeded on first use; wait until its radios are there. The first render of
  // the whole catalogue took 10–18 s on a loaded 2-core machine, past the usual wait.
  await screen.findByRole('radio', { name: SERVICE }, { timeout: 40_000 });
  return view;
}


// The logs as the app reads them (citizen and note are sealed on disk).
const storedLogs = async () => openRows('assistanceLogs', await db.records('assistanceLogs').toArray());

const save = () => userEvent.click(screen.getByRole('button', { name: 'Lưu' }));

describe('assistance log form', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await Promise.all([import('./assistance-screen'), import('./log-form-screen')]);
  });

  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.drafts.clear(), db.records('assistanceLogs').clear(), db.settings.clear()]);
  });

  it('asks to sign in first when nobody is signed in', async () => {
    await clearSession();
    await renderApp('/assistance/new');
    expect(await screen.findByText(/Hãy đăng nhập để ghi nhận hỗ trợ/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Đăng nhập' }).getAttribute('href')).toBe('/sign-in');
  });

  it('marks the required kind of help and outcome in Vietnamese and saves nothing', async () => {
    await openForm();
    await save();
    const service = screen.getByRole('group', { name: /Loại hỗ trợ/ });
    const outcome = screen.getByRole('group', { name: /^Kết quả/ });
    expect(service.textContent).toContain('Bắt buộc');
    expect(outcome.textContent).toContain('Bắt buộc');
    expect(screen.getByRole('alert').textContent).toBe('Chưa lưu được. Hãy sửa các mục được đánh dấu.');
    // Focus goes to the first thing to fix, not left on Save below an off-screen summary.
    await waitFor(() => expect(service.contains(document.activeElement)).toBe(true));
    expect(await db.outbox.count()).toBe(0);
    expect(await db.records('assistanceLogs').count()).toBe(0);
  });

  it('finds a kind of help without diacritics and saves a log with its outbox entry', async () => {
    await openForm();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Tìm loại hỗ trợ' }), 'cai dat vneid');
    expect(screen.getAllByRole('radio').filter((r) => r.closest('.service-options')).length).toBe(1);
    await userEvent.click(screen.getByRole('radio', { name: SERVICE }));
    await userEvent.click(screen.getByRole('radio', { name: 'Chuyển Bộ phận Một cửa' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Cổng Dịch vụ công quốc gia bị lỗi' }));
    await userEvent.click(screen.getByRole('radio', { name: '15 phút' }));
    await save();
    expect(await screen.findByRole('heading', { level: 1, name: 'Hỗ trợ người dân' })).toBeTruthy();
    expect(await screen.findByText('Đã lưu lượt hỗ trợ trên máy.')).toBeTruthy();
    const [log] = await storedLogs();
    expect(log).toMatchObject({ serviceId: 'vneid-install-register', outcome: 'referred', barriers: ['portal_down'], durationMin: 15, createdBy: member.id });
    expect(log!.citizen).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
    expect(await db.drafts.count()).toBe(0);
  });

  it('opens the list once the log is saved, without waiting for its draft, which cannot be deleted here', async () => {
    await openForm();
    await userEvent.click(screen.getByRole('radio', { name: SERVICE }));
    await userEvent.click(screen.getByRole('radio', { name: 'Đã xong' }));
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    // The draft's deletion fails (a Dexie hook that throws aborts it): the save stands all the same.
    const refuse = () => {
      throw new Error('the drafts store refuses');
    };
    db.drafts.hook('deleting', refuse);
    try {
      await save();
      expect(await screen.findByRole('heading', { level: 1, name: 'Hỗ trợ người dân' })).toBeTruthy();
      expect(await storedLogs()).toHaveLength(1);
      expect(await db.outbox.count()).toBe(1);
    } finally {
      db.drafts.hook('deleting').unsubscribe(refuse);
    }
    // Left behind, it is offered again the next time the form opens: never a lost save.
    expect(await db.drafts.count()).toBe(1);
  });

  it('keeps citizen details disabled until the citizen agrees, and never saves them without consent', async () => {
    await openForm();
    const name = screen.getByRole<HTMLInputElement>('textbox', { name: 'Họ tên' });
    const phone = screen.getByRole<HTMLInputElement>('textbox', { name: 'Số điện thoại' });
    expect(name.disabled).toBe(true);
    expect(phone.disabled).toBe(true);
    expect(screen.getByText('Các ô bên dưới bị khóa cho đến khi đánh dấu “Người dân đồng ý cho ghi thông tin”.')).toBeTruthy();
    expect(screen.getByText(/Luật Bảo vệ dữ liệu cá nhân số 91\/2025\/QH15/)).toBeTruthy();

    const consent = screen.getByRole('checkbox', { name: 'Người dân đồng ý cho ghi thông tin' });
    await userEvent.click(consent);
    expect(name.disabled).toBe(false);
    await userEvent.type(name, 'Nguyễn Văn An');
    await userEvent.type(phone, '0912 345 678');
    // Withdrawing the tick erases and locks the details again.
    await userEvent.click(consent);
    expect(name.value).toBe('');
    expect(name.disabled).toBe(true);

    await userEvent.click(screen.getByRole('radio', { name: SERVICE }));
    await userEvent.click(screen.getByRole('radio', { name: 'Đã xong' }));
    await save();
    await screen.findByText('Đã lưu lượt hỗ trợ trên máy.');
    const [saved] = await storedLogs();
    expect(saved!.citizen).toBeUndefined();
    expect(JSON.stringify(await db.outbox.toArray())).not.toContain('Nguyễn Văn An');
  });

  it('records consent evidence with the citizen details', async () => {
    await openForm();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Người dân đồng ý cho ghi thông tin' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Ký giấy đồng ý' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Họ tên' }), 'Nguyễn Văn An');
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Năm sinh' }), '1958');
    await userEvent.click(screen.getByRole('radio', { name: SERVICE }));
    await userEvent.click(screen.getByRole('radio', { name: 'Đã xong' }));
    await save();
    await screen.findByText('Đã lưu lượt hỗ trợ trên máy.');
    const [saved] = await storedLogs();
    expect(saved!.citizen).toMatchObject({
      name: 'Nguyễn Văn An',
      birthYear: 1958,
      consent: true,
      consentEvidence: { method: 'signed', recordedBy: member.id, noticeVersion: PRIVACY_NOTICE_VERSION, purposes: ['followUp', 'statistics'], agreedBy: 'citizen' },
    });
  });

  it("asks for a guardian's consent for a citizen under 16 and records who agreed", async () => {
    await openForm();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Người dân đồng ý cho ghi thông tin' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Họ tên' }), 'Đinh Thị Bé');
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Năm sinh' }), String(new Date().getFullYear() - 12));
    await userEvent.click(screen.getByRole('radio', { name: SERVICE }));
    await userEvent.click(screen.getByRole('radio', { name: 'Đã xong' }));
    await save();
    expect(await screen.findByText('Người dưới 16 tuổi cần cha, mẹ hoặc người giám hộ đồng ý')).toBeTruthy();
    expect(await db.records('assistanceLogs').count()).toBe(0);

    await userEvent.click(screen.getByRole('checkbox', { name: 'Người dân dưới 16 tuổi: cha, mẹ hoặc người giám hộ đã đồng ý' }));
    await save();
    await screen.findByText('Đã lưu lượt hỗ trợ trên máy.');
    const [saved] = await storedLogs();
    expect(saved!.citizen).toMatchObject({ name: 'Đinh Thị Bé', consentEvidence: { agreedBy: 'guardian' } });
  });

  it('shows translated errors under the fields and changes nothing', async () => {
    await openForm();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Người dân đồng ý cho ghi thông tin' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Số điện thoại' }), '12345');
    await userEvent.click(screen.getByRole('radio', { name: 'Khác' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Số phút' }), '9999');
    await userEvent.click(screen.getByRole('radio', { name: SERVICE }));
    await userEvent.click(screen.getByRole('radio', { name: 'Đã xong' }));
    await save();
    const phone = screen.getByRole('textbox', { name: 'Số điện thoại' });
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(phone.getAttribute('aria-describedby')!)?.textContent).toBe('Số điện thoại không hợp lệ');
    const minutes = screen.getByRole('spinbutton', { name: 'Số phút' });
    expect(document.getElementById(minutes.getAttribute('aria-describedby')!)?.textContent).toBe('Số quá lớn');
    expect(await db.outbox.count()).toBe(0);
    // Fixing the phone clears its message at once.
    await userEvent.clear(phone);
    await userEvent.type(phone, '0912345678');
    expect(phone.getAttribute('aria-invalid')).toBeNull();
  });

  it('speaks English when the UI is English, service names included', async () => {
    // A member of its own: the earlier tests' forms flush a sealed draft for `member` as they unmount,
    // and that write can land after beforeEach has cleared the drafts.
    const english: SessionUser = { id: uuidv7(), username: 'mai', displayName: 'Mai', role: 'member', communeId: 'ngok-bay' };
    await saveSession({ user: english, signedInAt: '2026-03-01T00:00:00.000Z' });
    await renderApp('/assistance/new', 'en');
    await screen.findByRole('heading', { level: 1, name: 'Log assistance' });
    expect(await screen.findByRole('radio', { name: 'Install VNeID and register an electronic identification account' }, { timeout: 40_000 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('group', { name: /^Outcome/ }).textContent).toContain('Required');
  });

  it('refuses to save a note with a CCCD number and offers to remove the number', async () => {
    await openForm();
    await userEvent.click(screen.getByRole('radio', { name: SERVICE }));
    await userEvent.click(screen.getByRole('radio', { name: 'Đã xong' }));
    const note = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Ghi chú' });
    await userEvent.type(note, 'Số CCCD 001203012345 đã kiểm tra');
    expect(await screen.findByText(/Có vẻ là số CCCD/)).toBeTruthy();
    await save();
    expect(await screen.findByText(/Ghi chú có số CCCD\. Xóa số này để lưu/)).toBeTruthy();
    expect(await db.records('assistanceLogs').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    await userEvent.click(screen.getByRole('button', { name: 'Xóa số CCCD khỏi ghi chú' }));
    expect(note.value).toBe('Số CCCD đã kiểm tra');
    await waitFor(() => expect(screen.queryByText(/Có vẻ là số CCCD/)).toBeNull());
    await save();
    await screen.findByText('Đã lưu lượt hỗ trợ trên máy.');
    const [saved] = await storedLogs();
    expect(saved!.note).toBe('Số CCCD đã kiểm tra');
  });

  it('counts a long note near the limit and refuses past it, without cutting the text', async () => {
    await openForm();
    await userEvent.click(screen.getByRole('radio', { name: SERVICE }));
    await userEvent.click(screen.getByRole('radio', { name: 'Đã xong' }));
    const note = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Ghi chú' });
    await userEvent.click(note);
    await userEvent.paste('chữ '.repeat(500) + 'thêm');
    expect(note.value.length).toBe(2004);
    expect(await screen.findByText('Dài hơn giới hạn 2000 ký tự: bớt 4 ký tự để lưu')).toBeTruthy();
    await save();
    expect(await db.records('assistanceLogs').count()).toBe(0);
    await userEvent.type(note, '{Backspace}{Backspace}{Backspace}{Backspace}');
    expect(await screen.findByText('1999/2000 ký tự')).toBeTruthy();
  });

  it('restores the draft after the form is unmounted, for the same user only', async () => {
    const first = await openForm();
    await userEvent.type(screen.getByRole('textbox', { name: 'Ghi chú' }), 'Chưa xong, mai quay lại');
    await userEvent.click(screen.getByRole('radio', { name: 'Xong một phần' }));
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    first.unmount();

    const again = await openForm();
    expect(await screen.findByText('Đã mở lại bản nháp chưa lưu của bạn.')).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Ghi chú' }).value).toBe('Chưa xong, mai quay lại');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Xong một phần' }).checked).toBe(true);
    again.unmount();

    // Another member on the same phone starts with an empty form.
    await openForm(second);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Ghi chú' }).value).toBe('');
    expect(screen.queryByText('Đã mở lại bản nháp chưa lưu của bạn.')).toBeNull();
  });
});
