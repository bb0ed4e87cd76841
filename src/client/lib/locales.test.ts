// Vietnamese is the source of truth: English must have exactly the same keys in every namespace,
// and no value may be empty.
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };
const vi = import.meta.glob<Tree>('../../../locales/vi/*.json', { eager: true, import: 'default' });
const en = import.meta.glob<Tree>('../../../locales/en/*.json', { eager: true, import: 'default' });

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}
function values(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : values(value)));
}

describe('locales', () => {
  it('has the same namespaces in vi and en', () => {
    const names = (files: Record<string, unknown>) => Object.keys(files).map((path) => path.split('/').pop()).sort();
    expect(names(en)).toEqual(names(vi));
    expect(Object.keys(vi).length).toBeGreaterThan(0);
  });

  it.each(Object.keys(vi))('%s has the same keys in English and no empty strings', (path) => {
    const viTree = vi[path];
    const enTree = en[path.replace('/vi/', '/en/')];
    expect(enTree).toBeDefined();
    expect(keys(enTree!).sort()).toEqual(keys(viTree!).sort());
    for (const value of [...values(viTree!), ...values(enTree!)]) expect(value.trim()).not.toBe('');
  });

  it('stores Vietnamese text in Unicode NFC', () => {
    for (const tree of Object.values(vi)) for (const value of values(tree)) expect(value).toBe(value.normalize('NFC'));
  });
});
