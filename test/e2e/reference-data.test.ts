// The province's reference data end to end (docs/reference-data.md), in headless Chromium against
// the real server: the province admin edits the service catalogue, a checklist template and the
// province's support contacts online, while a member's phone is offline with an old log; at its
// next sync the member's phone has them all: the retired service still names the old log but is
// no longer offered for a new one, and the province's contacts are in the directory, read-only.
// Every editor is axe-clean at 360 × 740 and 1280 × 800.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import { axeAtBothSizes, axeViolations } from './support/axe';
import { apiLogin, apiPullAll } from './support/api-client';
import { withHooks as hook } from './support/page-hooks';
import { phonesWorld } from './support/phone-world';
import { signIn, unlock } from './support/sign-in';

const DEMO_PASSWORD = 'reference-e2e-password';
const RETIRED = 'Hướng dẫn nhận và đọc thông báo chính thức của chính quyền trên VNeID';
const ADDED = 'Hướng dẫn dùng ví điện tử cho người cao tuổi';
const PROVINCE_DESK = 'Tổ VNeID – Công an tỉnh';
const VILLAGE = 'village-digital-readiness';
const VILLAGE_TITLE = 'Sẵn sàng chuyển đổi số ở thôn, tổ dân phố';
const NEW_TASK = 'Cập nhật danh bạ hỗ trợ của tỉnh lên bảng tin thôn';
const CREATED = 'Kiểm tra sóng di động ở điểm hỗ trợ';
const CREATED_ID = 'kiem-tra-song-di-dong-o-diem-ho-tro';

type Row = Record<string, unknown>;
/** A table's rows on a phone, as the app reads them. */
const rowsOf = (page: Page, table: 'provinceContacts' | 'services' | 'checklistTemplates'): Promise<Row[]> => hook(page, (h, name) => h.rows(name) as Promise<Row[]>, table);

/** Opens a screen by its address: a navigation locks the app, so unlock it. */
async function open(page: Page, url: string, heading: string): Promise<void> {
  await page.goto(url);
  await unlock(page, DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('reference data: the admin publishes, an offline phone catches up at its next sync', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { admin: {}, member: {} });
  const oldLog = uuidv7();

  it('a member logs help with a service, syncs, then goes offline', async () => {
    const { page } = world.member;
    await signIn(page, world.server.url, 'demo-member', DEMO_PASSWORD);
    await expect.poll(() => hook(page, (h) => h.syncState('lastSuccessAt'), null), { timeout: 30_000 }).toBeTruthy();
    await hook(
      page,
      async (h, id) => {
        const session = await h.session();
        await h.writeRecord('assistanceLogs', id, {
          serviceId: 'vneid-notifications',
          outcome: 'done',
          occurredAt: new Date().toISOString(),
          communeId: session!.user.communeId,
          createdBy: session!.user.id,
          createdAt: new Date().toISOString(),
          deleted: false,
        });
      },
      oldLog,
    );
    await expect.poll(() => hook(page, (h) => h.outboxCount(), null), { timeout: 30_000 }).toBe(0);
    await world.member.context.setOffline(true);
  });

  it('the admin retires a service, renames one and adds one; the search ignores diacritics', async () => {
    const { page } = world.admin;
    await signIn(page, world.server.url, 'demo-admin', DEMO_PASSWORD);
    await open(page, `${world.server.url}/admin`, 'Quản trị');
    await page.getByRole('link', { name: 'Danh mục dịch vụ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh mục dịch vụ' }).waitFor();
    const list = page.getByRole('list', { name: 'Các dịch vụ trong danh mục' });
    await list.getByText(RETIRED).waitFor();
    await axeAtBothSizes(page);

    await page.getByRole('searchbox', { name: 'Tìm dịch vụ' }).fill('thong bao chinh thuc');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await list.getByRole('button', { name: `Ngừng dùng: ${RETIRED}` }).click();
    await page.getByText(`Đã ngừng dùng “${RETIRED}”. Các lượt hỗ trợ cũ vẫn hiện tên này.`).waitFor();
    await list.getByRole('button', { name: `Dùng lại: ${RETIRED}` }).waitFor();
    await list.getByText('Đã ngừng', { exact: true }).waitFor();

    await page.getByRole('searchbox', { name: 'Tìm dịch vụ' }).fill('khoi phuc mat khau');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await list.getByRole('button', { name: /^Đổi tên: / }).click();
    await list.getByLabel('Tên dịch vụ (tiếng Việt)').fill('Khôi phục mật khẩu và đổi thiết bị đăng nhập tài khoản VNeID');
    await axeAtBothSizes(page);
    await list.getByRole('button', { name: 'Lưu' }).click();
    await list.getByText('Khôi phục mật khẩu và đổi thiết bị đăng nhập tài khoản VNeID', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Thêm dịch vụ' }).click();
    const form = page.getByRole('form', { name: 'Thêm dịch vụ mới' });
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Kiểm tra lại các ô đã nhập.').waitFor();
    await form.getByLabel('Tên dịch vụ (tiếng Việt)').fill(ADDED);
    await form.getByLabel('Nhóm').selectOption({ label: 'Thanh toán' });
    await form.getByText('Mã dịch vụ: huong-dan-dung-vi-dien-tu-cho-nguoi-cao-tuoi').waitFor();
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('searchbox', { name: 'Tìm dịch vụ' }).fill('vi dien tu nguoi cao tuoi');
    await list.getByText(ADDED).waitFor();

    // The same code again is refused in words, and nothing changes.
    await page.getByRole('button', { name: 'Thêm dịch vụ' }).click();
    await form.getByLabel('Tên dịch vụ (tiếng Việt)').fill(ADDED);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã có dịch vụ với mã huong-dan-dung-vi-dien-tu-cho-nguoi-cao-tuoi. Đặt tên khác, hoặc dùng lại dịch vụ cũ.').waitFor();
    await form.getByRole('button', { name: 'Hủy' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
  });

  it('the admin adds, edits and removes province contacts', async () => {
    const { page } = world.admin;
    await open(page, `${world.server.url}/admin/province-contacts`, 'Đầu mối hỗ trợ của tỉnh');
    await axeAtBothSizes(page);
    const list = page.getByRole('list', { name: 'Các đầu mối của tỉnh' });
    for (const [name, phone] of [
      ['Tổ VNeID Công an tỉnh', '0255 3822 113'],
      ['Tổng đài VNPT tạm', '18001091'],
    ] as const) {
      await page.getByRole('button', { name: 'Thêm đầu mối' }).click();
      const form = page.getByRole('form', { name: 'Thêm đầu mối của tỉnh' });
      await form.getByLabel('Tên người hoặc bộ phận').fill(name);
      await form.getByLabel('Cơ quan, đơn vị').fill('Sở KH&CN');
      await form.getByLabel('Số điện thoại').fill(phone);
      if (name.startsWith('Tổ')) await axeAtBothSizes(page);
      await form.getByRole('button', { name: 'Lưu' }).click();
      await form.waitFor({ state: 'detached' });
      await list.getByText(name, { exact: true }).waitFor();
    }
    await list.getByRole('button', { name: 'Sửa: Tổ VNeID Công an tỉnh' }).click();
    const edit = page.getByRole('form', { name: 'Sửa “Tổ VNeID Công an tỉnh”' });
    await edit.getByLabel('Tên người hoặc bộ phận').fill(PROVINCE_DESK);
    await edit.getByLabel('Cơ quan, đơn vị').fill('Công an tỉnh Quảng Ngãi');
    await edit.getByLabel('Thư điện tử').fill('khong-phai-email');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.getByText('Kiểm tra lại các ô đã nhập.').waitFor();
    await edit.getByLabel('Thư điện tử').fill('');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await list.getByText(PROVINCE_DESK, { exact: true }).waitFor();
    await list.getByRole('button', { name: 'Gỡ khỏi danh bạ: Tổng đài VNPT tạm' }).click();
    await list.getByRole('button', { name: 'Đưa lại vào danh bạ: Tổng đài VNPT tạm' }).waitFor();
    await axeAtBothSizes(page);
  });

  it('the admin edits a template (text, order, a task removed and one added) and publishes version 2; a stale edit is refused in words', async () => {
    const { page } = world.admin;
    await open(page, `${world.server.url}/admin`, 'Quản trị');
    await page.getByRole('link', { name: 'Mẫu danh mục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mẫu danh mục' }).waitFor();
    await axeAtBothSizes(page);
    await page.getByRole('link', { name: `Sửa và xuất bản phiên bản mới: ${VILLAGE_TITLE}` }).click();
    await page.getByRole('heading', { level: 1, name: `Sửa mẫu: ${VILLAGE_TITLE}` }).waitFor();
    const tasks = page.getByRole('list', { name: 'Các việc trong mẫu' });
    expect(await tasks.getByRole('group').count()).toBe(13);
    // Unchanged: refused with a reason, nothing published.
    await page.getByRole('button', { name: 'Xuất bản phiên bản 2' }).click();
    await page.getByText('Chưa có gì thay đổi so với phiên bản 1, nên không xuất bản.').waitFor();

    const second = await tasks.getByRole('group', { name: 'Việc 2', exact: true }).getByLabel('Nội dung việc (tiếng Việt)').inputValue();
    await tasks.getByRole('group', { name: 'Việc 1', exact: true }).getByLabel('Nội dung việc (tiếng Việt)').fill('Thôn đã có Tổ công nghệ số cộng đồng và danh sách thành viên');
    await tasks.getByRole('button', { name: 'Đưa việc 2 lên' }).click();
    await expect.poll(() => tasks.getByRole('group', { name: 'Việc 1', exact: true }).getByLabel('Nội dung việc (tiếng Việt)').inputValue()).toBe(second);
    await tasks.getByRole('button', { name: 'Bỏ việc 3' }).click();
    await expect.poll(() => tasks.getByRole('group').count()).toBe(12);
    await page.getByRole('button', { name: 'Thêm việc' }).click();
    const added = tasks.getByRole('group', { name: 'Việc 13', exact: true });
    await added.getByLabel('Nội dung việc (tiếng Việt)').fill(NEW_TASK);
    await page.getByRole('button', { name: 'Xuất bản phiên bản 2' }).click();
    await page.getByText('Việc 13: nội dung tiếng Việt và đơn vị chủ trì không được để trống.').waitFor();
    await added.getByLabel('Đơn vị chủ trì').fill('Tổ công nghệ số cộng đồng');
    await added.getByLabel('Hạn (không bắt buộc)').fill('15/01/2027');
    await axeAtBothSizes(page);
    await page.getByRole('button', { name: 'Xuất bản phiên bản 2' }).click();
    await page.getByText('Đã xuất bản phiên bản 2.').waitFor();
    await page.getByText('Phiên bản 2 · 13 việc').waitFor();

    // Another admin publishes version 3 while this one edits version 2: the edit is refused, in words, with a way to reload.
    await page.getByRole('link', { name: `Sửa và xuất bản phiên bản mới: ${VILLAGE_TITLE}` }).click();
    await page.getByText(/^Đang sửa từ phiên bản 2\./).waitFor();
    const other = await apiLogin(world.server.url, 'demo-admin', DEMO_PASSWORD);
    const v2 = [...((await apiPullAll(world.server.url, other)).get('checklistTemplates')?.values() ?? [])].find((row) => row.templateId === VILLAGE && row.version === 2)!;
    const { title, scope, categories, items } = v2 as unknown as { title: { vi: string; en: string }; scope: string; categories: string[]; items: unknown[] };
    const answer = await fetch(`${world.server.url}/api/admin/checklist-templates/${VILLAGE}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${other.accessToken}` },
      body: JSON.stringify({ title: { ...title, en: 'Village readiness (2027)' }, scope, categories, items, basedOn: 2 }),
    });
    expect(answer.status).toBe(201);
    await tasks.getByRole('group', { name: 'Việc 1', exact: true }).getByLabel('Đơn vị chủ trì').fill('Trưởng thôn');
    await page.getByRole('button', { name: 'Xuất bản phiên bản 3' }).click();
    await page.getByText('Trong lúc bạn sửa, một phiên bản mới hơn của mẫu này đã được xuất bản (có thể bởi một quản trị viên khác). Thay đổi của bạn chưa được lưu.').waitFor();
    await axeAtBothSizes(page);
    await page.getByRole('button', { name: 'Tải phiên bản mới nhất và sửa lại' }).click();
    await page.getByText(/^Đang sửa từ phiên bản 3\./).waitFor();
  });

  it('the admin creates a brand-new template on a 360 px screen and publishes it as version 1; bad input is refused in words', async () => {
    const { page } = world.admin;
    await open(page, `${world.server.url}/admin/templates`, 'Mẫu danh mục');
    await page.getByRole('link', { name: 'Tạo mẫu mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tạo mẫu danh mục mới' }).waitFor();
    const form = page.getByRole('form', { name: 'Tạo mẫu danh mục mới' });
    const tasks = form.getByRole('list', { name: 'Các việc trong mẫu' });
    await form.getByRole('button', { name: 'Xuất bản phiên bản 1' }).click();
    await form.getByText('Nhập tên mẫu bằng tiếng Việt.').waitFor();
    await form.getByLabel('Tên mẫu (tiếng Việt)').fill(CREATED);
    await form.getByText(`Mã mẫu: ${CREATED_ID}`).waitFor();
    await form.getByLabel('Phạm vi').selectOption({ label: 'Thôn, tổ dân phố' });
    await form.getByRole('button', { name: 'Xuất bản phiên bản 1' }).click();
    await form.getByText('Việc 1: nội dung tiếng Việt và đơn vị chủ trì không được để trống.').waitFor();
    const first = tasks.getByRole('group', { name: 'Việc 1', exact: true });
    await first.getByLabel('Nội dung việc (tiếng Việt)').fill('Đo sóng 4G tại nhà văn hóa thôn');
    await first.getByLabel('Đơn vị chủ trì').fill('Tổ công nghệ số cộng đồng');
    await form.getByRole('button', { name: 'Thêm việc' }).click();
    const second = tasks.getByRole('group', { name: 'Việc 2', exact: true });
    await second.getByLabel('Nội dung việc (tiếng Việt)').fill('Báo nhà mạng những điểm sóng yếu');
    await second.getByLabel('Đơn vị chủ trì').fill('Trưởng thôn');
    await second.getByLabel('Nhóm việc').selectOption({ label: 'Hạ tầng, mạng, thiết bị' });
    await second.getByLabel('Hạn (không bắt buộc)').fill('30/06/2027');
    await tasks.getByRole('button', { name: 'Đưa việc 2 lên' }).click();
    await expect.poll(() => tasks.getByRole('group', { name: 'Việc 1', exact: true }).getByLabel('Nội dung việc (tiếng Việt)').inputValue()).toBe('Báo nhà mạng những điểm sóng yếu');
    await axeAtBothSizes(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await form.getByRole('button', { name: 'Xuất bản phiên bản 1' }).click();
    await page.getByText(`Đã tạo mẫu “${CREATED}” (phiên bản 1). Các xã nhận được ở lần đồng bộ sau.`).waitFor();
    const listed = page.getByRole('list', { name: 'Các mẫu danh mục' }).getByRole('listitem').filter({ hasText: CREATED });
    await listed.getByText('Phiên bản 1 · 2 việc').waitFor();

    // The same name again takes the same id: refused in words, nothing published.
    await page.getByRole('link', { name: 'Tạo mẫu mới' }).click();
    await form.getByLabel('Tên mẫu (tiếng Việt)').fill(CREATED);
    await tasks.getByRole('group', { name: 'Việc 1', exact: true }).getByLabel('Nội dung việc (tiếng Việt)').fill('Một việc khác');
    await tasks.getByRole('group', { name: 'Việc 1', exact: true }).getByLabel('Đơn vị chủ trì').fill('UBND xã');
    await form.getByRole('button', { name: 'Xuất bản phiên bản 1' }).click();
    await form.getByText(`Đã có mẫu với mã ${CREATED_ID}. Đặt tên khác cho mẫu mới.`).waitFor();
    await axeAtBothSizes(page);
  });

  it('the offline phone gets every change at its next sync: the old log keeps its name, the contacts are read-only', async () => {
    const { page } = world.member;
    await world.member.context.setOffline(false);
    await expect
      .poll(async () => (await rowsOf(page, 'provinceContacts')).map((row) => row.name).sort(), { timeout: 60_000 })
      .toEqual([PROVINCE_DESK, 'Tổng đài VNPT tạm'].sort());
    await expect
      .poll(async () => (await rowsOf(page, 'services')).find((row) => row.code === 'vneid-notifications')?.active, { timeout: 60_000 })
      .toBe(false);
    await expect.poll(async () => (await rowsOf(page, 'services')).some((row) => (row.name as { vi: string }).vi === ADDED), { timeout: 60_000 }).toBe(true);
    // The template's new versions arrived beside version 1, which stays as it was for the checklists made from it.
    await expect
      .poll(async () => (await rowsOf(page, 'checklistTemplates')).filter((row) => row.templateId === VILLAGE).map((row) => [row.version, (row.items as unknown[]).length]).sort(), { timeout: 60_000 })
      .toEqual([[1, 13], [2, 13], [3, 13]]);
    // The brand-new template arrived as version 1, with its tasks in the order the admin left them.
    await expect
      .poll(async () => (await rowsOf(page, 'checklistTemplates')).filter((row) => row.templateId === CREATED_ID).map((row) => [row.version, row.scope, (row.items as { title: { vi: string } }[]).map((item) => item.title.vi)]), { timeout: 60_000 })
      .toEqual([[1, 'village', ['Báo nhà mạng những điểm sóng yếu', 'Đo sóng 4G tại nhà văn hóa thôn']]]);
    const v2 = (await rowsOf(page, 'checklistTemplates')).find((row) => row.templateId === VILLAGE && row.version === 2)!;
    expect((v2.items as { title: { vi: string }; due?: string }[]).at(-1)).toMatchObject({ title: { vi: NEW_TASK }, due: '2027-01-15' });
    await world.member.context.setOffline(true);

    // A member cannot reach the editors.
    await open(page, `${world.server.url}/admin/templates`, 'Mẫu danh mục');
    await page.getByText('Mục này dành cho quản trị viên tỉnh.').waitFor();
    await open(page, `${world.server.url}/assistance/logs/${oldLog}`, RETIRED);
    await open(page, `${world.server.url}/assistance/new`, 'Ghi nhận hỗ trợ');
    await page.getByRole('radio', { name: ADDED }).waitFor();
    expect(await page.getByRole('radio', { name: RETIRED }).count()).toBe(0);

    await open(page, `${world.server.url}/contacts`, 'Danh bạ hỗ trợ');
    const province = page.getByRole('list', { name: 'Đầu mối hỗ trợ của tỉnh' });
    await province.getByText(PROVINCE_DESK).waitFor();
    await province.getByRole('link', { name: /Gọi Tổ VNeID – Công an tỉnh/ }).waitFor();
    expect(await province.getByText('Tổng đài VNPT tạm').count()).toBe(0);
    // Read-only: nothing in the province's list opens a form.
    expect(await province.locator('a[href^="/contacts/"]').count()).toBe(0);
    await page.getByRole('searchbox').fill('cong an');
    await province.getByText(PROVINCE_DESK).waitFor();
    // Only the province's desk matches this: the status line counts it (it once counted the commune's contacts only).
    await page.getByRole('searchbox').fill('vneid cong an tinh');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'liên hệ' }).textContent()).toBe('Tìm thấy 1 liên hệ.');
    await province.getByText(PROVINCE_DESK).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
