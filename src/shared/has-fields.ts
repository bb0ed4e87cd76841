// What the phone reads back from its own storage (a setting, a key record) is `unknown` to the
// type checker: an older version, or a half-written row, may have left anything there. Guards
// check each field they rely on; this one says which fields are there at all, so the checks that
// follow read them without casting the value to the shape it is still being checked for.

/** True when `value` is an object (not null) that has each of `names` (its value still unknown). */
export function hasFields<K extends string>(value: unknown, ...names: readonly K[]): value is Readonly<Record<K, unknown>> {
  return typeof value === 'object' && value !== null && names.every((name) => name in value);
}
