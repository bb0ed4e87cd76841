import { describe, expect, it } from 'vitest';
import { buildProvinceCsv, communeRow, PROVINCE_COLUMNS, provinceReportSchema, provinceTotals, rankCommunes, type CommuneRow } from './province';
import { computeActivity, type LogFact } from './activity';
import { computeReadiness } from './readiness';
import { parseCsv } from '../../../test/helpers/csv-parse';

const row = (id: string, name: string, citizens: number, participants: number, readiness: number | null): CommuneRow => ({
  communeId: id,
  communeName: name,
  logs: citizens,
  citizensAssisted: citizens,
  outcomes: { done: citizens, partial: 0, referred: 0, failed: 0 },
  byGroup: { vneid: citizens, 'public-service': 0, payments: 0, skills: 0, other: 0 },
  groupSessions: participants > 0 ? 1 : 0,
  participants,
  checklists: readiness === null ? 0 : 1,
  readinessPercent: readiness,
  overdueItems: 1,
  blockedItems: 0,
});

describe('province figures', () => {
  const rows = [row('a', 'Xã Ba Tơ', 10, 0, 40), row('b', 'Xã Đăk Rơ Wa', 5, 20, 90), row('c', 'Phường Cẩm Thành', 25, 0, null), row('d', 'Xã An Phú', 10, 0, 40)];

  it('ranks by activity (citizens + participants) and by readiness, ties by Vietnamese name', () => {
    expect(rankCommunes(rows, 'activity').map((r) => r.communeId)).toEqual(['b', 'c', 'd', 'a']);
    expect(rankCommunes(rows, 'readiness').map((r) => r.communeId)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('sums the counts and averages readiness over communes with checklists', () => {
    const totals = provinceTotals(rows);
    expect(totals).toMatchObject({ logs: 50, citizensAssisted: 50, participants: 20, groupSessions: 1, checklists: 3, readinessPercent: 56, overdueItems: 4 });
    expect(totals.outcomes.done).toBe(50);
    expect(provinceTotals([]).readinessPercent).toBeNull();
  });

  it('builds a row from a commune activity and readiness report, with counts only', () => {
    const log: LogFact = { id: 'l', occurredAt: '2026-07-01T01:00:00.000Z', serviceId: 's', outcome: 'failed', barriers: ['portal_down'], villageId: 'v', createdBy: 'u', followUpAt: null, followUpDone: false, durationMin: 5, assistedOnTeamDevice: false, onlineSubmission: null, helped: null, deleted: false };
    const activity = computeActivity({ range: { start: '2026-06-15', end: '2026-07-14' }, today: '2026-07-01', logs: [log], groupSessions: [], serviceGroups: new Map() });
    const readiness = computeReadiness({ checklists: [], states: [], templates: [], today: '2026-07-01' });
    const built = communeRow({ id: 'x', name: 'Xã X' }, activity, readiness);
    expect(built).toMatchObject({ communeId: 'x', logs: 1, citizensAssisted: 1, readinessPercent: null, byGroup: { other: 1 } });
    expect(Object.keys(built).sort()).toEqual(Object.keys(row('a', 'a', 0, 0, 0)).sort());
    const report = { provinceId: 'p', range: { start: '2026-06-15', end: '2026-07-14' }, generatedAt: 'now', communes: [built], totals: provinceTotals([built]) };
    expect(provinceReportSchema.parse(report)).toEqual(report);
  });

  it('exports the ranked table as CSV', () => {
    const header = Object.fromEntries(PROVINCE_COLUMNS.map((c) => [c, c])) as Record<(typeof PROVINCE_COLUMNS)[number], string>;
    const parsed = parseCsv(buildProvinceCsv(rankCommunes(rows, 'activity'), header).slice(1));
    expect(parsed[0]).toEqual([...PROVINCE_COLUMNS]);
    expect(parsed[2]).toEqual(['2', 'Phường Cẩm Thành', '25', '25', '0', '0', '0', '0', '0', '', '1', '0']);
    expect(parsed[1]![1]).toBe('Xã Đăk Rơ Wa');
  });
});
