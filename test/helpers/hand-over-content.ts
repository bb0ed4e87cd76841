// A hand-over's content as a sender's phone builds it: `count` realistic assistance logs (the sync
// benches' generator, 350–700 bytes each, some naming a consenting citizen) as unsent outbox entries
// of one member, with their own mutation ids and clocks. For the QR tests and the hand-over bench.
import type { HandOverContent } from '../../src/shared/handover/bundle';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { realisticLog } from '../bench/realistic-logs';
import { mulberry32 } from './seeded-random';

export function handOverContent(count: number, communeId: string, seed: number): HandOverContent {
  const rng = mulberry32(seed);
  const author = { id: uuidv7(), displayName: 'Nguyễn Thị Hoa' };
  const now = Date.parse('2026-12-03T03:00:00.000Z');
  const entries = Array.from({ length: count }, (_, i) => {
    const fields = realisticLog(rng, { id: author.id, communeId }, now);
    return {
      id: uuidv7(),
      table: 'assistanceLogs' as const,
      recordId: uuidv7(),
      hlc: formatHlc({ millis: now + i, counter: 0, node: '8f3a9c4d5e6f7a8b' }),
      createdAt: new Date(now + i).toISOString(),
      fields: { ...fields, updatedAt: fields.createdAt },
    };
  });
  return { format: 1, communeId, author, createdAt: new Date(now).toISOString(), entries };
}
