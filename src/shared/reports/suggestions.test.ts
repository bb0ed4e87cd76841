import { describe, expect, it } from 'vitest';
import { suggestionsFor } from './suggestions';
import type { PeriodResults } from '../schemas/period-report';
import { periodResults } from '../../../test/helpers/report-facts';

const results = (over: Partial<PeriodResults> = {}): PeriodResults => ({
  ...periodResults(
    {
      logs: 5,
      'outcomes.done': 2,
      'outcomes.partial': 1,
      'outcomes.referred': 1,
      'outcomes.failed': 1,
      'byGroup.vneid': 2,
      'byGroup.public-service': 2,
      'byGroup.payments': 1,
      'onlineSubmission.full': 1,
      'helped.citizen': 5,
      'barriers.no_smartphone': 1,
      'barriers.no_bank_account': 1,
      'barriers.portal_down': 2,
      blockedItems: 1,
    },
    40,
  ),
  ...over,
});

const blocked = [{ checklistId: 'c1', itemId: 'email', title: 'Nhận tài khoản thư công vụ', reason: 'Chưa có danh sách' }];

describe('suggestions for the texts of a period report', () => {
  it('offers a difficulty and a proposal per barrier met, most met first, and one per blocked item', () => {
    const list = suggestionsFor(results(), blocked);
    expect(list.filter((s) => s.section === 'difficulties').map((s) => s.key)).toEqual(['barrier:portal_down', 'barrier:no_bank_account', 'barrier:no_smartphone', 'blocked:c1:email']);
    expect(list.filter((s) => s.section === 'proposals').map((s) => s.key)).toEqual(['proposal:portal_down', 'proposal:no_bank_account', 'proposal:no_smartphone']);
    expect(list.filter((s) => s.section === 'nextPlan')).toEqual([{ key: 'unblock:c1:email', section: 'nextPlan', kind: 'unblock', item: 'Nhận tài khoản thư công vụ', reason: 'Chưa có danh sách' }]);
    expect(list[0]).toEqual({ key: 'barrier:portal_down', section: 'difficulties', kind: 'barrier', barrier: 'portal_down', count: 2 });
  });

  it('offers the open follow-ups and overdue items as next steps', () => {
    const list = suggestionsFor(results({ followUpsOpen: 3, overdueItems: 2 }), []);
    expect(list.filter((s) => s.section === 'nextPlan').map((s) => [s.key, 'count' in s ? s.count : null])).toEqual([
      ['followUps', 3],
      ['overdue', 2],
    ]);
  });

  it('offers nothing for a quiet period, and never again what the leader accepted or dropped', () => {
    const quiet = results({ barriers: { no_smartphone: 0, no_chip_id: 0, vneid_not_level2: 0, no_bank_account: 0, portal_down: 0, weak_network: 0, language: 0, disability: 0, other: 0 } });
    expect(suggestionsFor(quiet, [])).toEqual([]);
    const list = suggestionsFor(results(), blocked, ['barrier:portal_down', 'unblock:c1:email']);
    expect(list.map((s) => s.key)).not.toContain('barrier:portal_down');
    expect(list.map((s) => s.key)).not.toContain('unblock:c1:email');
    expect(list.map((s) => s.key)).toContain('proposal:portal_down');
  });
});
