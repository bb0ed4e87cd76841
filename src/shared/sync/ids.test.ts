import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, isUuid, uuidSchema, uuidV7Millis, uuidv7 } from './ids';

const T = Date.parse('2026-07-01T08:30:00.000Z');
const fixedBytes = (byte: number) => (length: number) => new Uint8Array(length).fill(byte);

describe('uuidv7', () => {
  it('sets version 7 and the RFC 9562 variant, and stores the time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 1000 }, () => uuidv7());
    const after = Date.now();
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(uuidV7Millis(id)).toBeGreaterThanOrEqual(before);
      expect(uuidV7Millis(id)).toBeLessThanOrEqual(after + 1); // +1: a counter overflow may borrow a millisecond
    }
  });

  it('lays out a known value bit for bit', () => {
    const generate = createUuidV7Generator(() => 0x0123456789ab, fixedBytes(0));
    expect(generate()).toBe('01234567-89ab-7000-8000-000000000000');
    expect(generate()).toBe('01234567-89ab-7000-8000-000000000001');
  });

  it('is unique and in creation order over 100,000 ids', () => {
    const ids = Array.from({ length: 100_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    // The index of the first id not greater than the one before (-1: none); a small failure message.
    expect(ids.findIndex((id, k) => k > 0 && id <= ids[k - 1]!)).toBe(-1);
  });

  it('sorts by time across milliseconds', () => {
    const times = [T, T + 1, T + 1, T + 1000, T + 86_400_000];
    let i = 0;
    const generate = createUuidV7Generator(() => times[i++]!);
    const ids = times.map(() => generate());
    expect(ids.map(uuidV7Millis)).toEqual(times);
    expect([...ids].sort()).toEqual(ids);
  });

  it('stays increasing within one millisecond and when the clock steps back', () => {
    const times = [T, T, T, T - 5000, T - 5000, T + 1];
    let i = 0;
    const generate = createUuidV7Generator(() => times[i++]!);
    const ids = times.map(() => generate());
    for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!).toBe(true);
    expect(ids.map(uuidV7Millis)).toEqual([T, T, T, T, T, T + 1]);
  });

  it('moves to the next millisecond when the random part would overflow', () => {
    const generate = createUuidV7Generator(() => T, fixedBytes(0xff));
    const first = generate();
    const second = generate();
    expect(first.endsWith('7fff-bfff-ffffffffffff')).toBe(true);
    expect(uuidV7Millis(first)).toBe(T);
    expect(uuidV7Millis(second)).toBe(T + 1);
    expect(second > first).toBe(true);
  });

  it('refuses a time that does not fit 48 bits', () => {
    expect(() => createUuidV7Generator(() => 2 ** 48)()).toThrow(RangeError);
    expect(() => createUuidV7Generator(() => -1)()).toThrow(RangeError);
  });
});

describe('isUuid / uuidSchema', () => {
  it.each([
    // text                                       valid
    ['0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b', true], // v7
    ['f47ac10b-58cc-4372-a567-0e02b2c3d479', true], // v4
    ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', true], // v1
    ['0190a3c4-5b6d-8e8f-9a0b-1c2d3e4f5a6b', true], // v8
    ['F47AC10B-58CC-4372-A567-0E02B2C3D479', false], // uppercase
    ['00000000-0000-0000-0000-000000000000', false], // nil is not an id
    ['ffffffff-ffff-ffff-ffff-ffffffffffff', false], // max is not an id
    ['f47ac10b-58cc-0372-a567-0e02b2c3d479', false], // version 0
    ['f47ac10b-58cc-9372-a567-0e02b2c3d479', false], // version 9
    ['f47ac10b-58cc-4372-c567-0e02b2c3d479', false], // Microsoft variant
    ['f47ac10b58cc4372a5670e02b2c3d479', false], // no dashes
    ['{f47ac10b-58cc-4372-a567-0e02b2c3d479}', false], // braces
    ['', false],
  ])('%s → %s', (text, valid) => {
    expect(isUuid(text)).toBe(valid);
    expect(uuidSchema.safeParse(text).success).toBe(valid);
  });

  it('rejects non-strings', () => {
    expect(isUuid(123)).toBe(false);
    expect(uuidSchema.safeParse(undefined).success).toBe(false);
  });

  it('uuidV7Millis refuses ids of other versions', () => {
    expect(() => uuidV7Millis('f47ac10b-58cc-4372-a567-0e02b2c3d479')).toThrow(RangeError);
  });
});
