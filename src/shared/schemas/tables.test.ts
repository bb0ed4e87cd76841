// Table-level checks over every synced table: the registry matches docs/sync.md §4, each table accepts a
// valid example, refuses unknown fields at every level, and every message it can produce is a
// ValidationKey the UI translates.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SYNC_TABLES, TABLE_SCHEMAS, isSyncTable, type SyncTable } from './tables';
import { VALIDATION_KEYS } from './validation-keys';
import { periodResults } from '../../../test/helpers/report-facts';

const USER = '0197c1a2-0000-7000-8000-000000000001';
const ID = '0197c1a2-7b3e-7c4d-8e5f-0a1b2c3d4e5f';
const times = { createdBy: USER, createdAt: '2025-07-05T03:00:00.000Z', updatedAt: '2025-07-05T03:00:00.000Z', deleted: false };
const communeMeta = { id: ID, communeId: 'ngok-bay', ...times };
const provinceMeta = { id: ID, communeId: null, provinceId: 'quang-ngai', ...times };

/** One valid, complete set of fields per table (every optional field filled). */
const EXAMPLES: Record<SyncTable, Record<string, unknown>> = {
  assistanceLogs: {
    serviceId: 'vneid-install-register',
    outcome: 'referred',
    occurredAt: '2025-07-01T01:30:00.000Z',
    villageId: ID,
    barriers: ['no_chip_id'],
    durationMin: 10,
    note: 'Chuyển bộ phận một cửa',
    followUpAt: '2025-07-08',
    followUpDone: false,
    assistedOnTeamDevice: false,
    guideProgress: { version: 2, done: ['s1', 's2'], total: 5 },
    citizen: {
      name: 'A Lưu',
      phone: '0358123456',
      birthYear: 1970,
      gender: 'male',
      consent: true,
      consentEvidence: { method: 'signed', noticeVersion: '1', recordedAt: '2025-07-01T01:29:00.000Z', recordedBy: USER },
    },
  },
  groupSessions: {
    topic: 'Thanh toán không dùng tiền mặt',
    place: 'Nhà rông làng Kon Klor',
    occurredAt: '2025-07-05T01:00:00.000Z',
    villageId: ID,
    participants: 40,
    women: 20,
    elderly: 5,
    ethnicMinority: 38,
    durationMin: 120,
    note: '',
  },
  contacts: {
    name: 'Công an xã Ngọk Bay',
    organization: 'Công an xã',
    role: 'Cán bộ định danh',
    systems: ['vneid'],
    phones: ['02603862999'],
    zalo: '0912345678',
    email: 'ca@example.vn',
    area: 'Toàn xã',
    note: 'Mức 2',
    favorite: true,
    roleId: 'commune-police-vneid',
    lastVerifiedAt: '2025-07-01',
  },
  checklists: { templateId: 'community-digital-team-operations', templateVersion: 1, title: 'Tổ CNS 2025', scope: 'team', villageId: null, archived: false },
  checklistItems: {
    checklistId: ID,
    itemId: 'team-01',
    status: 'doing',
    note: 'Đang làm',
    assignee: 'Anh Hùng',
    dueDate: '2025-12-31',
    blockedReason: null,
  },
  checklistTemplates: {
    templateId: 'village-digital-readiness',
    version: 2,
    title: { vi: 'Sẵn sàng số của thôn', en: 'Village digital readiness' },
    scope: 'village',
    categories: ['team'],
    items: [{ id: 'vil-01', title: { vi: 'Lập tổ', en: 'Set up' }, category: 'team', leadUnit: 'UBND xã', due: null, dueKind: 'ongoing', phase: 'post', notes: 'x' }],
    source: 'seed',
    notes: 'n',
  },
  services: {
    code: 'pay-utility-bills',
    name: { vi: 'Thanh toán hóa đơn điện, nước', en: 'Pay utility bills' },
    group: 'payments',
    catalogVersion: 1,
    active: true,
    notes: null,
  },
  villages: { name: 'Làng Kon Rờ Bàng', kind: 'lang', active: true },
  signOffs: { checklistId: ID, signedBy: USER, signedAt: '2025-07-10T02:00:00.000Z', comment: 'Đạt' },
  teamMembers: { displayName: 'Y Blông', role: 'member', villageIds: [ID], phone: '0912345678', active: true },
  communeProfiles: { name: 'Ngọk Bay', provinceId: 'quang-ngai', active: true },
  provinceContacts: {
    name: 'Tổng đài hỗ trợ VNeID – Công an tỉnh',
    organization: 'Công an tỉnh Quảng Ngãi',
    role: 'Đội hỗ trợ định danh điện tử',
    systems: ['vneid'],
    phones: ['0255 3822 222'],
    zalo: '0912345678',
    email: 'vneid@example.gov.vn',
    area: 'Toàn tỉnh',
    note: 'Giờ hành chính',
    roleId: 'provincial-police-cyber',
    lastVerifiedAt: '2025-07-10',
    active: true,
  },
  periodReports: {
    kind: 'period',
    periodStart: '2025-06-15',
    periodEnd: '2025-07-14',
    summary: 'Kết quả hoạt động của Tổ công nghệ số cộng đồng',
    resultsNote: 'Số liệu từ sổ tay',
    difficulties: 'Cổng dịch vụ công thường xuyên chậm',
    proposals: 'Đề nghị hỗ trợ thiết bị',
    nextPlan: 'Tiếp tục hỗ trợ người dân',
    handledSuggestions: ['barrier:portal_down'],
    recipients: 'Sở KH&CN',
    signerCapacity: 'chair',
    signerName: 'Nguyễn Văn A',
  },
  reportSubmissions: {
    reportId: ID,
    version: 2,
    supersedes: ID,
    kind: 'period',
    periodStart: '2025-06-15',
    periodEnd: '2025-07-14',
    documentNumber: '14/BC-UBND',
    documentDate: '2025-07-18',
    submittedBy: USER,
    submittedAt: '2025-07-18T02:00:00.000Z',
    summary: 'Kết quả',
    results: periodResults(
      {
        logs: 3,
        onTeamDevice: 1,
        'outcomes.done': 1,
        'outcomes.partial': 1,
        'outcomes.referred': 1,
        'byGroup.vneid': 1,
        'byGroup.public-service': 2,
        'onlineSubmission.full': 1,
        'onlineSubmission.partial': 1,
        'helped.citizen': 2,
        'helped.unrecorded': 1,
        sessions: 1,
        participants: 18,
        'trained.citizens': 18,
        'barriers.no_smartphone': 1,
        'barriers.portal_down': 2,
        blockedItems: 1,
        followUpsOpen: 1,
      },
      50,
    ),
    resultsNote: null,
    difficulties: 'Cổng chậm',
    proposals: 'Thiết bị',
    nextPlan: 'Tiếp tục',
    signerCapacity: 'deputy',
    signerName: 'Trần Thị B',
  },
  rightsRequests: {
    kind: 'erasure',
    requester: { name: 'Nguyễn Thị Hoa', phone: '0912345678' },
    receivedOn: '2025-07-01',
    status: 'refused',
    acknowledgedAt: '2025-07-02T02:00:00.000Z',
    acknowledgedBy: USER,
    extendedAt: '2025-07-10T02:00:00.000Z',
    extendedBy: USER,
    extensionReason: 'Chờ xã kiểm tra hồ sơ giấy',
    closedAt: '2025-07-20T02:00:00.000Z',
    closedBy: USER,
    closeReason: 'Hồ sơ còn trong thời hạn lưu theo quy định',
    erasedLogs: null,
    exportedRows: null,
  },
  serviceGuides: {
    serviceCode: 'vneid-activate-level2',
    version: 1,
    summary: 'Kích hoạt tài khoản mức 2 sau khi Công an đã thu nhận hồ sơ.',
    steps: [{ id: 's1', text: 'Mở ứng dụng VNeID, chọn "Kích hoạt tài khoản định danh điện tử".', imageId: ID }],
    bring: ['Điện thoại có số đã đăng ký'],
    failures: [{ problem: 'Không nhận được mã OTP', action: 'Kiểm tra sóng, gửi lại mã.', barrier: 'weak_network', contactRoleId: 'commune-police' }],
    sourceTitle: 'Công an xã – Hướng dẫn kích hoạt',
    sourceUrl: 'https://camthanh.camlo.quangtri.gov.vn/',
  },
  guideImages: {
    serviceCode: 'vneid-activate-level2',
    mime: 'image/jpeg',
    data: '/9j/4AAQSkZJRgABAQAAAQABAAD',
    width: 480,
    height: 960,
  },
  reportSettings: {
    version: 2,
    dueDaysAfterEnd: 6,
    indicators: [
      { id: 'ho-so-toan-trinh', name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', unit: '%', source: 'onlineFullShare', target: 80, communeTargets: [{ communeId: 'ngok-bay', target: 60 }], from: '2025-01-01', to: '2025-12-31', active: true },
      { id: 'ho-co-smartphone', name: 'Hộ có điện thoại thông minh', unit: 'hộ', source: 'manual', target: 1200.5, communeTargets: [], from: '2025-01-01', to: '2025-12-31', active: false },
    ],
  },
  indicatorValues: { indicatorId: 'ho-co-smartphone', periodStart: '2025-06-15', periodEnd: '2025-07-14', value: 812 },
};

const metaOf = (table: SyncTable) => (TABLE_SCHEMAS[table].scope === 'province' ? provinceMeta : communeMeta);
const messagesOf = (schema: z.ZodType, value: unknown): string[] => schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('the table registry', () => {
  it('names exactly the tables of docs/sync.md §4', () => {
    expect([...SYNC_TABLES].sort()).toEqual(
      ['assistanceLogs', 'groupSessions', 'contacts', 'checklists', 'checklistItems', 'checklistTemplates', 'services', 'villages', 'signOffs', 'teamMembers', 'communeProfiles', 'provinceContacts', 'periodReports', 'reportSubmissions', 'rightsRequests', 'serviceGuides', 'guideImages', 'reportSettings', 'indicatorValues'].sort(),
    );
    expect(Object.keys(TABLE_SCHEMAS).sort()).toEqual([...SYNC_TABLES].sort());
    expect(isSyncTable('contacts')).toBe(true);
    expect(isSyncTable('users')).toBe(false);
  });

  it("puts templates, the service catalogue and the province's contacts in the province scope, the rest in the commune", () => {
    const province = SYNC_TABLES.filter((t) => TABLE_SCHEMAS[t].scope === 'province');
    expect(province.sort()).toEqual(['checklistTemplates', 'guideImages', 'provinceContacts', 'reportSettings', 'serviceGuides', 'services']);
  });
});

describe.each(SYNC_TABLES)('%s', (table) => {
  const { fields, patch, record } = TABLE_SCHEMAS[table];
  const example = EXAMPLES[table];

  it('accepts its example as fields, as a patch and as a record', () => {
    expect(fields.safeParse(example).error?.issues).toBeUndefined();
    expect(patch.safeParse(example).error?.issues).toBeUndefined();
    expect(patch.safeParse({ deleted: true }).success).toBe(true);
    expect(record.safeParse({ ...metaOf(table), ...example }).error?.issues).toBeUndefined();
  });

  it('refuses an unknown field in fields, patch and record', () => {
    for (const schema of [fields, patch]) expect(messagesOf(schema, { ...example, isAdmin: true })).toEqual(['validation.unknownField']);
    expect(messagesOf(record, { ...metaOf(table), ...example, isAdmin: true })).toEqual(['validation.unknownField']);
  });

  it('refuses server-owned metadata in fields and patch', () => {
    for (const key of ['communeId', 'createdBy', 'createdAt', 'updatedAt', 'id']) {
      expect(patch.safeParse({ [key]: (communeMeta as Record<string, unknown>)[key] }).success).toBe(false);
      expect(fields.safeParse({ ...example, [key]: (communeMeta as Record<string, unknown>)[key] }).success).toBe(false);
    }
  });

  it('keeps every SYNC-required metadata field in the record', () => {
    const meta: Record<string, unknown> = metaOf(table);
    for (const key of Object.keys(meta)) {
      const { [key]: _dropped, ...without } = { ...meta, ...example };
      expect(record.safeParse(without).success, key).toBe(false);
    }
  });

  it('speaks only in validation keys, whatever garbage a field holds', () => {
    const garbage: unknown[] = [undefined, null, 42, -1, 1.5, 'x', '', 'a'.repeat(5001), true, [], ['zz', 'zz'], {}, { a: 1 }];
    const known = new Set<string>(VALIDATION_KEYS);
    const unknown = new Set<string>();
    for (const key of Object.keys(example)) {
      for (const value of garbage) {
        for (const schema of [fields, patch]) {
          for (const message of messagesOf(schema, { ...example, [key]: value })) if (!known.has(message)) unknown.add(`${key}=${JSON.stringify(value)}: ${message}`);
        }
      }
    }
    for (const value of garbage) for (const message of messagesOf(fields, value)) if (!known.has(message)) unknown.add(`root: ${message}`);
    expect([...unknown]).toEqual([]);
  });
});

describe('VALIDATION_KEYS', () => {
  it('are unique, namespaced i18n keys', () => {
    expect(new Set(VALIDATION_KEYS).size).toBe(VALIDATION_KEYS.length);
    for (const key of VALIDATION_KEYS) expect(key).toMatch(/^validation\.[a-z][A-Za-z]+$/);
  });
});
