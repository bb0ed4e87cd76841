import { describe, expect, it } from 'vitest';
import { PRIVACY_WARNING_KEYS, findSensitiveText, hasSensitiveText, removeCitizenIds, type SensitiveTextKind } from './privacy-guard';
import { toNfc } from './vietnamese';

const kinds = (text: string): SensitiveTextKind[] => findSensitiveText(text).map((w) => w.kind);

describe('findSensitiveText: hits', () => {
  it.each<[string, SensitiveTextKind[]]>([
    // docs/privacy.md checklist #28's own test case.
    ['001203012345', ['citizenId']],
    ['CCCD của bà: 001203012345.', ['citizenId']],
    ['số 001 203 012 345', ['citizenId']],
    ['0012.0301.2345', ['citizenId']],
    ['001203-012345', ['citizenId']],
    ['001203 012345', ['citizenId']],
    ['0012 0301 2345', ['citizenId']],
    ['CMND cũ 212345678', ['oldIdCard']],
    ['mật khẩu VNeID', ['password']],
    ['MẬT KHẨU', ['password']],
    ['mat khau', ['password']],
    ['Mật\u00A0khẩu', ['password']], // a no-break space from a pasted text
    ['password', ['password']],
    ['pass: abc', ['password']],
    ['mk là abc', ['password']],
    ['OTP', ['otp']],
    ['mã xác thực', ['otp']],
    ['ma xac thuc', ['otp']],
    ['mã kích hoạt VNeID', ['otp']],
    ['OTP: 123456', ['otp', 'secretCode']],
    ['mã xác thực của bà là 482 913', ['otp', 'secretCode']],
    ['mật khẩu là 123456', ['password', 'secretCode']],
    ['pass 654321 nhé', ['password', 'secretCode']],
    ['Mã OTP 111222 và CCCD 001203012345', ['otp', 'secretCode', 'citizenId']],
  ])('%j → %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('finds decomposed (NFD) Vietnamese keywords too', () => {
    expect(kinds('mật khẩu'.normalize('NFD'))).toEqual(['password']);
  });

  it('reports where it found each thing, in the NFC text, with a translatable key', () => {
    const text = 'Bà Hoa, CCCD 001203012345, mật khẩu 123456';
    const warnings = findSensitiveText(text);
    const nfc = toNfc(text);
    expect(warnings.map((w) => nfc.slice(w.start, w.end))).toEqual(['001203012345', 'mật khẩu', '123456']);
    for (const w of warnings) expect(PRIVACY_WARNING_KEYS).toContain(w.messageKey);
  });
});

describe('findSensitiveText: misses', () => {
  it.each([
    '',
    'Đã hướng dẫn cài VNeID, bà tự làm được.',
    'SĐT 0912345678', // a 10-digit phone number
    'gọi 0255 3822 123', // an 11-digit landline
    '+84912345678',
    '0012030123456', // 13 digits is no CCCD
    '001 203 012 345 6', // nor is a 13-digit grouped number
    'phí 150.000.000 đồng', // money, not a CMND
    '1.500.000đ',
    'mã hồ sơ 000.00.21.H48-250701-0001',
    'hộ chiếu passport', // "pass" only as a whole word
    'compass',
    'thời gian 2025-07-01 08:30',
    'thôn 12, 123456 người', // 6 digits with no keyword before
    'OTP\n\n\n123456 là số thứ tự', // too far away on another line
  ])('%j gives no id or code warning', (text) => {
    expect(kinds(text).filter((k) => k !== 'otp')).toEqual([]);
  });

  it('is false for plain notes', () => {
    expect(hasSensitiveText('Đã hướng dẫn cài VNeID, bà tự làm được.')).toBe(false);
    expect(hasSensitiveText('CCCD 001203012345')).toBe(true);
  });
});

describe('removeCitizenIds', () => {
  it('takes out grouped and plain CCCD numbers and nothing else', () => {
    expect(removeCitizenIds('Số 001203012345 đã xem')).toBe('Số đã xem');
    expect(removeCitizenIds('CCCD 001 203 012 345, gọi 0912345678')).toBe('CCCD , gọi 0912345678');
    expect(removeCitizenIds('Hồ sơ H48-250701-0001')).toBe('Hồ sơ H48-250701-0001');
  });
});
