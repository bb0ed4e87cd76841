// One spelling convention for Vietnamese (docs/vietnamese.md): the tone mark of an open "oa", "oe"
// or "uy" syllable sits on the first vowel — hòa, xóa, khỏe, hủy, thủy — everywhere a person reads
// (the strings and the seeded reference data). "quý" is not affected ("qu" is one consonant), nor
// closed syllables such as "hoàn" or "khuyến", where both conventions agree.
import { describe, expect, it } from 'vitest';

const files = {
  ...import.meta.glob<string>('../../../locales/vi/*.json', { eager: true, query: '?raw', import: 'default' }),
  ...import.meta.glob<string>('../../shared/seed/*.json', { eager: true, query: '?raw', import: 'default' }),
};

// The other convention: the mark on the second vowel of an open syllable (hoà, xoá, huỷ).
const OTHER_CONVENTION = /(?<!\p{L})\p{L}*?(?<![qQ])(?:[oO][àáảãạ]|[oO][èéẻẽẹ]|[uU][ỳýỷỹỵ])(?!\p{L})/gu;

function otherConventionWords(text: string): string[] {
  return [...text.normalize('NFC').matchAll(OTHER_CONVENTION)].map((m) => m[0]);
}

describe('spelling convention', () => {
  it('tells the two conventions apart', () => {
    expect(otherConventionWords('Xoá, hoà bình, huỷ, khoẻ, thuỷ')).toEqual(['Xoá', 'hoà', 'huỷ', 'khoẻ', 'thuỷ']);
    expect(otherConventionWords('Xóa, hòa bình, hủy, khỏe, thủy, quý, hoàn thành, khuyến khích, của')).toEqual([]);
  });

  it('writes hòa, xóa, hủy (mark on the first vowel) in every Vietnamese string and seed file', () => {
    expect(Object.keys(files).length).toBeGreaterThan(5);
    const found = Object.entries(files).flatMap(([path, text]) => otherConventionWords(text).map((word) => `${path.split('/').pop()}: ${word}`));
    expect(found).toEqual([]);
  });
});
