// The demo commune's data for the screenshot tour, pushed through the sync API by the demo leader as
// a phone would (the same path as the reports e2e): villages, logs with and without a citizen,
// follow-ups overdue, today and next week, a group session, a contact and a checklist with items in
// every state. Ids are fixed here so the tour can open each detail screen by its address.
import { apiLogin, apiPush } from '../e2e/support/api-client';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { checklistItemRecordId } from '../../src/shared/checklists/item-id';
import { seedTemplateById } from '../../src/shared/seed';
import { addDays, startOfLocalDate, todayLocal } from '../../src/shared/text/dates';
import type { Mutation } from '../../src/shared/sync/protocol';

export const TOUR_TEMPLATE = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;

export interface TourWorld {
  citizenLog: string;
  groupSession: string;
  contact: string;
  checklist: string;
}

let counter = 0;
const hlc = () => formatHlc({ millis: Date.now(), counter: ++counter, node: '70a0000000000001' });

export async function seedTourWorld(baseUrl: string, password: string): Promise<TourWorld> {
  const session = await apiLogin(baseUrl, 'demo-leader', password);
  const { user } = session;
  const now = Date.now();
  const today = todayLocal(now);
  const dayAt = (offset: number, hour: number) => new Date(Math.min(startOfLocalDate(addDays(today, offset)).getTime() + hour * 3_600_000, now - 60_000)).toISOString();
  const meta = () => ({ communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false });
  const mutation = (table: Mutation['table'], recordId: string, fields: Record<string, unknown>): Mutation =>
    ({ id: uuidv7(), table, recordId, hlc: hlc(), fields: { ...meta(), ...fields } });

  const world: TourWorld = { citizenLog: uuidv7(), groupSession: uuidv7(), contact: uuidv7(), checklist: uuidv7() };
  const villages = ['Thôn Đăk Rế', 'Làng Kon Rờ Bàng', 'Tổ dân phố 2'].map((name) => ({ id: uuidv7(), name }));
  const citizen = { name: 'Y Bơ Niê', phone: '0912345678', birthYear: 1958, gender: 'female', consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'v1', recordedAt: dayAt(0, 8), recordedBy: user.id } };
  const log = (offset: number, hour: number, fields: Record<string, unknown>) => mutation('assistanceLogs', uuidv7(), { serviceId: 'vneid-install-register', outcome: 'done', occurredAt: dayAt(offset, hour), ...fields });
  const [first, second, third, fourth] = TOUR_TEMPLATE.items;
  const item = (itemId: string, fields: Record<string, unknown>) => mutation('checklistItems', checklistItemRecordId(world.checklist, itemId), { checklistId: world.checklist, itemId, ...fields });

  const mutations: Mutation[] = [
    ...villages.map((v, i) => mutation('villages', v.id, { name: v.name, kind: i === 2 ? 'to_dan_pho' : i === 1 ? 'lang' : 'thon', active: true })),
    { ...log(0, 8, { villageId: villages[0]!.id, citizen, durationMin: 20, note: 'Bà cần con trai đi cùng lần sau để nhận mã OTP.' }), recordId: world.citizenLog },
    log(0, 9, { outcome: 'partial', serviceId: 'vneid-activate-level2', barriers: ['portal_down', 'weak_network'], villageId: villages[1]!.id, followUpAt: today }),
    log(-1, 10, { outcome: 'referred', serviceId: 'dvc-submit-online', barriers: ['no_smartphone'], followUpAt: addDays(today, 6) }),
    log(-3, 14, { outcome: 'failed', serviceId: 'bank-account-open', barriers: ['no_bank_account'], followUpAt: addDays(today, -1), villageId: villages[2]!.id }),
    log(-4, 15, { outcome: 'done', serviceId: 'dvc-submit-online', assistedOnTeamDevice: true }),
    mutation('groupSessions', world.groupSession, { topic: 'Bình dân học vụ số: cài và dùng VNeID', place: 'Nhà văn hóa thôn Đăk Rế', villageId: villages[0]!.id, occurredAt: dayAt(-2, 8), participants: 24, women: 13, elderly: 6, ethnicMinority: 15, durationMin: 90, audience: 'citizens' }),
    mutation('contacts', world.contact, { name: 'Nguyễn Thị Hoa', organization: 'VNPT Quảng Ngãi', role: 'Kỹ thuật viên hỗ trợ VNeID', phones: ['0905123456'], area: 'Xã Ngọk Bay' }),
    mutation('checklists', world.checklist, { templateId: TOUR_TEMPLATE.templateId, templateVersion: TOUR_TEMPLATE.version, title: TOUR_TEMPLATE.title.vi, scope: 'commune' }),
    item(first!.id, { status: 'done' }),
    item(second!.id, { status: 'doing', dueDate: addDays(today, 3) }),
    item(third!.id, { status: 'blocked', blockedReason: 'Chờ VNPT cấp đường truyền.' }),
    ...(fourth ? [item(fourth.id, { status: 'na' })] : []),
  ];
  const pushed = await apiPush(baseUrl, session, 'screenshot-tour', mutations);
  if (pushed.rejected.length > 0) throw new Error(`the tour's data was refused: ${JSON.stringify(pushed.rejected)}`);
  return world;
}
