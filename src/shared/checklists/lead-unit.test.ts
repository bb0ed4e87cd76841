import { describe, expect, it } from 'vitest';
import { leadLevel } from './lead-unit';
import { seedChecklistTemplates } from '../seed';

describe('lead unit level (docs/domain.md §8.7)', () => {
  it.each([
    ['Văn phòng UBND tỉnh (phối hợp: UBND cấp huyện, cấp xã)', 'province'], // partners in parentheses do not count
    ['Sở Khoa học và Công nghệ (phối hợp: Tập đoàn VNPT, VNPT Quảng Ngãi)', 'province'],
    ['SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'province'],
    ['Cục Thuế tỉnh', 'province'],
    ['UBND cấp xã', 'commune'],
    ['UBND cấp huyện, cấp xã (phối hợp: Văn phòng UBND tỉnh)', 'commune'],
    ['Tổ công nghệ số cộng đồng (Sở Khoa học và Công nghệ chủ trì đôn đốc)', 'commune'],
    ['Công an xã; Tổ công nghệ số cộng đồng', 'commune'],
    ['Sở Nội vụ (hướng dẫn); các đơn vị, địa phương', 'commune'], // shared with the communes: they have work to do
    ['Không nêu trong văn bản (Hệ thống hội nghị truyền hình tỉnh)', 'unknown'],
  ] as const)('%s → %s', (unit, level) => {
    expect(leadLevel(unit)).toBe(level);
  });

  it('classifies the seeded commune readiness template: the province leads most provisioning', () => {
    const template = seedChecklistTemplates().find((t) => t.templateId === 'qng-2025-commune-shared-systems-readiness')!;
    const levels = template.items.map((i) => leadLevel(i.leadUnit));
    expect(levels.filter((l) => l === 'province').length).toBeGreaterThan(20);
    expect(levels.filter((l) => l === 'commune').length).toBeGreaterThan(5);
    // "Received the email accounts" is led by the provincial office: the commune confirms it.
    expect(leadLevel(template.items.find((i) => i.id === 'qng25-email-02')!.leadUnit)).toBe('province');
    expect(leadLevel(template.items.find((i) => i.id === 'qng25-email-01')!.leadUnit)).toBe('commune');
  });
});
