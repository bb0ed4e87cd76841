import { describe, expect, it } from 'vitest';
import { compareHlc, type Hlc } from '../sync/hlc';
import type { SyncedRecord } from '../sync/merge';
import { citizenMatches, erasedRecord, isCitizenQuery, serverHlcAfter, withoutPersonalData } from './erasure';

const hoa = { name: 'Nguyễn Thị Hoa', phone: '0912345678', consent: true };
const clock = (iso: string, counter = 0, node = 'abcdefabcdefabcd') => `${iso}-${counter.toString(16).padStart(4, '0')}-${node}` as Hlc;

describe('finding a citizen to erase', () => {
  it('matches the whole name without diacritics, case or extra spaces, and the normalised phone', () => {
    expect(citizenMatches(hoa, { name: '  nguyen   thi HOA ' })).toBe(true);
    expect(citizenMatches(hoa, { phone: '+84 912 345 678' })).toBe(true);
    expect(citizenMatches(hoa, { name: 'Hoa' })).toBe(false);
    expect(citizenMatches(hoa, { name: 'Nguyễn Thị Hoa', phone: '0987000111' })).toBe(false);
    expect(citizenMatches(null, { name: 'Nguyễn Thị Hoa' })).toBe(false);
  });

  it('never matches everyone with an empty query', () => {
    expect(isCitizenQuery({ name: ' ', phone: '' })).toBe(false);
    expect(citizenMatches(hoa, {})).toBe(false);
  });
});

describe('server writes that remove personal data', () => {
  const record = {
    id: '01900000-0000-7000-8000-000000000001',
    outcome: 'done',
    note: 'chị Hoa',
    citizen: hoa,
    updatedAt: '2026-03-02T01:00:00.000Z',
    clocks: { outcome: clock('2026-03-02T01:00:00.000Z'), note: clock('2030-01-01T00:00:00.000Z', 3), citizen: clock('2026-03-02T01:00:00.000Z'), updatedAt: clock('2026-03-02T01:00:00.000Z') },
  } as unknown as SyncedRecord;

  it('write with a clock later than every clock of the record, even one from the future', () => {
    const now = Date.parse('2026-04-01T00:00:00.000Z');
    const hlc = serverHlcAfter(Object.values(record.clocks), now);
    for (const c of Object.values(record.clocks)) expect(compareHlc(hlc, c)).toBeGreaterThan(0);
    const erased = erasedRecord('assistanceLogs', record, now);
    expect(erased).toMatchObject({ outcome: 'done', note: null, citizen: null, updatedAt: '2026-04-01T00:00:00.000Z' });
    expect(erased.clocks.outcome).toBe(record.clocks.outcome);
  });

  it('leave a record without personal data as it is, and tables without personal fields alone', () => {
    const stripped = withoutPersonalData('assistanceLogs', record, Date.parse('2026-04-01T00:00:00.000Z'));
    expect(stripped).toMatchObject({ note: null, citizen: null });
    expect(withoutPersonalData('assistanceLogs', stripped, Date.now())).toBe(stripped);
    expect(withoutPersonalData('contacts', record, Date.now())).toBe(record);
  });
});
