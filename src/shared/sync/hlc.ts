// Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014), in the shape Actual
// Budget uses (packages/crdt/src/crdt/timestamp.ts): wall-clock milliseconds, a 16-bit counter and
// a 64-bit node id. Pure: callers pass the physical time in, nothing here reads a clock.
//
// Wire format (fixed by docs/sync.md §2): `2026-07-01T08:30:00.000Z-0000-0123456789abcdef`
//   UTC ISO-8601 with milliseconds, `-`, 4 lowercase hex digits of counter, `-`, 16 lowercase hex
//   digits of node id. Every part is fixed width, so comparing two HLC strings with `<` gives the
//   same answer as comparing (millis, counter, node) numerically. That only holds while the ISO
//   year has exactly four digits, hence the 0000–9999 range guard.
import { z } from 'zod';

/** The parts of an HLC; also the state a device keeps between writes. */
export type HlcState = Readonly<{ millis: number; counter: number; node: string }>;

/** Earliest / latest instant whose ISO string has a four-digit year (`0000-…` … `9999-…`). */
export const MIN_HLC_MILLIS = Date.parse('0000-01-01T00:00:00.000Z');
export const MAX_HLC_MILLIS = Date.parse('9999-12-31T23:59:59.999Z');
export const MAX_HLC_COUNTER = 0xffff;

/**
 * How far a client clock may lead the server's before the server rewrites it (docs/sync.md §2).
 * 5 minutes: far above real NTP error plus a slow 2G round trip (seconds), so honest devices are
 * never capped, yet a device whose clock is days ahead can only beat edits made within 5 minutes
 * after its own. Same value as Actual Budget's `maxDrift`.
 */
export const MAX_CLOCK_DRIFT_MS = 5 * 60_000;

const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;
const NODE_PATTERN = /^[0-9a-f]{16}$/;

/** A string, an HLC, or clock state that breaks the format's rules. */
export class InvalidHlcError extends Error {
  override readonly name = 'InvalidHlcError';
}

/** The clock would leave the years 0000–9999, where string order stops being clock order. */
export class HlcRangeError extends Error {
  override readonly name = 'HlcRangeError';
}

function wellFormedParts(text: string): HlcState | undefined {
  // A pushed HLC is checked three times on its way (protocol schema, merge, cap): remember the last.
  if (text === lastWellFormed.text) return { ...lastWellFormed.parts };
  const parts = readParts(text);
  if (parts) lastWellFormed = { text, parts: { ...parts } };
  return parts;
}
let lastWellFormed: { text: string; parts: HlcState } = { text: '', parts: { millis: 0, counter: 0, node: '' } };

function readParts(text: string): HlcState | undefined {
  const match = HLC_PATTERN.exec(text);
  if (!match) return undefined;
  const [, iso = '', counterHex = '', node = ''] = match;
  const millis = Date.parse(iso);
  // Round-trip check rejects impossible dates such as 2026-02-30 that Date.parse would roll over.
  if (Number.isNaN(millis) || new Date(millis).toISOString() !== iso) return undefined;
  return { millis, counter: Number.parseInt(counterHex, 16), node };
}

export const hlcSchema = z
  .string()
  .refine((text) => wellFormedParts(text) !== undefined, {
    message: 'Expected an HLC like 2026-07-01T08:30:00.000Z-0000-0123456789abcdef',
  })
  .brand<'Hlc'>();

/** An HLC string in the wire format; branded so only parsed or formatted values carry the type. */
export type Hlc = z.output<typeof hlcSchema>;

export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && wellFormedParts(value) !== undefined;
}

export function parseHlc(text: string): HlcState {
  const parts = wellFormedParts(text);
  if (!parts) throw new InvalidHlcError(`Not an HLC: ${JSON.stringify(text)}`);
  return parts;
}

export function formatHlc({ millis, counter, node }: HlcState): Hlc {
  checkState({ millis, counter, node });
  const counterHex = counter.toString(16).padStart(4, '0');
  return `${new Date(millis).toISOString()}-${counterHex}-${node}` as Hlc;
}

function checkState({ millis, counter, node }: HlcState): void {
  if (!Number.isSafeInteger(millis) || millis < MIN_HLC_MILLIS || millis > MAX_HLC_MILLIS) {
    throw new HlcRangeError(`HLC time out of range 0000–9999: ${millis}`);
  }
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_HLC_COUNTER) {
    throw new InvalidHlcError(`HLC counter out of range 0–0xffff: ${counter}`);
  }
  if (!NODE_PATTERN.test(node)) throw new InvalidHlcError(`HLC node must be 16 lowercase hex digits: ${node}`);
}

/** A random 64-bit device id as 16 lowercase hex digits. */
export function newNodeId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A fresh clock for a device that has never written; the first tick takes the physical time. */
export function initialClock(node: string): HlcState {
  const state = { millis: 0, counter: 0, node };
  checkState(state);
  return state;
}

/** Negative on a < b, 0 when equal, positive on a > b; the same as comparing the clocks. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function physical(physicalNow: number): number {
  if (!Number.isFinite(physicalNow)) throw new HlcRangeError(`Physical time is not finite: ${physicalNow}`);
  return Math.floor(physicalNow);
}

/**
 * Counter overflow (more than 65,536 events in one millisecond, or a remote clock already at
 * 0xffff) moves the clock one millisecond ahead with counter 0 instead of throwing. Why: a throw
 * would fail a user's local save, and on receive a single peer (or hostile client) sending counter
 * 0xffff could stop sync for everyone. Borrowing a millisecond keeps the clock strictly monotonic
 * and string order equal to clock order; HLC already lets the logical time lead the physical one,
 * and the lead this adds is 1 ms per 65,536 events.
 */
function settle(millis: number, counter: number, node: string): HlcState {
  const state = counter > MAX_HLC_COUNTER ? { millis: millis + 1, counter: 0, node } : { millis, counter, node };
  checkState(state);
  return state;
}

/** A local write ("send"): returns the advanced state and the HLC to stamp the write with. */
export function tick(state: HlcState, physicalNow: number): { state: HlcState; hlc: Hlc } {
  const now = physical(physicalNow);
  const next =
    now > state.millis ? settle(now, 0, state.node) : settle(state.millis, state.counter + 1, state.node);
  return { state: next, hlc: formatHlc(next) };
}

/** A clock seen from elsewhere ("recv"): the state moves past both itself and the remote clock. */
export function receive(state: HlcState, remoteHlc: Hlc, physicalNow: number): HlcState {
  const remote = parseHlc(remoteHlc);
  const millis = Math.max(state.millis, remote.millis, physical(physicalNow));
  let counter = 0;
  if (millis === state.millis && millis === remote.millis) counter = Math.max(state.counter, remote.counter) + 1;
  else if (millis === state.millis) counter = state.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  return settle(millis, counter, state.node);
}

/**
 * Server side of docs/sync.md §2: an HLC more than `marginMs` ahead of the server clock is rewritten to
 * `serverNow + marginMs`, keeping counter and node (so two capped writes still differ and order by
 * counter, then node). A bad clock then wins at most the edits made within the margin.
 */
export function capHlc(hlc: Hlc, serverNowMillis: number, marginMs: number = MAX_CLOCK_DRIFT_MS): Hlc {
  const parts = parseHlc(hlc);
  const limit = physical(serverNowMillis) + marginMs;
  return parts.millis > limit ? formatHlc({ ...parts, millis: limit }) : hlc;
}

/**
 * Client side of the same rule, for the clock state a device keeps: after a round with the server,
 * a state that a wrong phone clock pushed far ahead comes back to `now + marginMs` (now = corrected
 * time). Otherwise max() in tick would keep stamping every later write with the bad time forever.
 * This deliberately steps the local clock back; it only affects clocks the server caps anyway.
 * The limit is now + margin, not now: every clock the server hands out is at most that, so a write
 * made after seeing any server record still gets a greater clock (causality is kept).
 */
export function capClock(state: HlcState, nowMillis: number, marginMs: number = MAX_CLOCK_DRIFT_MS): HlcState {
  const limit = physical(nowMillis) + marginMs;
  return state.millis > limit ? settle(limit, state.counter, state.node) : state;
}

/**
 * Milliseconds to add to the device clock to get server time, from one request: the server read
 * its clock somewhere between send and receipt, so assume the midpoint (NTP's estimate; the error
 * is at most half the round trip). Use `Date.now() + offset` as the physical time for tick/receive.
 */
export function clockOffset(serverTimeIso: string, requestSentAt: number, responseAt: number): number {
  const serverMillis = Date.parse(serverTimeIso);
  if (Number.isNaN(serverMillis)) throw new InvalidHlcError(`serverTime is not a date: ${JSON.stringify(serverTimeIso)}`);
  if (!Number.isFinite(requestSentAt) || !Number.isFinite(responseAt)) {
    throw new HlcRangeError('Request times must be finite numbers');
  }
  // A device clock that jumped backwards mid-request gives no round trip to halve.
  const midpoint = responseAt >= requestSentAt ? (requestSentAt + responseAt) / 2 : responseAt;
  return Math.round(serverMillis - midpoint);
}
