// A synced field cannot slip in unclassified (test/unit/data-inventory.test.ts checks the generated file).
import { describe, expect, it } from 'vitest';
import { FIELD_CLASSES } from './classification';
import { leafPaths, phoneReaders, recordFieldPaths } from './inventory';
import { citizenSchema } from './assistance-log';
import { SYNC_TABLES } from './tables';

describe('field classification', () => {
  it('classifies every field of every synced record', () => {
    const missing = SYNC_TABLES.flatMap((table) => recordFieldPaths(table).filter((path) => !FIELD_CLASSES[table][path]).map((path) => `${table}.${path}`));
    expect(missing, 'add these fields to src/shared/schemas/classification.ts, then run npm run data-inventory').toEqual([]);
  });

  it('classifies no field the schemas do not have', () => {
    const stale = SYNC_TABLES.flatMap((table) => {
      const paths = new Set(recordFieldPaths(table));
      return Object.keys(FIELD_CLASSES[table]).filter((path) => !paths.has(path)).map((path) => `${table}.${path}`);
    });
    expect(stale).toEqual([]);
  });

  it('keeps every field of the citizen sub-object personal, under consent and the citizen-details retention', () => {
    const paths = leafPaths(citizenSchema, 'citizen');
    expect(paths).toContain('citizen.phone');
    for (const path of paths) expect(FIELD_CLASSES.assistanceLogs[path]).toMatchObject({ category: 'personal', basis: 'consent', retention: 'citizenDetails' });
  });

  it('collects no sensitive data per person (Decree 356 Art. 4)', () => {
    const sensitive = SYNC_TABLES.flatMap((table) => Object.entries(FIELD_CLASSES[table]).filter(([, c]) => c.category === 'sensitive'));
    expect(sensitive).toEqual([]);
  });

  it("says which phones receive a field from the read rules (sync/redaction.ts)", () => {
    expect(phoneReaders('assistanceLogs', 'citizen.name')).toEqual(['member', 'leader']);
    expect(phoneReaders('assistanceLogs', 'outcome')).toEqual(['member', 'leader', 'reviewer']);
    expect(phoneReaders('services', 'name.vi')).toEqual(['member', 'leader', 'reviewer', 'admin']);
  });
});
