// Merging field versions by example (src/shared/sync/PROTOCOL.md): applyWrite, mergeRecords and rebase,
// case by case. The properties are in merge-properties.test.ts, phones and a server in merge-phones.test.ts.
import { describe, expect, it } from 'vitest';
import { InvalidHlcError, capHlc, type Hlc } from './hlc';
import { MergeError, applyWrite, mergeRecords, rebase, type FieldWrite, type SyncedRecord } from './merge';
import { T, T1, T2, T2_COUNTER_1, T2_NODE_B, T3, deepFreeze, hlc, rec, stableJson, w } from '../../../test/helpers/merge-fixtures';

describe('applyWrite', () => {
  const rows: [string, SyncedRecord | undefined, FieldWrite, SyncedRecord][] = [
    // case                                              local                                               write                                    expected
    ['creates the record when there is none',            undefined,                                          w(T1, { title: 'a', deleted: false }),   rec({ title: ['a', T1], deleted: [false, T1] })],
    ['a newer write replaces the field',                 rec({ title: ['a', T1] }),                          w(T2, { title: 'b' }),                   rec({ title: ['b', T2] })],
    ['an older write is ignored',                        rec({ title: ['b', T2] }),                          w(T1, { title: 'a' }),                   rec({ title: ['b', T2] })],
    ['same millis: the greater counter wins',            rec({ title: ['a', T2] }),                          w(T2_COUNTER_1, { title: 'b' }),         rec({ title: ['b', T2_COUNTER_1] })],
    ['same millis and counter: the greater node wins',   rec({ title: ['a', T2_NODE_B] }),                   w(T2, { title: 'b' }),                   rec({ title: ['a', T2_NODE_B] })],
    ['the same write twice changes nothing',             rec({ title: ['a', T2] }),                          w(T2, { title: 'a' }),                   rec({ title: ['a', T2] })],
    ['equal HLC, different value: greater JSON wins',    rec({ title: ['a', T2] }),                          w(T2, { title: 'b' }),                   rec({ title: ['b', T2] })],
    ['equal HLC, different value: in either order',      rec({ title: ['b', T2] }),                          w(T2, { title: 'a' }),                   rec({ title: ['b', T2] })],
    ['equal HLC: JSON "2" beats "10" as text, not size', rec({ count: [10, T2] }),                           w(T2, { count: 2 }),                     rec({ count: [2, T2] })],
    ['fields the write does not name are kept',          rec({ title: ['a', T1], status: ['todo', T1] }),    w(T2, { status: 'done' }),               rec({ title: ['a', T1], status: ['done', T2] })],
    ['one write, decided field by field',                rec({ title: ['a', T1], status: ['done', T3] }),    w(T2, { title: 'b', status: 'todo' }),   rec({ title: ['b', T2], status: ['done', T3] })],
    ['a field without a clock loses to any write',       { id: 'r1', title: 'seed', clocks: {} },            w(T1, { title: 'a' }),                   rec({ title: ['a', T1] })],
    ['undefined is not a value (JSON drops it)',         rec({ note: ['x', T1] }),                           w(T2, { note: undefined, title: 'a' }),  rec({ note: ['x', T1], title: ['a', T2] })],
    ['null is a value',                                  rec({ note: ['x', T1] }),                           w(T2, { note: null }),                   rec({ note: [null, T2] })],
    ['[I10] an edit of another field keeps the delete',  rec({ title: ['a', T1], deleted: [true, T3] }),     w(T2, { title: 'b' }),                   rec({ title: ['b', T2], deleted: [true, T3] })],
    ['[I10] an older undelete loses',                    rec({ deleted: [true, T3] }),                       w(T2, { deleted: false }),               rec({ deleted: [true, T3] })],
    ['[I10] a later undelete is an explicit write',      rec({ deleted: [true, T2] }),                       w(T3, { deleted: false }),               rec({ deleted: [false, T3] })],
  ];

  it.each(rows)('%s', (_case, local, write, expected) => {
    expect(applyWrite(local === undefined ? undefined : deepFreeze(local), deepFreeze(write))).toEqual(expected);
  });

  it('treats object values by content, whatever their key order', () => {
    const local = rec({ citizen: [{ name: 'Lan', consent: true }, T2] });
    const result = applyWrite(local, w(T2, { citizen: { consent: true, name: 'Lan' } }));
    expect(stableJson(result)).toBe(stableJson(local));
  });

  it.each([
    // case                            local                       write                                                   error
    ['a write may not set id',         undefined,                  w(T1, { id: 'other' }),                                 MergeError],
    ['a write may not set clocks',     undefined,                  w(T1, { clocks: {} }),                                  MergeError],
    ['a write needs a recordId',       undefined,                  w(T1, { title: 'a' }, ''),                              MergeError],
    ['a write for another record',     rec({ title: ['a', T1] }),  w(T2, { title: 'b' }, 'r2'),                            MergeError],
    ['a malformed HLC',                undefined,                  { recordId: 'r1', hlc: 'yesterday' as Hlc, fields: {} }, InvalidHlcError],
  ] as const)('throws: %s', (_case, local, write, error) => {
    expect(() => applyWrite(local, write)).toThrow(error);
  });

  it('keeps a field named __proto__ as data', () => {
    const fields = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const result = applyWrite(undefined, w(T1, fields));
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(Object.hasOwn(result.clocks, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});

describe('mergeRecords', () => {
  const rows: [string, SyncedRecord, SyncedRecord, SyncedRecord][] = [
    // case                                  local                                            remote                                             expected
    ['fields only one side has are kept',    rec({ title: ['a', T1] }),                       rec({ status: ['done', T2] }),                     rec({ title: ['a', T1], status: ['done', T2] })],
    ['each field has its own winner',        rec({ title: ['a', T3], status: ['todo', T1] }), rec({ title: ['b', T2], status: ['done', T2] }),   rec({ title: ['a', T3], status: ['done', T2] })],
    ['equal clocks: greater JSON wins',      rec({ tags: [['x'], T2] }),                      rec({ tags: [['y'], T2] }),                        rec({ tags: [['y'], T2] })],
    ['[I10] delete vs edit keeps both',      rec({ title: ['a', T1], deleted: [true, T2] }),  rec({ title: ['b', T3], deleted: [false, T1] }),   rec({ title: ['b', T3], deleted: [true, T2] })],
  ];

  it.each(rows)('%s', (_case, local, remote, expected) => {
    expect(mergeRecords(deepFreeze(local), deepFreeze(remote))).toEqual(expected);
    expect(mergeRecords(remote, local)).toEqual(expected);
  });

  it('refuses to merge two different records', () => {
    expect(() => mergeRecords(rec({}, 'r1'), rec({}, 'r2'))).toThrow(MergeError);
  });

  it('lists fields and clocks in sorted order so equal records serialize alike', () => {
    const merged = mergeRecords(rec({ zeta: [1, T1] }), rec({ alpha: [2, T1] }));
    expect(JSON.stringify(merged)).toBe(
      `{"id":"r1","alpha":2,"zeta":1,"clocks":{"alpha":"${T1}","zeta":"${T1}"}}`,
    );
  });
});

describe('rebase', () => {
  const rows: [string, SyncedRecord, FieldWrite[], SyncedRecord][] = [
    // case                                        server                          pending                                                  expected
    ['pending writes are re-applied in order',     rec({ title: ['a', T1] }),      [w(T2, { title: 'b' }), w(T3, { status: 'done' })],      rec({ title: ['b', T2], status: ['done', T3] })],
    ['a newer server value beats a pending one',   rec({ title: ['s', T3] }),      [w(T2, { title: 'b' })],                                 rec({ title: ['s', T3] })],
    ['no pending writes: the server record',       rec({ title: ['s', T1] }),      [],                                                      rec({ title: ['s', T1] })],
  ];

  it.each(rows)('%s', (_case, server, pending, expected) => {
    expect(rebase(deepFreeze(server), deepFreeze(pending))).toEqual(expected);
  });

  it('[I9] drops a local clock the server capped, where merging with the old local copy would keep it', () => {
    const skewed = hlc('2026-07-31T08:30:00.000Z-0000-aaaaaaaaaaaaaaaa'); // phone 30 days ahead
    const oldLocal = applyWrite(undefined, w(skewed, { title: 'from skewed phone' }));
    const server = applyWrite(
      applyWrite(undefined, w(capHlc(skewed, T), { title: 'from skewed phone' })),
      w(hlc('2026-07-01T09:00:00.000Z-0000-bbbbbbbbbbbbbbbb'), { title: 'later edit' }),
    );
    expect(rebase(server, []).title).toBe('later edit');
    expect(mergeRecords(oldLocal, server).title).toBe('from skewed phone');
  });
});

