// A small world: a server and phones with their own clocks (some wrong by days), each with an
// outbox; pushes can lose their response (outcome unknown, retried with the same mutation ids).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capClock, capHlc, clockOffset, initialClock, receive, tick, type HlcState } from './hlc';
import { applyWrite, mergeRecords, rebase, type FieldWrite, type SyncedRecord } from './merge';
import { A, B, C, DAY, FIELDS, MINUTE, RUNS, T, fieldsArb, oracle } from '../../../test/helpers/merge-fixtures';

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
