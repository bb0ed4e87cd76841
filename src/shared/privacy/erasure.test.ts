import { describe, expect, it } from 'vitest';
import { compareHlc, type Hlc } from '../sync/hlc';
import type { SyncedRecord } from '../sync/merge';
import { citizenMatcher, citizenMatches, erasedRecord, isCitizenQuery, serverHlcAfter, withoutPersonalData } from './erasure';

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
    expect(citizenMatcher({ name: ' ', phone: '' })(hoa)).toBe(false);
  });

  it('a matcher, the query folded once, judges each of many citizens as citizenMatches does', () => {
    const citizens = [hoa, { name: 'nguyen thi hoa' }, { name: 'Nguyễn Thị Hòa', phone: '0912 345 678' }, { phone: '0912345678' }, { name: 5 }, null, 'Hoa'];
    for (const query of [{ name: 'Nguyen Thi Hoa' }, { phone: '+84912345678' }, { name: 'nguyễn thị hoa', phone: '0912.345.678' }]) {
      const matches = citizenMatcher(query);
      expect(citizens.map((citizen) => matches(citizen))).toEqual(citizens.map((citizen) => citizenMatches(citizen, query)));
    }
    expect(citizens.map(citizenMatcher({ name: 'Nguyen Thi Hoa', phone: '0912345678' }))).toEqual([true, false, true, false, false, false, false]); // Hòa folds like Hoa
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
    expect(erased.clocks.citizen).toBe(hlc);
    expect(record).toMatchObject({ note: 'chị Hoa', citizen: hoa, clocks: { citizen: clock('2026-03-02T01:00:00.000Z') } }); // the input is left as it was
  });

  it('take the latest clock given, in any order, one counter past it; else the server time itself', () => {
    const now = Date.parse('2026-04-01T00:00:00.000Z');
    const server = (iso: string, counter: number) => clock(iso, counter, '0000000000000000');
    const future = clock('2030-01-01T00:00:00.000Z', 3);
    const later = clock('2030-01-01T00:00:00.000Z', 3, 'ffffffffffffffff');
    expect(serverHlcAfter([], now)).toBe(server('2026-04-01T00:00:00.000Z', 0));
    expect(serverHlcAfter([undefined, clock('2026-03-02T01:00:00.000Z')], now)).toBe(server('2026-04-01T00:00:00.000Z', 0));
    expect(serverHlcAfter([later, future], now)).toBe(server('2030-01-01T00:00:00.000Z', 4));
    expect(serverHlcAfter([future, later, clock('2029-01-01T00:00:00.000Z')], now)).toBe(server('2030-01-01T00:00:00.000Z', 4));
    expect(serverHlcAfter([server('2026-04-01T00:00:00.000Z', 0)], now)).toBe(server('2026-04-01T00:00:00.000Z', 1));
    expect(serverHlcAfter([], now + 1)).toBe(server('2026-04-01T00:00:00.001Z', 0));
    expect(erasedRecord('groupSessions', record, now + 1)).toMatchObject({ note: null, citizen: hoa, updatedAt: '2026-04-01T00:00:00.001Z' });
  });

  it('leave a record without personal data as it is, and tables without personal fields alone', () => {
    const stripped = withoutPersonalData('assistanceLogs', record, Date.parse('2026-04-01T00:00:00.000Z'));
    expect(stripped).toMatchObject({ note: null, citizen: null });
    expect(withoutPersonalData('assistanceLogs', stripped, Date.now())).toBe(stripped);
    expect(withoutPersonalData('contacts', record, Date.now())).toBe(record);
  });
});
