// The communes' difficulties or proposals grouped by barrier, as the Sở's compiled reports write
// them (docs/reports.md "Difficulties and proposals by barrier"): one group per barrier, the most
// communes first (ties in the barriers' own order), untagged items last under "Khác"; within a
// group, items of the same words are one item naming every commune that wrote them (the accepted
// suggestions are the same sentence everywhere), the most communes first, then in the communes'
// order. Computed on the server from each commune's latest submission (reports/compiled-report.ts).
import { BARRIERS, type Barrier } from '../schemas/assistance-log';
import type { ReportItem } from '../schemas/period-report';

export interface CommuneItems {
  communeId: string;
  communeName: string;
  items: readonly ReportItem[];
}

export interface GroupedItem {
  text: string;
  communes: { id: string; name: string }[];
}

export interface BarrierGroup {
  /** null: the items tagged with no barrier ("Khác"). */
  barrier: Barrier | null;
  /** How many communes wrote at least one item of the group. */
  communes: number;
  items: GroupedItem[];
}

/** Two items are the same when their words are, whatever the spacing and letter case. */
const sameWords = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** Groups the items of communes given in the order their names are listed. */
export function groupByBarrier(communes: readonly CommuneItems[]): BarrierGroup[] {
  type Held = GroupedItem & { first: number };
  const groups = new Map<Barrier | null, { communes: Set<string>; items: Map<string, Held> }>();
  let order = 0;
  for (const commune of communes) {
    for (const item of commune.items) {
      const group = groups.get(item.barrier) ?? { communes: new Set<string>(), items: new Map<string, Held>() };
      groups.set(item.barrier, group);
      group.communes.add(commune.communeId);
      const key = sameWords(item.text);
      const held: Held = group.items.get(key) ?? { text: item.text, communes: [], first: order++ };
      group.items.set(key, held);
      if (!held.communes.some((c) => c.id === commune.communeId)) held.communes.push({ id: commune.communeId, name: commune.communeName });
    }
  }
  const rank = (barrier: Barrier | null) => (barrier === null ? BARRIERS.length : BARRIERS.indexOf(barrier));
  return [...groups.entries()]
    .map(([barrier, group]) => ({
      barrier,
      communes: group.communes.size,
      items: [...group.items.values()].sort((a, b) => b.communes.length - a.communes.length || a.first - b.first).map(({ text, communes: named }) => ({ text, communes: named })),
    }))
    .sort((a, b) => (a.barrier === null) !== (b.barrier === null) ? (a.barrier === null ? 1 : -1) : b.communes - a.communes || rank(a.barrier) - rank(b.barrier));
}
