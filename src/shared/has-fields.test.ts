import { describe, expect, it } from 'vitest';
import { hasFields } from './has-fields';

describe('hasFields', () => {
  it('is true only for an object holding every named field, whatever their values', () => {
    expect(hasFields({ a: 1, b: undefined }, 'a', 'b')).toBe(true);
    expect(hasFields({ a: 1 }, 'a', 'b')).toBe(false);
    expect(hasFields({}, 'a')).toBe(false);
  });

  it('refuses what is not an object', () => {
    for (const value of [null, undefined, 0, 'a', true]) expect(hasFields(value, 'a')).toBe(false);
  });
});
