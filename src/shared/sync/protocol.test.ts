import { describe, expect, it } from 'vitest';
import { fromWireRecord, pullQuerySchema, pushRequestSchema, toWireRecord, encodeClocks } from './protocol';
import { applyWrite } from './merge';
import { hlcSchema } from './hlc';
import { uuidv7 } from './ids';

const h1 = hlcSchema.parse('2026-07-01T08:30:00.000Z-0000-0123456789abcdef');
const h2 = hlcSchema.parse('2026-07-01T08:31:00.000Z-0000-0123456789abcdef');

describe('sync protocol encoding', () => {
  it('round-trips a record through the wire form with grouped clocks', () => {
    const id = uuidv7();
    const record = applyWrite(applyWrite(undefined, { recordId: id, hlc: h1, fields: { name: 'Nguyễn Thị Hoa', note: 'a', deleted: false } }), {
      recordId: id,
      hlc: h2,
      fields: { note: 'b' },
    });
    const wire = toWireRecord(record);
    expect(wire._c).toEqual({ [h1]: ['deleted', 'name'], [h2]: ['note'] });
    expect(wire).toMatchObject({ id, name: 'Nguyễn Thị Hoa', note: 'b', deleted: false });
    expect(fromWireRecord(wire)).toEqual(record);
  });

  it('groups clocks so each appears once', () => {
    expect(encodeClocks({ a: h1, b: h1, c: h2 })).toEqual({ [h1]: ['a', 'b'], [h2]: ['c'] });
  });

  it('rejects a push with an unknown table or extra keys', () => {
    const base = { clientId: 'phone-1', schemaVersion: 1, mutations: [{ id: uuidv7(), table: 'contacts', recordId: uuidv7(), hlc: h1, fields: {} }] };
    expect(pushRequestSchema.safeParse(base).success).toBe(true);
    expect(pushRequestSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ ...base, mutations: [{ ...base.mutations[0], table: 'users' }] }).success).toBe(false);
  });

  it('coerces and bounds the pull limit', () => {
    expect(pullQuerySchema.parse({}).limit).toBe(500);
    expect(pullQuerySchema.parse({ limit: '20' }).limit).toBe(20);
    expect(pullQuerySchema.safeParse({ limit: '5000' }).success).toBe(false);
  });
});
