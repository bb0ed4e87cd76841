import { describe, expect, it } from 'vitest';
import { db } from './db';
import { CLEAR_AT_REST, openFields, SEALED_FIELDS, sealedFieldsOf, sealFields } from './sealed-records';
import { isSealed } from './vault/crypto';
import { FIELD_CLASSES } from '../../shared/schemas/classification';
import { SYNC_TABLES } from '../../shared/schemas/tables';

const topLevel = (path: string): string => path.split(/[.[]/)[0]!;

describe('sealed fields at rest', () => {
  it('seals every personal or sensitive field of the data inventory, or says why it stays clear', () => {
    const unexplained: string[] = [];
    for (const table of SYNC_TABLES) {
      for (const [path, field] of Object.entries(FIELD_CLASSES[table])) {
        if (field.category === 'none') continue;
        const name = topLevel(path);
        const explained = sealedFieldsOf(table).includes(name) || name in CLEAR_AT_REST || `${table}.*` in CLEAR_AT_REST || `${table}.${name}` in CLEAR_AT_REST;
        if (!explained) unexplained.push(`${table}.${path}`);
      }
    }
    expect(unexplained).toEqual([]);
  });

  it('names only fields of the inventory, and none an index would expose', () => {
    for (const [table, names] of Object.entries(SEALED_FIELDS)) {
      const known = new Set(Object.keys(FIELD_CLASSES[table as keyof typeof FIELD_CLASSES]).map(topLevel));
      const indexed = db.table(table).schema.indexes.flatMap((index) => (Array.isArray(index.keyPath) ? index.keyPath : [index.keyPath]));
      for (const name of names ?? []) {
        expect(known.has(name), `${table}.${name}`).toBe(true);
        expect(indexed, `${table}.${name}`).not.toContain(name);
      }
    }
  });

  it('binds each sealed value to its table, record and field', async () => {
    const key = (await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']));
    const sealed = await sealFields('assistanceLogs', 'a', { note: 'ghi chú', outcome: 'done', citizen: null }, key);
    expect(isSealed(sealed.note)).toBe(true);
    expect(sealed).toMatchObject({ outcome: 'done', citizen: null });
    expect(await openFields('assistanceLogs', 'a', sealed, key)).toEqual({ note: 'ghi chú', outcome: 'done', citizen: null });
    // Moved to another record: refused.
    await expect(openFields('assistanceLogs', 'b', sealed, key)).rejects.toThrow();
  });
});
