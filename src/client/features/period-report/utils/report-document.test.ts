// @vitest-environment node
// The period report's document model and its .docx, parsed back from the file's own XML.
import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { unzipSync, strFromU8 } from 'fflate';
import { Packer } from 'docx';
import vi from '../../../../../locales/vi/periodReport.json';
import { buildReportDocument, dateParts, placeOf, type DocumentInput } from './report-document';
import { reportDocx } from './docx-export';
import { periodResults } from '../../../../../test/helpers/report-facts';

const results = periodResults(
  {
    logs: 12,
    onTeamDevice: 2,
    'outcomes.done': 7,
    'outcomes.partial': 2,
    'outcomes.referred': 2,
    'outcomes.failed': 1,
    'byGroup.vneid': 5,
    'byGroup.public-service': 4,
    'byGroup.payments': 2,
    'byGroup.skills': 1,
    'onlineSubmission.full': 3,
    'onlineSubmission.partial': 1,
    'helped.citizen': 10,
    'helped.household_business': 1,
    'helped.unrecorded': 1,
    sessions: 1,
    participants: 18,
    'trained.citizens': 18,
    'barriers.no_smartphone': 2,
    'barriers.no_bank_account': 1,
    'barriers.portal_down': 3,
    blockedItems: 1,
    followUpsOpen: 2,
  },
  60,
);

const input = (over: Partial<DocumentInput> = {}): DocumentInput => ({
  communeName: 'Xã Ngọk Bay',
  range: { start: '2025-06-15', end: '2025-07-14' },
  results,
  summary: null,
  resultsNote: 'Số liệu lấy từ sổ tay của Tổ.',
  difficulties: [
    { text: 'Cổng dịch vụ công thường xuyên chậm.', barrier: 'portal_down' },
    { text: 'Nhiều người dân chưa có điện thoại thông minh.', barrier: 'no_smartphone' },
  ],
  proposals: [],
  nextPlan: 'Tiếp tục hỗ trợ tại thôn.',
  recipients: 'Sở Khoa học và Công nghệ;\nLưu: VT.',
  signerCapacity: 'deputy',
  signerName: 'Nguyễn Văn An',
  documentNumber: '14/BC-UBND',
  documentDate: '2025-07-18',
  ...over,
});

async function t() {
  const i18n = createInstance();
  await i18n.init({ lng: 'vi', resources: { vi: { periodReport: vi } }, interpolation: { escapeValue: false } });
  return i18n.getFixedT('vi', 'periodReport');
}

/** The paragraphs of word/document.xml, each as its text. */
function docxParagraphs(bytes: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).filter((s) => s !== '');
}

describe('the period report document (Decree 30/2020 layout)', () => {
  it('writes dates and places the way the decree does', () => {
    expect(dateParts('2025-07-08')).toEqual({ day: '08', month: '7', year: '2025' });
    expect(dateParts('2026-02-18')).toEqual({ day: '18', month: '02', year: '2026' });
    expect(placeOf('Xã Ngọk Bay (demo)')).toBe('Ngọk Bay');
    expect(placeOf('Phường Trương Quang Trọng')).toBe('Trương Quang Trọng');
  });

  it('builds the motto block, number, place and date, title, sections, recipients and a KT. signature', async () => {
    const doc = buildReportDocument(input(), await t());
    expect(doc.nation).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc.motto).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(doc.issuer).toBe('ỦY BAN NHÂN DÂN XÃ NGỌK BAY');
    expect(doc.number).toBe('Số: 14/BC-UBND');
    expect(doc.placeDate).toBe('Ngọk Bay, ngày 18 tháng 7 năm 2025');
    expect(doc.summary).toBe('Kết quả hoạt động của Tổ công nghệ số cộng đồng kỳ từ ngày 15/06/2025 đến ngày 14/07/2025');
    expect(doc.sections.map((s) => s.heading)).toEqual(['I. KẾT QUẢ THỰC HIỆN', 'II. KHÓ KHĂN, VƯỚNG MẮC', 'III. KIẾN NGHỊ, ĐỀ XUẤT', 'IV. KẾ HOẠCH KỲ TIẾP THEO']);
    expect(doc.sections[0]!.paragraphs[0]).toContain('Lượt hỗ trợ người dân: 12');
    expect(doc.sections[0]!.paragraphs[6]).toBe(
      '7. Chỉ tiêu theo kế hoạch: hồ sơ Tổ hỗ trợ nộp trực tuyến toàn trình 75% (trên 4 hồ sơ đã ghi cách nộp); người dân được mở tài khoản thanh toán: chưa ghi nhận; được thiết lập điện thoại thông minh: chưa ghi nhận.',
    );
    expect(doc.sections[2]!.paragraphs).toEqual(['Không có.']);
    expect(doc.signature).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(doc.recipients).toEqual(['- Sở Khoa học và Công nghệ;', '- Lưu: VT.']);
  });

  it('leaves the number blank on a draft and signs TM./CHỦ TỊCH for the chair', async () => {
    const doc = buildReportDocument(input({ documentNumber: null, signerCapacity: 'chair', results: { ...results, onlineSubmission: { full: 0, partial: 0 }, reached: { paymentAccount: 2, smartphone: 0 } } }), await t());
    expect(doc.sections[0]!.paragraphs[6]).toBe(
      '7. Chỉ tiêu theo kế hoạch: hồ sơ Tổ hỗ trợ nộp trực tuyến toàn trình: chưa có hồ sơ ghi cách nộp; người dân được mở tài khoản thanh toán: 2; được thiết lập điện thoại thông minh: 0.',
    );
    expect(doc.number).toBe('Số:      /BC-UBND');
    expect(doc.signature).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
  });

  it('writes a .docx whose XML holds the same blocks, in order', async () => {
    const doc = buildReportDocument(input(), await t());
    const bytes = new Uint8Array(await Packer.toBuffer(reportDocx(doc)));
    const paragraphs = docxParagraphs(bytes);
    const at = (text: string) => paragraphs.findIndex((p) => p === text);
    for (const text of ['ỦY BAN NHÂN DÂN XÃ NGỌK BAY', 'Số: 14/BC-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Ngọk Bay, ngày 18 tháng 7 năm 2025', 'BÁO CÁO', 'Nơi nhận:', 'KT. CHỦ TỊCH', 'Nguyễn Văn An']) {
      expect(at(text), text).toBeGreaterThanOrEqual(0);
    }
    const headings = ['I. KẾT QUẢ THỰC HIỆN', 'II. KHÓ KHĂN, VƯỚNG MẮC', 'III. KIẾN NGHỊ, ĐỀ XUẤT', 'IV. KẾ HOẠCH KỲ TIẾP THEO'].map(at);
    expect(headings.every((i, n) => i > 0 && (n === 0 || i > headings[n - 1]!))).toBe(true);
    expect(paragraphs[headings[1]! + 1]).toBe('Cổng dịch vụ công thường xuyên chậm.');
    expect(paragraphs[headings[1]! + 2]).toBe('Nhiều người dân chưa có điện thoại thông minh.');
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    expect(xml).toContain('w:w="11906"'); // A4 width in twips
    expect(xml).toContain('Times New Roman');
  });

  it('adds figure line 8 with each indicator against its target, in the .docx too; none set, no line 8', async () => {
    const rows = [
      { id: 'toan-trinh', name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', unit: '%', source: 'onlineFullShare' as const, target: 80, value: 75, of: 4, met: false },
      { id: 'ho-smartphone', name: 'Hộ có điện thoại thông minh', unit: 'hộ', source: 'manual' as const, target: 1200, value: 1250.5, met: true },
      { id: 'tai-khoan', name: 'Người dân có tài khoản thanh toán', unit: 'người', source: 'manual' as const, target: 500, value: null, met: null },
    ];
    const doc = buildReportDocument(input({ targets: rows }), await t());
    expect(doc.sections[0]!.paragraphs.slice(7, 11)).toEqual([
      '8. Chỉ tiêu của tỉnh:',
      '- Tỷ lệ hồ sơ trực tuyến toàn trình: 75%; chỉ tiêu 80%: Chưa đạt.',
      '- Hộ có điện thoại thông minh: 1.250,5 hộ; chỉ tiêu 1.200 hộ: Đạt.',
      '- Người dân có tài khoản thanh toán: —; chỉ tiêu 500 người: Chưa có số liệu.',
    ]);
    expect(doc.sections[0]!.paragraphs[11]).toBe('Số liệu lấy từ sổ tay của Tổ.');
    const paragraphs = docxParagraphs(new Uint8Array(await Packer.toBuffer(reportDocx(doc))));
    expect(paragraphs).toContain('- Hộ có điện thoại thông minh: 1.250,5 hộ; chỉ tiêu 1.200 hộ: Đạt.');
    const without = buildReportDocument(input({ targets: [] }), await t());
    expect(without.sections[0]!.paragraphs[7]).toBe('Số liệu lấy từ sổ tay của Tổ.');
  });
});
