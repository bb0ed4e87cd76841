// The merge's laws as properties (src/shared/sync/PROTOCOL.md [I1], [I2]): commutative, associative,
// idempotent, order-independent, and rebase consistent with merge. Few clocks, nodes, fields and values,
// so collisions and equal-HLC ties are common.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyWrite, mergeRecords, rebase, recordFromWrite, type FieldWrite } from './merge';
import { RUNS, applyAll, conflicts, deepFreeze, oracle, recordArb, stableJson, writeArb, writesArb } from '../../../test/helpers/merge-fixtures';

describe('merge properties', () => {
  it.each(RUNS)('[I1] mergeRecords is commutative ($label)', ({ seed }) => {
    let conflicting = 0;
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        conflicting += conflicts(a, b);
        expect(mergeRecords(deepFreeze(a), deepFreeze(b))).toEqual(mergeRecords(b, a));
      }),
      { seed },
    );
    expect(conflicting).toBeGreaterThan(0);
  });

  it.each(RUNS)('[I1] mergeRecords is associative ($label)', ({ seed }) => {
    let conflicting = 0;
    fc.assert(
      fc.property(recordArb, recordArb, recordArb, (a, b, c) => {
        conflicting += conflicts(a, b) + conflicts(b, c);
        expect(mergeRecords(mergeRecords(a, b), c)).toEqual(mergeRecords(a, mergeRecords(b, c)));
      }),
      { seed },
    );
    expect(conflicting).toBeGreaterThan(0);
  });

  it.each(RUNS)('[I1] mergeRecords and applyWrite are idempotent ($label)', ({ seed }) => {
    let applied = 0;
    fc.assert(
      fc.property(recordArb, recordArb, writeArb, (a, b, write) => {
        expect(mergeRecords(a, a)).toEqual(a);
        const ab = mergeRecords(a, b);
        expect(mergeRecords(ab, b)).toEqual(ab);
        const once = applyWrite(a, write);
        expect(applyWrite(once, write)).toEqual(once);
        applied += 1;
      }),
      { seed },
    );
    expect(applied).toBeGreaterThan(0);
  });

  it.each(RUNS)('[I1] applyWrite equals merging with the record made from the write ($label)', ({ seed }) => {
    let changed = 0;
    fc.assert(
      fc.property(recordArb, writeArb, (record, write) => {
        const result = applyWrite(deepFreeze(record), deepFreeze(write));
        expect(result).toEqual(mergeRecords(record, recordFromWrite(write)));
        if (stableJson(result) !== stableJson(record)) changed += 1;
      }),
      { seed },
    );
    expect(changed).toBeGreaterThan(0);
  });

  /** The writes ∪ some duplicates, shuffled: one replica's delivery order. */
  const deliveryArb = (writes: readonly FieldWrite[]) =>
    fc
      .array(fc.constantFrom(...writes), { maxLength: 4 })
      .chain((duplicates) => {
        const all = [...writes, ...duplicates];
        return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
      });

  it.each(RUNS)('[I2] replicas applying the same writes in any order, with duplicates, converge ($label)', ({ seed }) => {
    let applied = 0;
    let reordered = 0;
    const scenario = writesArb(12).chain((writes) =>
      fc.tuple(fc.constant(writes), fc.array(deliveryArb(writes), { minLength: 3, maxLength: 4 }), fc.nat()),
    );
    fc.assert(
      fc.property(scenario, ([writes, deliveries, split]) => {
        const expected = oracle(writes);
        for (const delivery of deliveries) {
          expect(applyAll(undefined, deepFreeze(delivery))).toEqual(expected);
          applied += delivery.length;
        }
        if (deliveries.some((d) => d.some((write, i) => write !== deliveries[0]![i]))) reordered += 1;
        // State-based: two partial replicas merged hold the same record as one that saw everything.
        const cut = 1 + (split % writes.length);
        const left = applyAll(undefined, writes.slice(0, cut));
        const right = writes.length > cut ? applyAll(undefined, writes.slice(cut)) : left;
        expect(mergeRecords(left, right)).toEqual(expected);
      }),
      { seed },
    );
    expect(applied).toBeGreaterThan(0);
    expect(reordered).toBeGreaterThan(0);
  });

  it.each(RUNS)('[I2] rebase equals merging server and local copy when no clock was capped ($label)', ({ seed }) => {
    let rebasedWithAcks = 0;
    const scenario = fc.tuple(writesArb(4), fc.array(writeArb, { maxLength: 4 }), fc.array(writeArb, { maxLength: 5 }), fc.nat());
    fc.assert(
      fc.property(scenario, ([base, others, pending, ackCount]) => {
        const acked = ackCount % (pending.length + 1);
        const oldServer = applyAll(undefined, base);
        const oldLocal = rebase(oldServer, pending);
        const newServer = applyAll(oldServer, [...others, ...pending.slice(0, acked)]);
        expect(rebase(newServer, pending.slice(acked))).toEqual(mergeRecords(oldLocal, newServer));
        if (acked > 0 && acked < pending.length) rebasedWithAcks += 1;
      }),
      { seed },
    );
    expect(rebasedWithAcks).toBeGreaterThan(0);
  });
});

