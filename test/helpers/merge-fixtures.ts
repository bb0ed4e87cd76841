// The shared ground of the merge tests (src/shared/sync/merge*.test.ts) and the clock tests: fixed seeds
// plus a random one, clocks written out by hand, records built without the code under test, the
// oracle every replica must agree with, and the arbitraries of the property tests.
import fc from 'fast-check';
import { formatHlc, hlcSchema, type Hlc } from '../../src/shared/sync/hlc';
import { applyWrite, type FieldWrite, type SyncedRecord } from '../../src/shared/sync/merge';

// Fixed seeds replay known inputs on every run; the random run explores, and fast-check prints
// its seed on failure so it can be pinned here.
export const RUNS = [1, 42, 20260701, undefined].map((seed) => ({
  seed,
  label: seed === undefined ? 'random seed' : `seed ${seed}`,
}));

export const A = 'aaaaaaaaaaaaaaaa';
export const B = 'bbbbbbbbbbbbbbbb';
export const C = 'cccccccccccccccc';
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const T = Date.parse('2026-07-01T08:30:00.000Z');
export const hlc = (text: string): Hlc => hlcSchema.parse(text);

export const T1 = hlc('2026-07-01T08:30:00.000Z-0000-aaaaaaaaaaaaaaaa');
export const T2 = hlc('2026-07-01T08:31:00.000Z-0000-aaaaaaaaaaaaaaaa');
export const T2_NODE_B = hlc('2026-07-01T08:31:00.000Z-0000-bbbbbbbbbbbbbbbb');
export const T2_COUNTER_1 = hlc('2026-07-01T08:31:00.000Z-0001-aaaaaaaaaaaaaaaa');
export const T3 = hlc('2026-07-01T08:32:00.000Z-0000-bbbbbbbbbbbbbbbb');

/** A record written out by hand, independent of the code under test: field → [value, clock]. */
export function rec(versions: Record<string, readonly [unknown, Hlc]>, id = 'r1'): SyncedRecord {
  const entries = Object.entries(versions);
  return {
    id,
    ...Object.fromEntries(entries.map(([field, [value]]) => [field, value])),
    clocks: Object.fromEntries(entries.map(([field, [, clock]]) => [field, clock])),
  };
}

export const w = (clock: Hlc, fields: Record<string, unknown>, recordId = 'r1'): FieldWrite => ({ recordId, hlc: clock, fields });

export function deepFreeze<V>(value: V): V {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** JSON with sorted object keys: the oracle's own tie-break, written independently of merge.ts. */
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => (x < y ? -1 : 1)))
      : inner,
  );

/** What every replica must hold after seeing `writes`: per field, the version with the greatest (HLC, JSON). */
export function oracle(writes: readonly FieldWrite[]): SyncedRecord {
  const best = new Map<string, { value: unknown; clock: Hlc }>();
  for (const { hlc: clock, fields } of writes) {
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const current = best.get(field);
      const wins =
        !current || clock > current.clock || (clock === current.clock && stableJson(value) > stableJson(current.value));
      if (wins) best.set(field, { value, clock });
    }
  }
  return rec(Object.fromEntries([...best].map(([field, { value, clock }]) => [field, [value, clock] as const])));
}


// Properties. Few clocks, nodes, fields and values, so collisions and equal-HLC ties are common.

export const FIELDS = ['title', 'status', 'deleted', 'tags', 'citizen'] as const;
export const hlcArb = fc
  .record({ millis: fc.integer({ min: T, max: T + 2 }), counter: fc.integer({ min: 0, max: 2 }), node: fc.constantFrom(A, B, C) })
  .map(formatHlc);
export const valueArb = fc.oneof(
  fc.constantFrom('a', 'b', 'Lan', '', null, true, false, -1, 0, 10, 2),
  fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
  fc.constantFrom({ name: 'Lan', consent: true }, { consent: true, name: 'Lan' }, { name: 'Hoa', consent: true }),
);
export const fieldsArb = (names: readonly string[] = FIELDS) =>
  fc.dictionary(fc.constantFrom(...names), valueArb, { minKeys: 1, maxKeys: 3 });
export const writeArb: fc.Arbitrary<FieldWrite> = fc.record({ recordId: fc.constant('r1'), hlc: hlcArb, fields: fieldsArb() });
export const writesArb = (maxLength: number) => fc.array(writeArb, { minLength: 1, maxLength });
export const recordArb: fc.Arbitrary<SyncedRecord> = writesArb(6).map((writes) => applyAll(undefined, writes));

export function applyAll(record: SyncedRecord | undefined, writes: readonly FieldWrite[]): SyncedRecord {
  const result = writes.reduce<SyncedRecord | undefined>(applyWrite, record);
  if (!result) throw new Error('applyAll needs a record or at least one write');
  return result;
}

/** Fields both records hold in different versions: the cases where merge has to choose. */
export const conflicts = (a: SyncedRecord, b: SyncedRecord): number =>
  Object.keys(a.clocks).filter((f) => f in b.clocks && (a.clocks[f] !== b.clocks[f] || stableJson(a[f]) !== stableJson(b[f]))).length;

