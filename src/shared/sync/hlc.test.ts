import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HlcRangeError,
  InvalidHlcError,
  MAX_CLOCK_DRIFT_MS,
  MAX_HLC_MILLIS,
  MIN_HLC_MILLIS,
  capClock,
  capHlc,
  clockOffset,
  compareHlc,
  formatHlc,
  hlcSchema,
  initialClock,
  isHlc,
  newNodeId,
  parseHlc,
  receive,
  tick,
  type HlcState,
} from './hlc';
import { A, B, RUNS, hlc } from '../../../test/helpers/merge-fixtures';

const at = (iso: string, counter: number, node: string): HlcState => ({ millis: Date.parse(iso), counter, node });
const T = Date.parse('2026-07-01T08:30:00.000Z');

describe('HLC wire format', () => {
  it.each([
    // text                                                   valid
    ['2026-07-01T08:30:00.000Z-0000-0123456789abcdef', true],
    ['0000-01-01T00:00:00.000Z-ffff-ffffffffffffffff', true],
    ['9999-12-31T23:59:59.999Z-0000-0000000000000000', true],
    ['2026-07-01T08:30:00.000Z-0000-0123456789ABCDEF', false], // uppercase node breaks string order
    ['2026-07-01T08:30:00.000Z-00A0-0123456789abcdef', false], // uppercase counter
    ['2026-07-01T08:30:00.000Z-000-0123456789abcdef', false], // 3-digit counter
    ['2026-07-01T08:30:00.000Z-0000-0123456789abcde', false], // 15-digit node
    ['2026-07-01T08:30:00Z-0000-0123456789abcdef', false], // no milliseconds
    ['2026-07-01T08:30:00.000+07:00-0000-0123456789abcdef', false], // not UTC
    ['2026-02-30T08:30:00.000Z-0000-0123456789abcdef', false], // impossible date
    ['+010000-01-01T00:00:00.000Z-0000-0123456789abcdef', false], // five-digit year
    [' 2026-07-01T08:30:00.000Z-0000-0123456789abcdef', false], // padding
    ['', false],
  ])('isHlc(%j) is %s', (text, valid) => {
    expect(isHlc(text)).toBe(valid);
    expect(hlcSchema.safeParse(text).success).toBe(valid);
    if (!valid) expect(() => parseHlc(text)).toThrow(InvalidHlcError);
  });

  it('isHlc rejects non-strings', () => {
    expect(isHlc(42)).toBe(false);
    expect(isHlc(null)).toBe(false);
  });

  it('formats the example from docs/sync.md', () => {
    expect(formatHlc(at('2026-07-01T08:30:00.000Z', 0x123, '0123456789abcdef'))).toBe(
      '2026-07-01T08:30:00.000Z-0123-0123456789abcdef',
    );
  });

  it.each([
    // state                                                              error
    [{ millis: MAX_HLC_MILLIS + 1, counter: 0, node: A }, HlcRangeError],
    [{ millis: MIN_HLC_MILLIS - 1, counter: 0, node: A }, HlcRangeError],
    [{ millis: 1.5, counter: 0, node: A }, HlcRangeError],
    [{ millis: T, counter: 0x10000, node: A }, InvalidHlcError],
    [{ millis: T, counter: -1, node: A }, InvalidHlcError],
    [{ millis: T, counter: 0, node: 'AAAAAAAAAAAAAAAA' }, InvalidHlcError],
    [{ millis: T, counter: 0, node: 'aaaa' }, InvalidHlcError],
  ])('formatHlc(%j) throws %o', (state, error) => {
    expect(() => formatHlc(state)).toThrow(error);
  });

  it('newNodeId gives 16 lowercase hex digits, different each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, newNodeId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('tick (local write)', () => {
  it.each([
    // local state                                       physical now                          expected hlc
    [at('2026-07-01T08:30:00.000Z', 5, A), Date.parse('2026-07-01T08:30:00.001Z'), '2026-07-01T08:30:00.001Z-0000-aaaaaaaaaaaaaaaa'],
    [at('2026-07-01T08:30:00.000Z', 5, A), Date.parse('2026-07-01T08:30:00.000Z'), '2026-07-01T08:30:00.000Z-0006-aaaaaaaaaaaaaaaa'],
    [at('2026-07-01T08:30:00.000Z', 5, A), Date.parse('2026-06-01T00:00:00.000Z'), '2026-07-01T08:30:00.000Z-0006-aaaaaaaaaaaaaaaa'],
    [at('2026-07-01T08:30:00.000Z', 0xffff, A), Date.parse('2026-07-01T08:30:00.000Z'), '2026-07-01T08:30:00.001Z-0000-aaaaaaaaaaaaaaaa'],
    [initialClock(A), Date.parse('2026-07-01T08:30:00.000Z') + 0.9, '2026-07-01T08:30:00.000Z-0000-aaaaaaaaaaaaaaaa'],
  ])('%j at %d stamps %s', (state, now, expected) => {
    const { state: next, hlc: stamped } = tick(state, now);
    expect(stamped).toBe(expected);
    expect(next).toEqual(parseHlc(expected));
  });

  it('throws HlcRangeError past year 9999 and on a non-finite physical time', () => {
    expect(() => tick({ millis: MAX_HLC_MILLIS, counter: 0xffff, node: A }, 0)).toThrow(HlcRangeError);
    expect(() => tick(initialClock(A), Number.NaN)).toThrow(HlcRangeError);
  });
});

describe('receive (remote clock)', () => {
  it.each([
    // local state                          remote hlc                                                physical now                           expected state
    [at('2026-07-01T08:30:00.000Z', 5, A), '2026-07-01T08:30:00.000Z-0009-bbbbbbbbbbbbbbbb', Date.parse('2026-07-01T08:29:00.000Z'), at('2026-07-01T08:30:00.000Z', 10, A)],
    [at('2026-07-01T08:30:00.000Z', 9, A), '2026-07-01T08:30:00.000Z-0005-bbbbbbbbbbbbbbbb', Date.parse('2026-07-01T08:29:00.000Z'), at('2026-07-01T08:30:00.000Z', 10, A)],
    [at('2026-07-01T08:30:00.000Z', 5, A), '2026-07-01T08:31:00.000Z-0003-bbbbbbbbbbbbbbbb', Date.parse('2026-07-01T08:29:00.000Z'), at('2026-07-01T08:31:00.000Z', 4, A)],
    [at('2026-07-01T08:31:00.000Z', 5, A), '2026-07-01T08:30:00.000Z-0003-bbbbbbbbbbbbbbbb', Date.parse('2026-07-01T08:29:00.000Z'), at('2026-07-01T08:31:00.000Z', 6, A)],
    [at('2026-07-01T08:30:00.000Z', 5, A), '2026-07-01T08:30:00.000Z-0003-bbbbbbbbbbbbbbbb', Date.parse('2026-07-01T08:32:00.000Z'), at('2026-07-01T08:32:00.000Z', 0, A)],
    [at('2026-07-01T08:30:00.000Z', 5, A), '2026-07-01T08:30:00.000Z-ffff-bbbbbbbbbbbbbbbb', Date.parse('2026-07-01T08:29:00.000Z'), at('2026-07-01T08:30:00.001Z', 0, A)],
    [at('2026-07-01T08:30:00.000Z', 5, A), '2026-07-01T08:30:00.000Z-0005-aaaaaaaaaaaaaaaa', Date.parse('2026-07-01T08:29:00.000Z'), at('2026-07-01T08:30:00.000Z', 6, A)],
  ])('%j receiving %s at %d becomes %j', (state, remote, now, expected) => {
    expect(receive(state, hlc(remote), now)).toEqual(expected);
  });
});

describe('clock skew', () => {
  it('MAX_CLOCK_DRIFT_MS is five minutes', () => {
    expect(MAX_CLOCK_DRIFT_MS).toBe(300_000);
  });

  it.each([
    // client hlc                                                    server now                                 expected
    ['2026-07-31T08:30:00.000Z-0007-aaaaaaaaaaaaaaaa', '2026-07-01T08:30:00.000Z', '2026-07-01T08:35:00.000Z-0007-aaaaaaaaaaaaaaaa'],
    ['2026-07-01T08:35:00.000Z-0007-aaaaaaaaaaaaaaaa', '2026-07-01T08:30:00.000Z', '2026-07-01T08:35:00.000Z-0007-aaaaaaaaaaaaaaaa'],
    ['2026-07-01T08:35:00.001Z-0007-aaaaaaaaaaaaaaaa', '2026-07-01T08:30:00.000Z', '2026-07-01T08:35:00.000Z-0007-aaaaaaaaaaaaaaaa'],
    ['2026-06-28T08:30:00.000Z-0007-aaaaaaaaaaaaaaaa', '2026-07-01T08:30:00.000Z', '2026-06-28T08:30:00.000Z-0007-aaaaaaaaaaaaaaaa'],
  ])('[I9] capHlc(%s) at server time %s gives %s', (client, serverNow, expected) => {
    expect(capHlc(hlc(client), Date.parse(serverNow))).toBe(expected);
  });

  it('[I9] capHlc honours a custom margin', () => {
    expect(capHlc(hlc('2026-07-01T08:30:01.000Z-0000-aaaaaaaaaaaaaaaa'), T, 0)).toBe(
      '2026-07-01T08:30:00.000Z-0000-aaaaaaaaaaaaaaaa',
    );
  });

  it.each([
    // state                                   now  expected
    [at('2026-07-31T08:30:00.000Z', 3, A), T, at('2026-07-01T08:35:00.000Z', 3, A)],
    [at('2026-07-01T08:31:00.000Z', 3, A), T, at('2026-07-01T08:31:00.000Z', 3, A)],
  ])('[I9] capClock(%j, %d) gives %j', (state, now, expected) => {
    expect(capClock(state, now)).toEqual(expected);
  });

  it.each([
    // server time                 request sent  response at  expected offset
    ['2026-07-01T08:30:00.000Z', T - 1000, T + 1000, 0],
    ['2026-07-01T08:30:00.000Z', T + 30 * 86_400_000 - 200, T + 30 * 86_400_000 + 200, -30 * 86_400_000],
    ['2026-07-01T08:30:00.000Z', T - 3 * 86_400_000 - 500, T - 3 * 86_400_000 + 100, 3 * 86_400_000 + 200],
    ['2026-07-01T08:30:00.000Z', T + 5000, T, 0], // device clock stepped back mid-request
  ])('clockOffset(%s, %d, %d) is %d', (serverTime, sent, received, expected) => {
    expect(clockOffset(serverTime, sent, received)).toBe(expected);
  });

  it('clockOffset rejects a serverTime that is not a date', () => {
    expect(() => clockOffset('soon', T, T)).toThrow(InvalidHlcError);
  });
});

const nodeArb = fc.constantFrom(A, B, '0123456789abcdef', 'ffffffffffffffff', '0000000000000000');
const counterArb = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0xfffd, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }));
const millisArb = fc.oneof(
  fc.integer({ min: T - 3, max: T + 3 }),
  fc.integer({ min: MIN_HLC_MILLIS, max: MAX_HLC_MILLIS }),
  fc.constantFrom(MIN_HLC_MILLIS, 0, MAX_HLC_MILLIS - 1, MAX_HLC_MILLIS),
);
const stateArb: fc.Arbitrary<HlcState> = fc.record({ millis: millisArb, counter: counterArb, node: nodeArb });

function numericOrder(a: HlcState, b: HlcState): number {
  return Math.sign(a.millis - b.millis || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

describe('HLC properties', () => {
  it.each(RUNS)('[I1] string order equals clock order and parse inverts format ($label)', ({ seed }) => {
    let sameMillisPairs = 0;
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        if (a.millis === b.millis) sameMillisPairs += 1;
        expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(numericOrder(a, b));
        expect(parseHlc(formatHlc(a))).toEqual(a);
      }),
      { seed, numRuns: 500 },
    );
    expect(sameMillisPairs).toBeGreaterThan(0);
  });

  type Event = { kind: 'tick'; now: number } | { kind: 'receive'; now: number; remote: HlcState };
  const nearT = fc.integer({ min: T - 5, max: T + 5 });
  const eventArb: fc.Arbitrary<Event> = fc.oneof(
    fc.record({ kind: fc.constant('tick' as const), now: nearT }),
    fc.record({
      kind: fc.constant('receive' as const),
      now: nearT,
      remote: fc.record({ millis: fc.integer({ min: T - 5, max: T + 8 }), counter: counterArb, node: nodeArb }),
    }),
  );

  it.each(RUNS)('[I1] tick and receive are strictly monotonic and pass every clock they see ($label)', ({ seed }) => {
    let ticks = 0;
    let receives = 0;
    fc.assert(
      fc.property(fc.constantFrom(A, B), fc.array(eventArb, { minLength: 1, maxLength: 60 }), (node, events) => {
        let state = initialClock(node);
        let previous = formatHlc(state);
        for (const event of events) {
          if (event.kind === 'tick') {
            const result = tick(state, event.now);
            expect(result.hlc).toBe(formatHlc(result.state));
            expect(result.state.millis).toBeGreaterThanOrEqual(event.now);
            state = result.state;
            ticks += 1;
          } else {
            const remote = formatHlc(event.remote);
            state = receive(state, remote, event.now);
            // Strictly after the remote clock on (millis, counter) alone, whichever node is greater.
            expect(formatHlc({ ...state, node: '0000000000000000' }) > formatHlc({ ...event.remote, node: 'ffffffffffffffff' })).toBe(true);
            expect(state.millis).toBeGreaterThanOrEqual(event.now);
            receives += 1;
          }
          const current = formatHlc(state);
          expect(current > previous).toBe(true);
          expect(state.node).toBe(node);
          previous = current;
        }
      }),
      { seed, numRuns: 300 },
    );
    expect(ticks).toBeGreaterThan(0);
    expect(receives).toBeGreaterThan(0);
  });

  it.each(RUNS)('[I9] capHlc never moves a clock past server time + margin and keeps counter and node ($label)', ({ seed }) => {
    let capped = 0;
    fc.assert(
      fc.property(
        fc.record({ millis: fc.integer({ min: T - 86_400_000, max: T + 40 * 86_400_000 }), counter: counterArb, node: nodeArb }),
        fc.integer({ min: 0, max: 600_000 }),
        (state, margin) => {
          const original = formatHlc(state);
          const result = parseHlc(capHlc(original, T, margin));
          expect(result.millis).toBe(Math.min(state.millis, T + margin));
          expect([result.counter, result.node]).toEqual([state.counter, state.node]);
          if (result.millis !== state.millis) capped += 1;
        },
      ),
      { seed },
    );
    expect(capped).toBeGreaterThan(0);
  });
});
