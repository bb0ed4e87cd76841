// The communes' difficulties and proposals grouped by barrier (docs/reports.md "Difficulties and
// proposals by barrier"), on hand-built submissions: old text-only ones and new items, ties, "Khác".
import { describe, expect, it } from 'vitest';
import { groupByBarrier, type CommuneItems } from './barrier-groups';
import { itemsOf, itemsPatch, sectionItems, textOfItems } from './report-items';
import { periodReportPatchSchema, type ReportItem } from '../schemas/period-report';

const commune = (id: string, record: Record<string, unknown>): CommuneItems => ({ communeId: id, communeName: `Xã ${id.toUpperCase()}`, items: itemsOf(record, 'difficulties') });
const tagged = (items: ReportItem[]) => itemsPatch('difficulties', items);

describe('a section read from a record (old text, new items)', () => {
  it('reads an old text-only report as one untagged item, and nothing as none', () => {
    expect(sectionItems('Mạng yếu.\nThiếu máy in.', undefined)).toEqual([{ text: 'Mạng yếu.\nThiếu máy in.', barrier: null }]);
    expect(sectionItems(null, undefined)).toEqual([]);
    expect(sectionItems('  ', undefined)).toEqual([]);
    expect(sectionItems('', [])).toEqual([]);
  });

  it('reads the items while the text is still their lines', () => {
    const patch = tagged([{ text: 'Nhiều thôn chưa có sóng', barrier: 'weak_network' }, { text: 'Thiếu máy in', barrier: null }]);
    expect(patch.difficulties).toBe('Nhiều thôn chưa có sóng\nThiếu máy in');
    expect(periodReportPatchSchema.safeParse(patch).success).toBe(true);
    expect(itemsOf(patch, 'difficulties')).toEqual(patch.difficultyItems);
  });

  it('takes a text written after the items (by an app from before them) as the newer word', () => {
    const patch = tagged([{ text: 'Nhiều thôn chưa có sóng', barrier: 'weak_network' }]);
    expect(itemsOf({ ...patch, difficulties: 'Nhiều thôn chưa có sóng, thôn 3 mất điện' }, 'difficulties')).toEqual([{ text: 'Nhiều thôn chưa có sóng, thôn 3 mất điện', barrier: null }]);
    // Items that are not valid (hand-edited JSON) fall back to the text too.
    expect(sectionItems('a', [{ text: 'a', barrier: 'unknown' }])).toEqual([{ text: 'a', barrier: null }]);
    expect(textOfItems([])).toBe('');
  });
});

describe('grouping by barrier', () => {
  it('one group per barrier, the most communes first, ties in the barriers\' order, "Khác" last', () => {
    const groups = groupByBarrier([
      commune('a', tagged([{ text: 'Thôn 3 mạng yếu', barrier: 'weak_network' }, { text: 'Cổng chậm', barrier: 'portal_down' }, { text: 'Thiếu máy in', barrier: null }])),
      // An old report: its text is one untagged item.
      commune('b', { difficulties: 'Người cao tuổi chưa có điện thoại.\nThiếu máy in.' }),
      commune('c', tagged([{ text: 'Thôn 5 mất sóng', barrier: 'weak_network' }, { text: 'Chưa có CCCD gắn chip', barrier: 'no_chip_id' }])),
      commune('d', {}),
    ]);
    // weak_network: 2 communes; no_chip_id and portal_down: 1 each, in the barriers' own order (no_chip_id first); Khác last though it has 2.
    expect(groups.map((g) => [g.barrier, g.communes])).toEqual([['weak_network', 2], ['no_chip_id', 1], ['portal_down', 1], [null, 2]]);
    expect(groups[0]!.items).toEqual([
      { text: 'Thôn 3 mạng yếu', communes: [{ id: 'a', name: 'Xã A' }] },
      { text: 'Thôn 5 mất sóng', communes: [{ id: 'c', name: 'Xã C' }] },
    ]);
    expect(groups[3]!.items.map((i) => [i.text, i.communes.map((c) => c.id)])).toEqual([
      ['Thiếu máy in', ['a']],
      ['Người cao tuổi chưa có điện thoại.\nThiếu máy in.', ['b']],
    ]);
  });

  it('the same words from several communes are one item naming them all, listed first', () => {
    const proposal = 'Đề nghị các doanh nghiệp viễn thông cải thiện vùng phủ sóng.';
    const groups = groupByBarrier([
      commune('a', tagged([{ text: 'Hỗ trợ thôn 3', barrier: 'weak_network' }, { text: proposal, barrier: 'weak_network' }])),
      commune('b', tagged([{ text: proposal.toUpperCase().toLocaleLowerCase('vi').replace(' ', '  '), barrier: 'weak_network' }])),
      // Twice in one commune counts that commune once.
      commune('c', tagged([{ text: proposal, barrier: 'weak_network' }, { text: `${proposal} `, barrier: 'weak_network' }])),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.communes).toBe(3);
    expect(groups[0]!.items).toEqual([
      { text: proposal, communes: [{ id: 'a', name: 'Xã A' }, { id: 'b', name: 'Xã B' }, { id: 'c', name: 'Xã C' }] },
      { text: 'Hỗ trợ thôn 3', communes: [{ id: 'a', name: 'Xã A' }] },
    ]);
  });

  it('nothing raised gives no group', () => {
    expect(groupByBarrier([])).toEqual([]);
    expect(groupByBarrier([commune('a', {}), commune('b', { difficulties: null })])).toEqual([]);
  });
});
