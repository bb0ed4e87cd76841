// The province report's figures, read from the store (services layer): every commune of the
// province for a period, counts only. The figures are computed with the same pure functions as
// the phone's dashboard (src/shared/reports); the route (routes/reports.ts) keeps auth and HTTP.
import { SERVICE_GROUPS, type ServiceGroup } from '../../shared/schemas/service';
import { seedServices } from '../../shared/seed';
import { provinceScope } from '../../shared/sync/scopes';
import { computeActivity, groupSessionFactOf, logFactOf } from '../../shared/reports/activity';
import { instantBounds } from '../../shared/reports/period';
import { communeRow, provinceTotals, type CommuneInfo, type CommuneRow, type ProvinceReport } from '../../shared/reports/province';
import { checklistFactOf, computeReadiness, itemStateFactOf, templateFactOf, type TemplateFact } from '../../shared/reports/readiness';
import { todayLocal, type LocalDateRange } from '../../shared/text/dates';
import type { StoredRecord } from '../storage/record-types';
import type { SyncStore } from '../storage/types';

const notNull = <T>(value: T | null): value is T => value !== null;
const records = (rows: readonly StoredRecord[], table: StoredRecord['table']) => rows.filter((row) => row.table === table).map((row) => row.record);

/** Every commune of the province with its figures for `range`, and the province's totals. */
export async function provinceReport(store: SyncStore, provinceId: string, range: LocalDateRange, now: number): Promise<ProvinceReport> {
  const today = todayLocal(now);
  const [communes, groups, templateRows] = await Promise.all([
    store.accounts.listCommunes(),
    serviceGroups(store, provinceId),
    store.records.listRecords({ scope: provinceScope(provinceId), tables: ['checklistTemplates'] }),
  ]);
  const templates = templateRows.map((row) => templateFactOf(row.record)).filter(notNull);
  const rows: CommuneRow[] = [];
  // One commune at a time: a province has about a hundred, and this keeps one commune's rows in memory.
  for (const commune of communes.filter((c) => c.provinceId === provinceId)) {
    rows.push(await communeFigures(store, commune, range, { today, groups, templates }));
  }
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

async function communeFigures(
  store: SyncStore,
  commune: { id: string; name: string },
  range: LocalDateRange,
  context: { today: string; groups: Map<string, ServiceGroup>; templates: TemplateFact[] },
): Promise<CommuneRow> {
  const [activityRows, checklistRows] = await Promise.all([
    store.records.listRecords({ scope: commune.id, tables: ['assistanceLogs', 'groupSessions'], occurredAt: instantBounds(range) }),
    store.records.listRecords({ scope: commune.id, tables: ['checklists', 'checklistItems'] }),
  ]);
  const activity = computeActivity({
    range,
    today: context.today,
    logs: records(activityRows, 'assistanceLogs').map(logFactOf).filter(notNull),
    groupSessions: records(activityRows, 'groupSessions').map(groupSessionFactOf).filter(notNull),
    serviceGroups: context.groups,
  });
  const readiness = computeReadiness({
    checklists: records(checklistRows, 'checklists').map(checklistFactOf).filter(notNull),
    states: records(checklistRows, 'checklistItems').map(itemStateFactOf).filter(notNull),
    templates: context.templates,
    today: context.today,
  });
  return communeRow(commune, activity, readiness);
}
