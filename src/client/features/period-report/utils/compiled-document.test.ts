// @vitest-environment node
// The province's compiled report as a document and a .docx, parsed back from the file's own XML:
// the heading of the Department, the summed figures, the communes' difficulties and proposals
// grouped by barrier (each item with its communes), and the
// appendix of the units that reported with their numbers and dates.
import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { unzipSync, strFromU8 } from 'fflate';
import { Packer } from 'docx';
import vi from '../../../../../locales/vi/periodReport.json';
import { buildCompiledDocument } from './compiled-document';
import { reportDocx } from './docx-export';
import { resultsOfSums, type CompiledReport } from '../../../../shared/reports/compiled';
import type { PeriodResults } from '../../../../shared/schemas/period-report';

const totals: PeriodResults = resultsOfSums({ logs: 30, 'outcomes.done': 20, 'onlineSubmission.full': 3, 'onlineSubmission.partial': 1 }, 45);
const results = (logs: number): PeriodResults => ({ ...totals, logs });
const report: CompiledReport = {
  provinceId: 'quang-ngai',
  period: { start: '2025-06-15', end: '2025-07-14' },
  dueDate: '2025-07-18',
  generatedAt: '2025-07-20T02:00:00.000Z',
  reported: 2,
  totals,
  communes: [
    { communeId: 'dak-ro-wa', communeName: 'Xã Đăk Rơ Wa', status: 'late', returned: null, lastSyncAt: null, indicators: [], submission: { id: 's2', version: 2, documentNumber: '21/BC-UBND', documentDate: '2025-07-21', submittedAt: '2025-07-21T02:00:00.000Z', submittedByName: 'Y Blông', results: results(10) } },
    { communeId: 'ia-dal', communeName: 'Xã Ia Đal', status: 'missing', returned: null, lastSyncAt: '2025-07-10T02:00:00.000Z', indicators: [], submission: null },
    { communeId: 'ngok-bay', communeName: 'Xã Ngọk Bay', status: 'onTime', returned: null, lastSyncAt: null, indicators: [], submission: { id: 's1', version: 1, documentNumber: '14/BC-UBND', documentDate: '2025-07-18', submittedAt: '2025-07-18T02:00:00.000Z', submittedByName: null, results: results(20) } },
  ],
  // As the server groups them (shared/reports/barrier-groups.ts): the most communes first, "Khác" last.
  difficultyGroups: [
    { barrier: 'weak_network', communes: 2, items: [{ text: 'Nhiều thôn chưa có sóng.', communes: [{ id: 'dak-ro-wa', name: 'Xã Đăk Rơ Wa' }, { id: 'ngok-bay', name: 'Xã Ngọk Bay' }] }, { text: 'Mạng yếu ở thôn 3.', communes: [{ id: 'dak-ro-wa', name: 'Xã Đăk Rơ Wa' }] }] },
    { barrier: 'portal_down', communes: 1, items: [{ text: 'Cổng dịch vụ công chậm.', communes: [{ id: 'ngok-bay', name: 'Xã Ngọk Bay' }] }] },
    { barrier: null, communes: 1, items: [{ text: 'Thiếu máy in.\nMáy tính cũ.', communes: [{ id: 'ngok-bay', name: 'Xã Ngọk Bay' }] }] },
  ],
  proposalGroups: [{ barrier: null, communes: 1, items: [{ text: 'Cấp thêm máy tính.', communes: [{ id: 'ngok-bay', name: 'Xã Ngọk Bay' }] }] }],
};

const DIFFICULTIES = [
  '1. Mạng yếu (2 đơn vị):',
  '- Nhiều thôn chưa có sóng. (Xã Đăk Rơ Wa, Xã Ngọk Bay)',
  '- Mạng yếu ở thôn 3. (Xã Đăk Rơ Wa)',
  '2. Cổng dịch vụ công lỗi, chậm (1 đơn vị):',
  '- Cổng dịch vụ công chậm. (Xã Ngọk Bay)',
  '3. Khác (1 đơn vị):',
  '- Thiếu máy in.; Máy tính cũ. (Xã Ngọk Bay)',
];

async function t() {
  const i18n = createInstance();
  await i18n.init({ lng: 'vi', resources: { vi: { periodReport: vi } }, interpolation: { escapeValue: false } });
  return i18n.getFixedT('vi', 'periodReport');
}

describe('the province compiled report', () => {
  it('heads it as the Department under the provincial committee, sums the figures and names every commune', async () => {
    const doc = buildCompiledDocument({ report, provinceName: 'Quảng Ngãi', today: '2025-07-22' }, await t());
    expect([doc.issuerParent, doc.issuer, doc.number, doc.placeDate]).toEqual(['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Số:      /BC-SKHCN', 'Quảng Ngãi, ngày 22 tháng 7 năm 2025']);
    const [results, difficulties, proposals] = doc.sections;
    expect(results!.paragraphs.slice(0, 3)).toEqual(['Số đơn vị đã gửi báo cáo: 2/3 (gửi muộn: 1).', 'Đơn vị chưa gửi báo cáo: Xã Ia Đal.', expect.stringContaining('Lượt hỗ trợ người dân: 30')]);
    expect(results!.paragraphs).toContainEqual(expect.stringContaining('toàn trình 75% (trên 4 hồ sơ'));
    expect(difficulties!.paragraphs).toEqual(DIFFICULTIES);
    expect(proposals!.paragraphs).toEqual(['1. Khác (1 đơn vị):', '- Cấp thêm máy tính. (Xã Ngọk Bay)']);
    expect(doc.appendix?.rows).toEqual([
      ['1', 'Xã Đăk Rơ Wa', '21/BC-UBND ngày 21/07/2025', 'Gửi muộn; bản sửa lần 2'],
      ['2', 'Xã Ngọk Bay', '14/BC-UBND ngày 18/07/2025', ''],
    ]);
  });

  it('leaves the province to fill when the phone does not know its name', async () => {
    const doc = buildCompiledDocument({ report, provinceName: null, today: '2025-07-22' }, await t());
    expect(doc.issuerParent).toBe('ỦY BAN NHÂN DÂN TỈNH ……');
    expect(JSON.stringify(doc)).not.toContain('quang-ngai');
  });

  it('writes a .docx with the appendix table after the signature', async () => {
    const doc = buildCompiledDocument({ report, provinceName: 'Quảng Ngãi', today: '2025-07-22' }, await t());
    const xml = strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(reportDocx(doc))))['word/document.xml']!);
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
    const appendix = rows.slice(rows.findIndex((r) => r[0] === 'STT'));
    expect(appendix).toEqual([
      ['STT', 'Đơn vị', 'Số, ngày văn bản', 'Ghi chú'],
      ['1', 'Xã Đăk Rơ Wa', '21/BC-UBND ngày 21/07/2025', 'Gửi muộn; bản sửa lần 2'],
      ['2', 'Xã Ngọk Bay', '14/BC-UBND ngày 18/07/2025', ''],
    ]);
    expect(xml).toContain('ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI');
    // Section II read back from the file: one group per barrier, each item naming its communes.
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    const from = paragraphs.findIndex((p) => p.startsWith('II.'));
    expect(paragraphs.slice(from + 1, from + 1 + DIFFICULTIES.length)).toEqual(DIFFICULTIES);
    expect(paragraphs[from + 1 + DIFFICULTIES.length]).toMatch(/^III\./);
    expect(xml.indexOf('PHỤ LỤC')).toBeGreaterThan(xml.indexOf('GIÁM ĐỐC'));
  });
});
