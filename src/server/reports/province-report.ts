// The province report's figures, read from the store (services layer): every commune of the
// province for a range, counts only. The logs and group sessions are counted in the database
// (ReportStore.activityCounts, from the facts stored with each record: docs/reports.md "Computed in
// the database"), so no log is read into memory; the kinds of help are put in their catalogue
// groups here (the catalogue can change after a log was written). Readiness reads the province's
// checklists (a few hundred rows per commune) with the dashboard's own pure functions
// (src/shared/reports). The route (routes/reports.ts) keeps auth and HTTP.
import { OUTCOMES, type Outcome } from '../../shared/schemas/assistance-log';
import { SERVICE_GROUPS, type ServiceGroup } from '../../shared/schemas/service';
import { seedServices } from '../../shared/seed';
import { provinceScope } from '../../shared/sync/scopes';
import { instantBounds } from '../../shared/reports/period';
import { provinceTotals, type CommuneInfo, type CommuneRow, type ProvinceReport } from '../../shared/reports/province';
import { checklistFactOf, computeReadiness, itemStateFactOf, templateFactOf, type TemplateFact } from '../../shared/reports/readiness';
import { todayLocal, type LocalDateRange } from '../../shared/text/dates';
import type { StoredRecord } from '../storage/record-types';
import type { ActivityCountRow } from '../storage/report-types';
import type { SyncStore } from '../storage/types';

const notNull = <T>(value: T | null): value is T => value !== null;

/** Every commune of the province with its figures for `range`, and the province's totals. */
export async function provinceReport(store: SyncStore, provinceId: string, range: LocalDateRange, now: number): Promise<ProvinceReport> {
  const today = todayLocal(now);
  const bounds = instantBounds(range);
  const [communes, groups, templateRows, counts, checklistRows] = await Promise.all([
    store.accounts.listCommunes(),
    serviceGroups(store, provinceId),
    store.records.listRecords({ scope: provinceScope(provinceId), tables: ['checklistTemplates'] }),
    store.reports.activityCounts({ provinceId, from: Date.parse(bounds.from), before: Date.parse(bounds.before) }),
    store.reports.provinceRecords(provinceId, ['checklists', 'checklistItems']),
  ]);
  const templates = templateRows.map((row) => templateFactOf(row.record)).filter(notNull);
  const countsOf = groupBy(counts, (row) => row.communeId);
  const checklistsOf = groupBy(checklistRows, (row) => row.scope);
  const rows = communes
    .filter((c) => c.provinceId === provinceId)
    .map((commune) => communeFigures(commune, countsOf.get(commune.id) ?? [], checklistsOf.get(commune.id) ?? [], { today, groups, templates }));
  return { provinceId, range, generatedAt: new Date(now).toISOString(), communes: rows, totals: provinceTotals(rows) };
}

/** A commune's name and province (the printed report's heading); undefined when unknown. */
export async function communeInfo(store: SyncStore, communeId: string): Promise<CommuneInfo | undefined> {
  const commune = await store.accounts.getCommune(communeId);
  return commune ? { id: commune.id, name: commune.name, provinceId: commune.provinceId } : undefined;
}

/** The catalogue group of each service code: the province's catalogue, the shipped one for codes it lacks. */
async function serviceGroups(store: SyncStore, provinceId: string): Promise<Map<string, ServiceGroup>> {
  const groups = new Map<string, ServiceGroup>(seedServices().map((s) => [s.code, s.group]));
  for (const { record } of await store.records.listRecords({ scope: provinceScope(provinceId), tables: ['services'] })) {
    if (typeof record.code === 'string' && (SERVICE_GROUPS as readonly unknown[]).includes(record.group)) groups.set(record.code, record.group as ServiceGroup);
  }
  return groups;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function communeFigures(
  commune: { id: string; name: string },
  counts: readonly ActivityCountRow[],
  checklistRows: readonly StoredRecord[],
  context: { today: string; groups: Map<string, ServiceGroup>; templates: TemplateFact[] },
): CommuneRow {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byGroup = Object.fromEntries(SERVICE_GROUPS.map((g) => [g, 0])) as Record<ServiceGroup, number>;
  let logs = 0;
  let groupSessions = 0;
  let participants = 0;
  for (const row of counts) {
    if (row.table === 'groupSessions') {
      groupSessions += row.count;
      participants += row.participants;
      continue;
    }
    logs += row.count;
    // The store keeps only the outcomes logFactOf accepts; the check keeps the type honest.
    if ((OUTCOMES as readonly (string | null)[]).includes(row.outcome)) outcomes[row.outcome as Outcome] += row.count;
    byGroup[context.groups.get(row.service ?? '') ?? 'other'] += row.count;
  }
  const readiness = computeReadiness({
    checklists: checklistRows.filter((row) => row.table === 'checklists').map((row) => checklistFactOf(row.record)).filter(notNull),
    states: checklistRows.filter((row) => row.table === 'checklistItems').map((row) => itemStateFactOf(row.record)).filter(notNull),
    templates: context.templates,
    today: context.today,
  }).totals;
  return {
    communeId: commune.id,
    communeName: commune.name,
    logs,
    citizensAssisted: logs,
    outcomes,
    byGroup,
    groupSessions,
    participants,
    checklists: readiness.checklists,
    readinessPercent: readiness.percent,
    overdueItems: readiness.overdue,
    blockedItems: readiness.blocked,
  };
}
