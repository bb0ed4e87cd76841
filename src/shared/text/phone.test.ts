import { describe, expect, it } from 'vitest';
import { formatPhone, isMobileNumber, maskPhone, telHref } from './phone';

describe('phone display and links', () => {
  it.each([
    ['0912345678', '0912 345 678'],
    ['02553822123', '0255 3822 123'],
    ['18001260', '1800 1260'],
    ['1900123456', '1900 123 456'],
    ['113', '113'],
  ])('formats %s as %s', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });

  it('dials the stored digits', () => {
    expect(telHref('0912345678')).toBe('tel:0912345678');
  });

  it('tells mobile numbers from landlines and hotlines', () => {
    expect(['0912345678', '0355123456', '02553822123', '18001260'].map(isMobileNumber)).toEqual([true, true, false, false]);
  });

  it('masks all but the first three and last three digits, short numbers all but two', () => {
    expect(maskPhone('0912345678')).toBe('091••••678');
    expect(maskPhone('02553822123')).toBe('025•••••123');
    expect(maskPhone('113')).toBe('•13');
  });
});
