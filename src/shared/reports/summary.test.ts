import { describe, expect, it } from 'vitest';
import { computeActivity, type LogFact } from './activity';
import type { ReadinessTotals } from './readiness';
import { summarize, summaryText, SUMMARY_TOP_BARRIERS, SUMMARY_TOP_SERVICES, type SummaryDoc } from './summary';
import type { ServiceGroup } from '../schemas/service';
import { logFact } from '../../../test/helpers/report-facts';

const WEEK = { start: '2026-11-30', end: '2026-12-06' };
const log = (service: string, extra: Partial<LogFact> = {}): LogFact => logFact('2026-12-01T03:00:00.000Z', { serviceId: service, ...extra });

function activityOf(logs: LogFact[]) {
  return computeActivity({
    range: WEEK,
    today: '2026-12-03',
    logs,
    groupSessions: [
      { id: 'g1', occurredAt: '2026-12-02T02:00:00.000Z', villageId: null, participants: 18, women: 9, elderly: 4, ethnicMinority: 7, audience: null, deleted: false },
      { id: 'g2', occurredAt: '2026-12-04T02:00:00.000Z', villageId: null, participants: 12, women: 0, elderly: 0, ethnicMinority: 0, audience: null, deleted: false },
      { id: 'g3', occurredAt: '2026-11-20T02:00:00.000Z', villageId: null, participants: 99, women: 0, elderly: 0, ethnicMinority: 0, audience: null, deleted: false },
    ],
    serviceGroups: new Map<string, ServiceGroup>(),
  });
}

const readiness: ReadinessTotals = { checklists: 2, applicable: 20, done: 13, percent: 65, overdue: 1, blocked: 0 };

describe('weekly summary figures', () => {
  it('counts the week: kinds of help (top five, the rest added up), classes, open follow-ups, top barriers, readiness', () => {
    const logs = [
      ...['s1', 's1', 's1', 's2', 's2', 's3', 's4', 's5', 's6', 's7'].map((s) => log(s)),
      log('s2', { barriers: ['portal_down', 'weak_network'], followUpAt: '2026-12-02' }),
      log('s3', { barriers: ['portal_down'], followUpAt: '2026-12-10' }),
      log('s3', { barriers: ['portal_down', 'no_smartphone'], followUpAt: '2026-12-01', followUpDone: true }),
      log('s4', { barriers: ['weak_network', 'language'] }),
      log('s1', { deleted: true, barriers: ['disability'] }),
      log('s1', { occurredAt: '2026-11-29T16:59:00.000Z' }), // 23:59 on Sunday 29/11 in Vietnam: last week
    ];
    const summary = summarize(activityOf(logs), readiness, 'mine');
    expect(summary.helped).toBe(14);
    expect(summary.topServices).toEqual([
      { key: 's1', count: 3 },
      { key: 's2', count: 3 },
      { key: 's3', count: 3 },
      { key: 's4', count: 2 },
      { key: 's5', count: 1 },
    ]);
    expect(summary.topServices).toHaveLength(SUMMARY_TOP_SERVICES);
    expect(summary.otherServices).toBe(2);
    expect(summary.groupSessions).toEqual({ sessions: 2, participants: 30 });
    expect(summary.followUps).toEqual({ open: 2, overdue: 1 });
    expect(summary.topBarriers).toEqual([
      { key: 'portal_down', count: 3 },
      { key: 'weak_network', count: 2 },
      { key: 'language', count: 1 },
    ]);
    expect(summary.topBarriers).toHaveLength(SUMMARY_TOP_BARRIERS);
    expect(summary.readiness).toEqual({ checklists: 2, done: 13, applicable: 20, percent: 65 });
    expect(summary.range).toEqual(WEEK);
  });

  it('an empty week: zeros, no barriers, no readiness when nothing applies', () => {
    const summary = summarize(activityOf([]), { ...readiness, applicable: 0, done: 0, percent: null }, 'commune');
    expect(summary).toMatchObject({ helped: 0, topServices: [], otherServices: 0, followUps: { open: 0, overdue: 0 }, topBarriers: [], readiness: null, scope: 'commune' });
  });

  it('writes the document as plain lines, a value-less heading without a colon', () => {
    const doc: SummaryDoc = {
      title: 'Tổng kết',
      subtitle: 'Bình · 30/11/2026–06/12/2026',
      sections: [
        { heading: 'Lượt người dân được hỗ trợ', value: '3', items: [{ label: 'VNeID', value: '2' }] },
        { heading: 'Khó khăn thường gặp', value: '', items: [{ label: 'Mạng yếu', value: '1' }, { label: 'Đã xong 1/2 việc', value: '' }] },
      ],
      footer: 'Chỉ có số liệu tổng hợp.',
    };
    expect(summaryText(doc)).toBe(
      [
        'Tổng kết',
        'Bình · 30/11/2026–06/12/2026',
        '',
        '• Lượt người dân được hỗ trợ: 3',
        '   – VNeID: 2',
        '• Khó khăn thường gặp',
        '   – Mạng yếu: 1',
        '   – Đã xong 1/2 việc',
        '',
        'Chỉ có số liệu tổng hợp.',
      ].join('\n'),
    );
  });
});
