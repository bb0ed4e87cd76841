import { describe, expect, it } from 'vitest';
import type { Contact } from './directory';
import { duplicatesAmong, typedNumbers } from './duplicates';

const at = '2025-07-01T00:00:00.000Z';
const contact = (id: string, name: string, fields: Partial<Contact> = {}): Contact => ({
  id, communeId: 'dak-mar', createdBy: id, createdAt: at, updatedAt: at, deleted: false, name, ...fields,
});

describe('duplicate numbers', () => {
  it('keeps the valid typed numbers, normalised, once each', () => {
    expect(typedNumbers(['+84 912.345.678', 'abc'], 'zalo.me/g/xyz')).toEqual(['0912345678']);
    expect(typedNumbers(['0912 345 678'], '+84912345678')).toEqual(['0912345678']);
  });

  it('finds live contacts of the commune with one of the numbers, as phone or Zalo, in directory order', () => {
    const candidates = [
      contact('c', 'Trần Thị Lan', { zalo: '0987654321' }),
      contact('a', 'Nguyễn Văn Bình', { phones: ['0912345678'] }),
      contact('d', 'Đã xóa', { phones: ['0912345678'], deleted: true }),
      contact('e', 'Xã khác', { phones: ['0912345678'], communeId: 'ngok-bay' }),
      contact('f', 'Yêu thích', { phones: ['0987654321'], favorite: true }),
    ];
    const found = duplicatesAmong(candidates, ['+84 912.345.678', '0987654321'], { communeId: 'dak-mar' });
    expect(found.map((d) => [d.phone, d.contact.name])).toEqual([
      ['0987654321', 'Yêu thích'],
      ['0912345678', 'Nguyễn Văn Bình'],
      ['0987654321', 'Trần Thị Lan'],
    ]);
    expect(duplicatesAmong(candidates, ['0912345678'], { communeId: 'dak-mar', excludeId: 'a' })).toEqual([]);
  });
});
