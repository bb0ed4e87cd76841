import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from './canonical-json';

describe('canonicalJson', () => {
  it('pins its exact output: sorted, quoted keys; undefined dropped from objects, null elsewhere', () => {
    const value = { b: [1, 'x', undefined, null, { d: true, c: 2.5 }], a: { z: undefined, y: 'Đồng ý' }, 'k"ey': -0, c: undefined };
    expect(canonicalJson(value)).toBe('{"a":{"y":"Đồng ý"},"b":[1,"x",null,null,{"c":2.5,"d":true}],"k\\"ey":0}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('a\nb')).toBe('"a\\nb"');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson(Number.NaN)).toBe('null');
  });

  it('orders keys by UTF-16 code units, not by locale (every replica agrees)', () => {
    expect(canonicalJson({ b: 1, B: 2, á: 3, a: 4, '10': 5, '9': 6 })).toBe('{"10":5,"9":6,"B":2,"a":4,"b":1,"á":3}');
  });

  it('is the same for equal values written in another key order', () => {
    expect(canonicalJson({ x: 1, y: { b: 2, a: 1 } })).toBe(canonicalJson({ y: { a: 1, b: 2 }, x: 1 }));
    expect(sameJson(undefined, null)).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
