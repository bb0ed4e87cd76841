import { describe, expect, it } from 'vitest';
import { contactPhoneSchema, normalizeVnPhone, vnPhoneSchema } from './phone';

describe('normalizeVnPhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['091-234-5678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['0084912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['(0255) 3822 123', '02553822123'],
    ['1800 1260', '18001260'],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeVnPhone(raw)).toBe(normalized);
  });
});

describe('vnPhoneSchema (citizens)', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84 358 123 456', '0358123456'],
    ['0255 3822 123', '02553822123'],
  ])('accepts %j as %j', (raw, stored) => {
    expect(vnPhoneSchema.parse(raw)).toBe(stored);
  });

  it.each(['091234567', '09123456789', '0112345678', '1800 1260', '113', 'abc', '+1 415 555 0100', ''])('refuses %j', (raw) => {
    expect(vnPhoneSchema.safeParse(raw).error?.issues[0]?.message).toBe('validation.phone');
  });
});

describe('contactPhoneSchema (support contacts)', () => {
  it.each([
    ['1800 1260', '18001260'],
    ['1900 1234 56', '1900123456'],
    ['113', '113'],
    ['0260 3862 999', '02603862999'],
  ])('accepts %j as %j', (raw, stored) => {
    expect(contactPhoneSchema.parse(raw)).toBe(stored);
  });

  it.each(['1234', '120', '1700 1234', 'zalo'])('refuses %j', (raw) => {
    expect(contactPhoneSchema.safeParse(raw).success).toBe(false);
  });
});
