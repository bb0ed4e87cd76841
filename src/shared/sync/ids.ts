// Record and mutation ids (docs/sync.md §2): UUIDv7 (RFC 9562 §5.7), made on the device so a record can
// be created offline, and sortable by creation time so ids cluster well in B-tree indexes.
//
// Layout: 48-bit Unix milliseconds | version 7 (4 bits) | 12 + 62 random bits around the variant
// bits `10`. Within one millisecond the 74 random bits are treated as one number and incremented
// (RFC 9562 §6.2 method 2, "monotonic random"), so ids made by one process are strictly increasing
// even when many are made per millisecond or the clock steps back.
import { z } from 'zod';

/** Any RFC 4122/9562 UUID (versions 1–8, variant `10`) in lowercase. Nil and Max are not ids. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const uuidSchema = z.string().regex(UUID_PATTERN, 'Expected a lowercase UUID');

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

const RANDOM_BITS = 74n;
const RANDOM_LIMIT = 1n << RANDOM_BITS;
const MAX_TIMESTAMP = 2 ** 48 - 1;

export type UuidGenerator = () => string;

/**
 * A UUIDv7 generator with its own monotonic state. `now` and `randomBytes` are injectable for
 * tests; production code uses the shared `uuidv7` below.
 */
export function createUuidV7Generator(
  now: () => number = Date.now,
  randomBytes: (length: number) => Uint8Array = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
): UuidGenerator {
  let lastMillis = -1;
  let lastRandom = 0n;
  return () => {
    let millis = Math.max(Math.floor(now()), lastMillis);
    let random: bigint;
    if (millis === lastMillis) {
      random = lastRandom + 1n;
      // Only when the fresh random value started within a few steps of 2^74 (odds ~ n / 2^74).
      if (random >= RANDOM_LIMIT) {
        millis += 1;
        random = freshRandom(randomBytes);
      }
    } else {
      random = freshRandom(randomBytes);
    }
    if (!(millis >= 0 && millis <= MAX_TIMESTAMP)) throw new RangeError(`UUIDv7 time out of range: ${millis}`);
    lastMillis = millis;
    lastRandom = random;
    return format(millis, random);
  };
}

/** 74 random bits from 10 random bytes. */
function freshRandom(randomBytes: (length: number) => Uint8Array): bigint {
  let value = 0n;
  for (const byte of randomBytes(10)) value = (value << 8n) | BigInt(byte);
  return value & (RANDOM_LIMIT - 1n);
}

function format(millis: number, random: bigint): string {
  const randA = random >> 62n; // 12 bits
  const randB = random & ((1n << 62n) - 1n); // 62 bits
  const hex =
    millis.toString(16).padStart(12, '0') +
    (0x7000n | randA).toString(16).padStart(4, '0') +
    ((0b10n << 62n) | randB).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new UUIDv7, strictly greater than every earlier one from this process. */
export const uuidv7: UuidGenerator = createUuidV7Generator();

/** The creation time (Unix ms) stored in a UUIDv7. */
export function uuidV7Millis(id: string): number {
  if (!isUuid(id) || id[14] !== '7') throw new RangeError(`Not a UUIDv7: ${id}`);
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
