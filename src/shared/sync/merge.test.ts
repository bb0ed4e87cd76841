import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidHlcError,
  capClock,
  capHlc,
  clockOffset,
  formatHlc,
  hlcSchema,
  initialClock,
  receive,
  tick,
  type Hlc,
  type HlcState,
} from './hlc';
import { MergeError, applyWrite, mergeRecords, rebase, recordFromWrite, type FieldWrite, type SyncedRecord } from './merge';

// Fixed seeds replay known inputs on every run; the random run explores, and fast-check prints
// its seed on failure so it can be pinned here.
const RUNS = [1, 42, 20260701, undefined].map((seed) => ({
  seed,
  label: seed === undefined ? 'random seed' : `seed ${seed}`,
}));

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccc';
const MINUTE = 60_000;
const DAY = 86_400_000;
const T = Date.parse('2026-07-01T08:30:00.000Z');
const hlc = (text: string): Hlc => hlcSchema.parse(text);

const T1 = hlc('2026-07-01T08:30:00.000Z-0000-aaaaaaaaaaaaaaaa');
const T2 = hlc('2026-07-01T08:31:00.000Z-0000-aaaaaaaaaaaaaaaa');
const T2_NODE_B = hlc('2026-07-01T08:31:00.000Z-0000-bbbbbbbbbbbbbbbb');
const T2_COUNTER_1 = hlc('2026-07-01T08:31:00.000Z-0001-aaaaaaaaaaaaaaaa');
const T3 = hlc('2026-07-01T08:32:00.000Z-0000-bbbbbbbbbbbbbbbb');

/** A record written out by hand, independent of the code under test: field → [value, clock]. */
function rec(versions: Record<string, readonly [unknown, Hlc]>, id = 'r1'): SyncedRecord {
  const entries = Object.entries(versions);
  return {
    id,
    ...Object.fromEntries(entries.map(([field, [value]]) => [field, value])),
    clocks: Object.fromEntries(entries.map(([field, [, clock]]) => [field, clock])),
  };
}

const w = (clock: Hlc, fields: Record<string, unknown>, recordId = 'r1'): FieldWrite => ({ recordId, hlc: clock, fields });

function deepFreeze<V>(value: V): V {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** JSON with sorted object keys: the oracle's own tie-break, written independently of merge.ts. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => (x < y ? -1 : 1)))
      : inner,
  );

/** What every replica must hold after seeing `writes`: per field, the version with the greatest (HLC, JSON). */
function oracle(writes: readonly FieldWrite[]): SyncedRecord {
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

// ---------------------------------------------------------------------------------------------
// Properties. Few clocks, nodes, fields and values, so collisions and equal-HLC ties are common.

const FIELDS = ['title', 'status', 'deleted', 'tags', 'citizen'] as const;
const hlcArb = fc
  .record({ millis: fc.integer({ min: T, max: T + 2 }), counter: fc.integer({ min: 0, max: 2 }), node: fc.constantFrom(A, B, C) })
  .map(formatHlc);
const valueArb = fc.oneof(
  fc.constantFrom('a', 'b', 'Lan', '', null, true, false, -1, 0, 10, 2),
  fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
  fc.constantFrom({ name: 'Lan', consent: true }, { consent: true, name: 'Lan' }, { name: 'Hoa', consent: true }),
);
const fieldsArb = (names: readonly string[] = FIELDS) =>
  fc.dictionary(fc.constantFrom(...names), valueArb, { minKeys: 1, maxKeys: 3 });
const writeArb: fc.Arbitrary<FieldWrite> = fc.record({ recordId: fc.constant('r1'), hlc: hlcArb, fields: fieldsArb() });
const writesArb = (maxLength: number) => fc.array(writeArb, { minLength: 1, maxLength });
const recordArb: fc.Arbitrary<SyncedRecord> = writesArb(6).map((writes) => applyAll(undefined, writes));

function applyAll(record: SyncedRecord | undefined, writes: readonly FieldWrite[]): SyncedRecord {
  const result = writes.reduce<SyncedRecord | undefined>(applyWrite, record);
  if (!result) throw new Error('applyAll needs a record or at least one write');
  return result;
}

/** Fields both records hold in different versions: the cases where merge has to choose. */
const conflicts = (a: SyncedRecord, b: SyncedRecord): number =>
  Object.keys(a.clocks).filter((f) => f in b.clocks && (a.clocks[f] !== b.clocks[f] || stableJson(a[f]) !== stableJson(b[f]))).length;

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

// ---------------------------------------------------------------------------------------------
// A small world: a server and phones with their own clocks (some wrong by days), each with an
// outbox; pushes can lose their response (outcome unknown, retried with the same mutation ids).

type Mutation = FieldWrite & { readonly id: string };
type Phone = {
  readonly node: string;
  readonly skew: number; // how wrong the phone's own clock is
  offset: number; // learned from serverTime; deviceNow = real time + skew + offset
  clock: HlcState;
  local: SyncedRecord | undefined;
  outbox: Mutation[];
};
type World = {
  now: number;
  server: SyncedRecord | undefined;
  readonly applied: Set<string>;
  readonly phones: Phone[];
  readonly log: Mutation[];
  readonly capAtServer: boolean;
  capped: number;
  rebaseChecks: number;
};

const NODES = [A, B, C, 'dddddddddddddddd'];

function newWorld(skews: readonly number[], capAtServer = true): World {
  const phones = skews.map((skew, i) => ({
    node: NODES[i]!,
    skew,
    offset: 0,
    clock: initialClock(NODES[i]!),
    local: undefined,
    outbox: [],
  }));
  return { now: T, server: undefined, applied: new Set(), phones, log: [], capAtServer, capped: 0, rebaseChecks: 0 };
}

const deviceNow = (world: World, phone: Phone) => world.now + phone.skew + phone.offset;

function write(world: World, index: number, fields: Record<string, unknown>): Mutation {
  const phone = world.phones[index]!;
  const { state, hlc: stamp } = tick(phone.clock, deviceNow(world, phone));
  const mutation = { id: `${phone.node}-${world.log.length}`, recordId: 'r1', hlc: stamp, fields };
  phone.clock = state;
  phone.local = applyWrite(phone.local, mutation);
  phone.outbox.push(mutation);
  world.log.push(mutation);
  return mutation;
}

/** Every response carries serverTime: the phone corrects its offset and pulls back a runaway clock. */
function learnServerTime(world: World, phone: Phone): void {
  const raw = world.now + phone.skew;
  phone.offset = clockOffset(new Date(world.now).toISOString(), raw, raw);
  phone.clock = capClock(phone.clock, deviceNow(world, phone));
}

function push(world: World, index: number, batch: number, responseLost: boolean): void {
  const phone = world.phones[index]!;
  for (const mutation of phone.outbox.slice(0, batch)) {
    if (world.applied.has(mutation.id)) continue; // the server remembers mutation ids
    world.applied.add(mutation.id);
    const stamp = world.capAtServer ? capHlc(mutation.hlc, world.now) : mutation.hlc;
    if (stamp !== mutation.hlc) world.capped += 1;
    world.server = applyWrite(world.server, { ...mutation, hlc: stamp });
  }
  if (responseLost) return;
  phone.outbox = phone.outbox.slice(batch);
  learnServerTime(world, phone);
}

function pull(world: World, index: number): void {
  const phone = world.phones[index]!;
  learnServerTime(world, phone);
  if (!world.server) return;
  if (world.capped === 0 && phone.local) {
    expect(rebase(world.server, phone.outbox)).toEqual(mergeRecords(phone.local, world.server));
    world.rebaseChecks += 1;
  }
  phone.local = rebase(world.server, phone.outbox);
  for (const clock of Object.values(world.server.clocks)) phone.clock = receive(phone.clock, clock, deviceNow(world, phone));
}

/** Quiescence: every phone pushes until its outbox is empty, then every phone pulls. */
function settle(world: World): void {
  world.phones.forEach((phone, i) => push(world, i, phone.outbox.length, false));
  world.phones.forEach((_phone, i) => pull(world, i));
}

function expectConverged(world: World): SyncedRecord {
  const server = world.server!;
  for (const phone of world.phones) expect(phone.local).toEqual(server);
  return server;
}

type Op =
  | { kind: 'write'; phone: number; fields: Record<string, unknown> }
  | { kind: 'push'; phone: number; batch: number; lost: boolean }
  | { kind: 'pull'; phone: number }
  | { kind: 'wait'; ms: number };

const opArb = (phones: number, fieldNames: readonly string[] = FIELDS): fc.Arbitrary<Op> => {
  const phone = fc.nat(phones - 1);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), phone, fields: fieldsArb(fieldNames) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('push' as const), phone, batch: fc.integer({ min: 1, max: 3 }), lost: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), phone }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 3 * DAY })) }) },
  );
};

function run(world: World, ops: readonly Op[]): void {
  for (const op of ops) {
    if (op.kind === 'write') write(world, op.phone, op.fields);
    else if (op.kind === 'push') push(world, op.phone, op.batch, op.lost);
    else if (op.kind === 'pull') pull(world, op.phone);
    else world.now += op.ms;
  }
}

describe('phones and a server', () => {
  it.each(RUNS)('[I2] phones with wrong clocks, lost responses and retries converge on the server state ($label)', ({ seed }) => {
    let writes = 0;
    let cappedRuns = 0;
    let rebaseChecks = 0;
    const skewArb = fc.constantFrom(0, 0, 2 * MINUTE, -3 * DAY, 30 * DAY);
    const scenario = fc.integer({ min: 3, max: 4 }).chain((n) =>
      fc.tuple(fc.array(skewArb, { minLength: n, maxLength: n }), fc.array(opArb(n), { maxLength: 40 })),
    );
    fc.assert(
      fc.property(scenario, ([skews, ops]) => {
        const world = newWorld(skews);
        run(world, ops);
        settle(world);
        if (world.log.length === 0) return;
        const server = expectConverged(world);
        if (world.capped === 0) expect(server).toEqual(oracle(world.log));
        else cappedRuns += 1;
        writes += world.log.length;
        rebaseChecks += world.rebaseChecks;
      }),
      { seed },
    );
    expect(writes).toBeGreaterThan(0);
    expect(cappedRuns).toBeGreaterThan(0);
    expect(rebaseChecks).toBeGreaterThan(0);
  });

  /** A phone 30 days ahead edits the title offline, then pushes; B edits the title after the cap. */
  function skewedPhoneScenario(world: World, offlineFor: number, bPullsFirst: boolean, afterCap: number): void {
    write(world, 0, { title: 'from skewed phone' });
    world.now += offlineFor;
    push(world, 0, 1, false);
    if (bPullsFirst) pull(world, 1);
    world.now += MINUTE * 5 + afterCap;
    write(world, 1, { title: 'from B' });
    settle(world);
  }

  it.each(RUNS)('[I9] a phone 30 days ahead is overtaken by later normal writes, and writes normally after one sync ($label)', ({ seed }) => {
    let overtaken = 0;
    const scenario = fc.tuple(fc.integer({ min: 0, max: 3 * DAY }), fc.boolean(), fc.integer({ min: 1, max: DAY }), fc.integer({ min: 1, max: 5000 }));
    fc.assert(
      fc.property(scenario, ([offlineFor, bPullsFirst, afterCap, pause]) => {
        const world = newWorld([30 * DAY, 0]);
        skewedPhoneScenario(world, offlineFor, bPullsFirst, afterCap);
        expect(world.capped).toBe(1);
        expect(expectConverged(world).title).toBe('from B');
        overtaken += 1;
        world.now += pause;
        write(world, 0, { title: 'skewed phone again' });
        push(world, 0, 1, false);
        expect(world.server?.title).toBe('skewed phone again');
        // Its clock came back to server time, so an edit made a minute later on a phone that has
        // not even seen this one still wins.
        world.now += MINUTE;
        write(world, 1, { title: 'B a minute later' });
        settle(world);
        expect(expectConverged(world).title).toBe('B a minute later');
      }),
      { seed },
    );
    expect(overtaken).toBeGreaterThan(0);
  });

  it('[I9] without the server cap the phone 30 days ahead would keep winning', () => {
    const world = newWorld([30 * DAY, 0], false);
    skewedPhoneScenario(world, 0, false, DAY);
    expect(expectConverged(world).title).toBe('from skewed phone');
  });

  it('[I9] a phone 3 days behind loses until it syncs, then converges and wins again', () => {
    const world = newWorld([-3 * DAY, 0]);
    write(world, 1, { title: 'from B' });
    world.now += MINUTE;
    write(world, 0, { title: 'from lagging phone' });
    settle(world);
    expect(expectConverged(world).title).toBe('from B');
    world.now += MINUTE;
    write(world, 0, { title: 'lagging phone, corrected' });
    settle(world);
    expect(expectConverged(world).title).toBe('lagging phone, corrected');
  });

  it.each(RUNS)('[I10] delete vs concurrent edits resolves the same everywhere and never resurrects ($label)', ({ seed }) => {
    let editsAfterDelete = 0;
    const editFields = FIELDS.filter((f) => f !== 'deleted');
    const skewArb = fc.constantFrom(0, 2 * MINUTE, -3 * DAY);
    const scenario = fc.tuple(
      fc.array(skewArb, { minLength: 3, maxLength: 3 }),
      fc.array(opArb(3, editFields), { maxLength: 15 }),
      fc.array(opArb(3, editFields), { maxLength: 15 }),
      fc.array(fieldsArb(editFields), { minLength: 1, maxLength: 3 }),
    );
    fc.assert(
      fc.property(scenario, ([skews, before, after, offlineEdits]) => {
        const world = newWorld(skews);
        // Phone 2 edits, then stays offline for 60 days while the others work.
        for (const fields of offlineEdits) write(world, 2, fields);
        const others = (ops: Op[]) => ops.filter((op) => !('phone' in op) || op.phone !== 2);
        run(world, others(before));
        const deletion = write(world, 0, { deleted: true });
        run(world, others(after));
        world.now += 60 * DAY;
        settle(world);
        const server = expectConverged(world);
        expect(server.deleted).toBe(true);
        expect(server).toEqual(oracle(world.log));
        editsAfterDelete += world.log.filter((m) => m.hlc > deletion.hlc).length;
      }),
      { seed },
    );
    expect(editsAfterDelete).toBeGreaterThan(0);
  });
});
