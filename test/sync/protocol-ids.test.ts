// PROTOCOL.md §10 lists the invariants (I…), auth and scope rules (A…), validation rules (V…), reports (R…) and the audit log (AU…)
// with the tests that prove them; a test proves one by carrying its id in its name ("[I4] …").
// This keeps the table and the suite honest both ways: every id of the table is in the name of a
// test that runs (not skipped, not a todo), and no test names an id the table does not define.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROTOCOL = path.join(ROOT, 'src/shared/sync/PROTOCOL.md');

/** Ids defined by the rows of PROTOCOL.md's tables: `| I4 | … |`. */
export function protocolIds(markdown: string): string[] {
  return [...markdown.matchAll(/^\| ((?:AU|[IAVR])\d+) \|/gm)].map((match) => match[1]!);
}

/**
 * The names of the tests and suites in a test file: the string given to it/test/describe, also
 * after `.each(…)` and modifiers; skipped and todo tests do not count.
 */
export function testNames(source: string): string[] {
  const call = /\b(?:it|test|describe)((?:\.(?:each|only|skip|todo|concurrent|sequential|fails|skipIf|runIf))*)\s*(?:\((?:[^()]|\([^()]*\))*\)\s*)?\(\s*(['"`])((?:\\.|(?!\2)[^\\])*)\2/g;
  return [...source.matchAll(call)].filter((match) => !/\.(?:skip|todo)\b/.test(match[1]!)).map((match) => match[3]!);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return /\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('PROTOCOL.md invariant ids and test names', () => {
  const ids = protocolIds(readFileSync(PROTOCOL, 'utf8'));
  const names = [...testFiles(path.join(ROOT, 'src')), ...testFiles(path.join(ROOT, 'test'))].flatMap((file) => testNames(readFileSync(file, 'utf8')));
  const named = new Set(names.flatMap((name) => [...name.matchAll(/\[((?:AU|[IAVR])\d+)\]/g)].map((match) => match[1]!)));

  it('reads the tables and the test names (the matchers work)', () => {
    expect(ids).toEqual(expect.arrayContaining(['I1', 'I15', 'A0', 'A15', 'V1', 'V6', 'R1', 'R7']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(testNames("it.each([1, 2])('[I2] seed %i', run); it.skip('[I3] not yet', x); describe(\n  `[A1] login`, () => {})")).toEqual(['[I2] seed %i', '[A1] login']);
  });

  it('every id of the table appears in the name of a test that runs', () => {
    expect(ids.filter((id) => !named.has(id))).toEqual([]);
  });

  it('no test names an I/A/V/R/AU id the table does not define', () => {
    expect([...named].filter((id) => !ids.includes(id)).sort()).toEqual([]);
  });
});
