import { describe, expect, it } from 'vitest';
import { seedRecord, SEED_HLC } from './seed-record';
import { seedServices, seedTemplateRecords } from './index';
import { serviceRecordSchema } from '../schemas/service';
import { checklistTemplateRecordSchema } from '../schemas/checklist-template';
import { applyWrite } from '../sync/merge';
import { hlcSchema } from '../sync/hlc';

describe('seed records', () => {
  it('turn every seeded service and template into a valid record', () => {
    for (const service of seedServices()) {
      const { clocks: _clocks, ...record } = seedRecord(service);
      expect(serviceRecordSchema.safeParse(record).success).toBe(true);
    }
    for (const seeded of [...seedTemplateRecords('quang-ngai'), ...seedTemplateRecords('nghe-an')]) {
      const { clocks: _clocks, ...record } = seeded;
      expect(checklistTemplateRecordSchema.safeParse(record).success).toBe(true);
    }
  });

  it('lose to any real write', () => {
    const seeded = seedRecord(seedServices()[0]!);
    expect(Object.values(seeded.clocks).every((clock) => clock === SEED_HLC)).toBe(true);
    const updated = applyWrite(seeded, { recordId: seeded.id, hlc: hlcSchema.parse('2026-01-01T00:00:00.000Z-0000-00000000000000aa'), fields: { active: false } });
    expect(updated.active).toBe(false);
  });
});
