import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  clearable,
  communeIdSchema,
  enumSchema,
  idSchema,
  intSchema,
  isoDateTimeSchema,
  localDateSchema,
  nfcString,
  recordMetaSchema,
  referenceRecordMetaSchema,
  ROLES,
  strictObject,
  uniqueListSchema,
} from './common';

const messages = (schema: z.ZodType, value: unknown): string[] => schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('idSchema', () => {
  it.each([
    ['0197c1a2-7b3e-7c4d-8e5f-0a1b2c3d4e5f', true], // v7
    ['2f1c6b1e-4c1f-5a6b-9c7d-8e9f0a1b2c3d', true], // v5 (seeded reference data)
    ['0197C1A2-7B3E-7C4D-8E5F-0A1B2C3D4E5F', false], // upper case: ids compare as strings
    ['0197c1a2-7b3e-0c4d-8e5f-0a1b2c3d4e5f', false], // version 0
    ['0197c1a2-7b3e-7c4d-ce5f-0a1b2c3d4e5f', false], // wrong variant
    ['0197c1a27b3e7c4d8e5f0a1b2c3d4e5f', false],
    ['', false],
  ])('%j → %s', (id, ok) => {
    expect(idSchema.safeParse(id).success).toBe(ok);
  });
});

describe('communeIdSchema', () => {
  it.each([
    ['ngok-bay', true],
    ['dak-ro-wa', true],
    ['son-ha-2', true],
    ['Ngok-Bay', false],
    ['ngọk-bay', false],
    ['ngok--bay', false],
    ['-ngok', false],
    ['a'.repeat(65), false],
  ])('%j → %s', (id, ok) => {
    expect(communeIdSchema.safeParse(id).success).toBe(ok);
  });
});

describe('localDateSchema', () => {
  it.each([
    ['2025-07-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-07-01T00:00:00Z', false],
    ['01/07/2025', false],
  ])('%j → %s', (d, ok) => {
    expect(localDateSchema.safeParse(d).success).toBe(ok);
  });
});

describe('isoDateTimeSchema', () => {
  it.each([
    ['2025-07-01T08:30:00Z', '2025-07-01T08:30:00.000Z'],
    ['2025-07-01T08:30:00.123Z', '2025-07-01T08:30:00.123Z'],
    ['2025-07-01T08:30:00+07:00', '2025-07-01T01:30:00.000Z'], // rewritten to UTC
    ['2025-07-01T00:30:00+07:00', '2025-06-30T17:30:00.000Z'],
  ])('%j is stored as %j', (input, stored) => {
    expect(isoDateTimeSchema.parse(input)).toBe(stored);
  });

  it.each(['2025-07-01', '2025-07-01T08:30:00', '2025-07-01T08:30Z', '2025-02-30T08:30:00Z', '2025-07-01T24:00:00Z', 'yesterday', 1719800000000])(
    'refuses %j',
    (input) => {
      expect(isoDateTimeSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('nfcString', () => {
  const name = nfcString(1, 5);

  it('trims and normalises to NFC before counting', () => {
    // Decomposed "Ngọk" is 6 code units, composed it is 4.
    expect(name.parse('  Ngo\u0323k  ')).toBe('Ngọk');
  });

  it.each([
    ['', 'validation.required'],
    ['   ', 'validation.required'],
    ['Nguyễn', 'validation.tooLong'],
    [12, 'validation.invalidType'],
  ])('%j → %s', (input, key) => {
    expect(messages(name, input)).toEqual([key]);
  });

  it('allows empty text when min is 0 and reports tooShort for min > 1', () => {
    expect(nfcString(0, 5).parse('  ')).toBe('');
    expect(messages(nfcString(3, 5), 'ab')).toEqual(['validation.tooShort']);
  });
});

describe('helpers', () => {
  it('intSchema checks integer and bounds', () => {
    const n = intSchema(0, 600);
    expect(n.parse(600)).toBe(600);
    expect(messages(n, 601)).toEqual(['validation.tooLarge']);
    expect(messages(n, -1)).toEqual(['validation.tooSmall']);
    expect(messages(n, 1.5)).toEqual(['validation.integer']);
    expect(messages(n, '5')).toEqual(['validation.invalidType']);
  });

  it('enumSchema reports a wrong option and a missing one differently', () => {
    const e = strictObject({ kind: enumSchema(['a', 'b']) });
    expect(messages(e, { kind: 'c' })).toEqual(['validation.invalidOption']);
    expect(messages(e, {})).toEqual(['validation.required']);
  });

  it('uniqueListSchema refuses duplicates and long lists', () => {
    const list = uniqueListSchema(z.string(), 2);
    expect(messages(list, ['a', 'a'])).toEqual(['validation.duplicate']);
    expect(messages(list, ['a', 'b', 'c'])).toEqual(['validation.tooMany']);
  });

  it('clearable accepts absent and null', () => {
    const o = strictObject({ note: clearable(nfcString(0, 10)) });
    expect(o.parse({})).toEqual({});
    expect(o.parse({ note: null })).toEqual({ note: null });
  });

  it('strictObject refuses unknown fields with a stable key', () => {
    expect(messages(strictObject({ a: z.string() }), { a: 'x', b: 1 })).toEqual(['validation.unknownField']);
  });
});

describe('record metadata', () => {
  const meta = {
    id: '0197c1a2-7b3e-7c4d-8e5f-0a1b2c3d4e5f',
    communeId: 'ngok-bay',
    createdBy: '0197c1a2-0000-7000-8000-000000000001',
    createdAt: '2025-07-01T01:30:00.000Z',
    updatedAt: '2025-07-01T01:30:00.000Z',
    deleted: false,
  };

  it('accepts commune metadata and refuses a missing commune or extra field', () => {
    expect(recordMetaSchema.parse(meta)).toEqual(meta);
    expect(recordMetaSchema.safeParse({ ...meta, communeId: undefined }).success).toBe(false);
    expect(recordMetaSchema.safeParse({ ...meta, clocks: {} }).success).toBe(false);
  });

  it('reference data has a null commune and a province', () => {
    const ref = { ...meta, communeId: null, provinceId: 'quang-ngai' };
    expect(referenceRecordMetaSchema.parse(ref)).toEqual(ref);
    expect(referenceRecordMetaSchema.safeParse({ ...ref, communeId: 'ngok-bay' }).success).toBe(false);
  });

  it('has the four roles', () => {
    expect(ROLES).toEqual(['member', 'leader', 'reviewer', 'admin']);
  });
});
