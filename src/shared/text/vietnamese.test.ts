import { describe, expect, it } from 'vitest';
import { compareVi, foldChars, foldForSearch, matchesSearch, searchTokens, slugifyVi, sortVi, toNfc } from './vietnamese';

// "Nguyễn" typed with a decomposed keyboard: e + circumflex + tilde as combining marks.
const NGUYEN_NFD = 'Nguye\u0302\u0303n';

describe('toNfc', () => {
  it('composes decomposed input so it compares equal to precomposed text', () => {
    expect(NGUYEN_NFD).not.toBe('Nguyễn');
    expect(toNfc(NGUYEN_NFD)).toBe('Nguyễn');
  });

  it.each(['Ngọk Réo', 'Đăk Rơ Wa', 'Rờ Kơi', 'Đăk Tờ Kan', 'Kơi'])('keeps the ethnic-minority spelling %s as it is', (name) => {
    expect(toNfc(name)).toBe(name);
    expect(toNfc(name.normalize('NFD'))).toBe(name);
  });
});

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyen van duc'],
    [NGUYEN_NFD, 'nguyen'],
    ['Đăk Rơ Wa', 'dak ro wa'],
    ['ĐĂK TỜ KAN', 'dak to kan'],
    ['Ngọk Bay', 'ngok bay'],
    ['  Sơn \t Hạ \n', 'son ha'],
    ['Ưu tiên ỨNG DỤNG', 'uu tien ung dung'],
    ['\u00D0ăk Mar', 'dak mar'], // Icelandic Ð from legacy converters
    ['VNeID mức 2', 'vneid muc 2'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });
});

describe('foldChars', () => {
  it('folds without changing the length so positions stay valid', () => {
    const input = 'Mật Khẩu: Đăk  Rơ';
    const folded = foldChars(input);
    expect(folded).toBe('mat khau: dak  ro');
    expect(folded).toHaveLength(input.length);
  });
});

describe('searchTokens', () => {
  it('splits folded words and gives nothing for a blank query', () => {
    expect(searchTokens('  Đăk   Mar ')).toEqual(['dak', 'mar']);
    expect(searchTokens('   ')).toEqual([]);
  });
});

describe('matchesSearch', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyen', true],
    ['Nguyễn Văn Đức', 'NGUYỄN đức', true],
    ['Nguyễn Văn Đức', 'duc nguyen', true], // token order does not matter
    ['Nguyễn Văn Đức', 'nguyen thi', false], // every token must be found
    ['Đăk Mar', 'dak', true],
    ['Đăk Mar', 'đắk', true], // the common misspelling "Đắk" still finds "Đăk"
    ['Ngọk Réo', 'ngok', true],
    ['Cài đặt VNeID', 'vneid cai dat', true],
    ['Cài đặt VNeID', 'zalo', false],
    [NGUYEN_NFD, 'nguyễn', true],
    ['anything', '', true],
    ['anything', '   ', true],
  ])('%j with query %j → %s', (text, query, expected) => {
    expect(matchesSearch(text, query)).toBe(expected);
  });

  it('finds tokens spread over several texts', () => {
    expect(matchesSearch(['Kỹ thuật viên', 'VNPT Quảng Ngãi', 'Đăk Mar'], 'vnpt dak')).toBe(true);
    expect(matchesSearch(['Kỹ thuật viên', 'VNPT Quảng Ngãi'], 'viettel')).toBe(false);
    expect(matchesSearch([], 'x')).toBe(false);
  });
});

describe('slugifyVi', () => {
  it.each([
    ['Ngọk Bay', 'ngok-bay'],
    ['Đăk Rơ Wa', 'dak-ro-wa'],
    ['Trương Quang Trọng', 'truong-quang-trong'],
    [' Thôn 5 / Tổ 3 ', 'thon-5-to-3'],
    ['Lý Sơn', 'ly-son'],
  ])('%j → %j', (input, expected) => {
    expect(slugifyVi(input)).toBe(expected);
  });

  it('can give the same slug for different names (callers must check)', () => {
    expect(slugifyVi('Sơn Hà')).toBe(slugifyVi('Sơn Hạ'));
  });
});

describe('compareVi and sortVi', () => {
  it('orders by the Vietnamese alphabet: A < B < D < Đ < E < Ê < O < Ô < Ơ < U < Ư', () => {
    const expected = ['Ánh', 'Bình', 'Dung', 'Đăk', 'Em', 'Ê', 'Oanh', 'Ôn', 'Ơn', 'Uyên', 'Ưng'];
    const shuffled = [...expected].reverse();
    expect(sortVi(shuffled, (s) => s)).toEqual(expected);
  });

  it.each([
    ['Ánh', 'Bình', -1],
    ['Bình', 'Đăk', -1],
    ['Đăk', 'Ê', -1],
    ['Dung', 'Đăk', -1],
    ['Thôn 2', 'Thôn 10', -1], // numeric
    ['a', 'A', -1], // equal at base level, tie-broken deterministically
  ])('compareVi(%j, %j) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareVi(a, b))).toBe(sign);
    expect(Math.sign(compareVi(b, a))).toBe(-sign);
  });

  it('is total: names equal at base level still get one fixed order', () => {
    expect(compareVi('Sơn Hà', 'Sơn Hạ')).not.toBe(0);
    expect(compareVi('Sơn Hà', 'Sơn Hà')).toBe(0);
    expect(compareVi(NGUYEN_NFD, 'Nguyễn')).toBe(0); // same text in two normal forms
    const a = sortVi(['Sơn Hạ', 'Sơn Hà'], (s) => s);
    const b = sortVi(['Sơn Hà', 'Sơn Hạ'], (s) => s);
    expect(a).toEqual(b);
  });

  it('sorts objects by a key without changing the input', () => {
    const villages = [{ name: 'Thôn 10' }, { name: 'Buôn Đăk' }, { name: 'Thôn 2' }, { name: 'Làng Kon' }];
    const copy = structuredClone(villages);
    expect(sortVi(villages, (v) => v.name).map((v) => v.name)).toEqual(['Buôn Đăk', 'Làng Kon', 'Thôn 2', 'Thôn 10']);
    expect(villages).toEqual(copy);
  });
});
