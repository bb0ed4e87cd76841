// One JSON text per JSON value, whatever the order its object keys were written in: the client
// uses it to tell whether an edit really changes a field, the server to tell whether a push
// changed a stored record, and the merge to break a tie between two values under one clock.
// Every replica must produce the same text, so this is the only implementation.

/**
 * JSON with object keys sorted by UTF-16 code units and quoted as JSON.stringify quotes them.
 * `undefined` is "not set": dropped from objects, `null` in arrays and at the top (so an absent
 * field and a cleared one compare equal). Numbers, strings, booleans and null are JSON.stringify's.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** True when two values are the same JSON (absent and null count as the same). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
