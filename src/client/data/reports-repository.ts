// Reads for the reports (docs/product.md job 5): the records of one period through the occurredAt
// indexes (a period reads its own rows, never the whole table), and the commune's checklists.
// The figures themselves are computed by the pure functions in src/shared/reports, which the
// server's province view uses too.
import { memberNamesOf } from './team-repository';
import { communeProfileId } from '../../shared/schemas/commune-profile';
import { db, type OpenedRecord, type StoredRecord } from './db';
import { assertMay, communeUserWhoMay, type CommuneUser } from './access';
import type { SessionUser } from './session-repository';
import { ensureServiceCatalogue, listServices, type ServiceItem } from './service-repository';
import { ensureTemplateSeed } from './checklist-template-repository';
import { listVillages } from './village-repository';
import { getSetting, putSetting } from './settings-repository';
import { openRows } from './sealed-records';
import { can } from '../../shared/permissions';
import { citizenMatches, type CitizenQuery } from '../../shared/privacy/erasure';
import type { ServiceGroup } from '../../shared/schemas/service';
import { seedCommuneById } from '../../shared/seed';
import { computeActivity, groupSessionFactOf, logFactOf, type ActivityReport, type GroupSessionFact, type LogFact } from '../../shared/reports/activity';
import { instantBounds } from '../../shared/reports/period';
import { checklistFactOf, computeReadiness, itemStateFactOf, templateFactOf, type ReadinessReport } from '../../shared/reports/readiness';
import type { ExportLog } from '../../shared/reports/log-export';
import type { ExportSession } from '../../shared/reports/session-export';
import { provinceReportSchema, type CommuneInfo, type ProvinceReport } from '../../shared/reports/province';
import { todayLocal, type LocalDateRange } from '../../shared/text/dates';
import { hasFields } from '../../shared/has-fields';

/** A reader of the commune's reports: leaders and reviewers of a commune (PermissionError otherwise). */
const requireReader = (): Promise<CommuneUser> => communeUserWhoMay('reports.view');

/**
 * Puts the shipped service catalogue and checklist templates on the phone if it has never synced.
 * Writes, so it cannot run inside a live query: screens call it once on mount.
 */
export async function prepareReports(): Promise<void> {
  await Promise.all([ensureServiceCatalogue(), ensureTemplateSeed()]);
}

/** The rows of a commune-scoped table whose occurredAt falls in the period (Vietnam days). */
export async function rowsInPeriod<T extends 'assistanceLogs' | 'groupSessions'>(table: T, range: LocalDateRange, communeId: string): Promise<StoredRecord<T>[]> {
  const { from, before } = instantBounds(range);
  const rows = await db.records(table).where('occurredAt').between(from, before, true, false).toArray();
  return rows.filter((row) => row.communeId === communeId && !row.deleted);
}

const notNull = <T>(value: T | null): value is T => value !== null;

export interface ReportNames {
  /** Service code → the catalogue entry (name in both languages, group). */
  services: ReadonlyMap<string, ServiceItem>;
  /** Village id → name (inactive villages included: old logs keep theirs). */
  villages: ReadonlyMap<string, string>;
  /** User id → display name: the commune's roster and the signed-in user (team-repository.ts). */
  members: ReadonlyMap<string, string>;
}

export async function reportNames(user: SessionUser): Promise<ReportNames> {
  const [services, villages, roster] = await Promise.all([listServices(), listVillages({ includeInactive: true }), db.records('teamMembers').toArray()]);
  return {
    services: new Map(services.map((s) => [s.code, s])),
    villages: new Map(villages.map((v) => [v.id, v.name])),
    members: memberNamesOf(user, roster),
  };
}

export function serviceGroups(services: ReadonlyMap<string, ServiceItem>): Map<string, ServiceGroup> {
  return new Map([...services].map(([code, s]) => [code, s.group]));
}

export interface ActivityData {
  report: ActivityReport;
  names: ReportNames;
}

/** The activity figures of the signed-in user's commune for a period, with the names to show them. */
export async function loadActivity(range: LocalDateRange, now: number = Date.now()): Promise<ActivityData> {
  const user = await requireReader();
  const [report, names] = await Promise.all([communeActivity(user.communeId, range, now), reportNames(user)]);
  return { report, names };
}

/**
 * The activity figures of a commune for a period. Not gated: callers check the user first, once
 * (every session read is one more IndexedDB round trip before the period's logs are asked for).
 */
export async function communeActivity(communeId: string, range: LocalDateRange, now: number = Date.now()): Promise<ActivityReport> {
  const started = performance.now();
  const [logRows, sessionRows, services] = await Promise.all([rowsInPeriod('assistanceLogs', range, communeId), rowsInPeriod('groupSessions', range, communeId), listServices()]);
  // User Timing entries: the reports bench splits its budget into reading and computing with them.
  const read = performance.now();
  performance.measure('reports:read', { start: started, end: read });
  const report = computeActivity({
    range,
    today: todayLocal(now),
    logs: logRows.map(logFactOf).filter(notNull) satisfies LogFact[],
    groupSessions: sessionRows.map(groupSessionFactOf).filter(notNull) satisfies GroupSessionFact[],
    serviceGroups: new Map(services.map((service) => [service.code, service.group])),
  });
  performance.measure('reports:compute', { start: read, end: performance.now() });
  return report;
}

export interface ExportData {
  logs: ExportLog[];
  names: ReportNames;
}

export interface SessionExportData {
  sessions: ExportSession[];
  names: ReportNames;
}

/**
 * The period's logs for a CSV export. The citizen sub-object is read only for roles that may see
 * it (members and leaders); whether it goes into the file is decided by buildLogCsv.
 */
export async function loadLogsForExport(range: LocalDateRange): Promise<ExportData> {
  const user = await requireReader();
  assertMay(user, 'reports.export');
  const [sealedRows, names] = await Promise.all([rowsInPeriod('assistanceLogs', range, user.communeId), reportNames(user)]);
  // The notes (and the citizens, for the roles that see them) go into the file: decrypted here.
  const rows = await openRows('assistanceLogs', sealedRows);
  return { logs: exportLogsOf(rows, can(user.role, 'citizen.view')), names };
}

function exportLogsOf(rows: readonly OpenedRecord<'assistanceLogs'>[], showCitizen: boolean): ExportLog[] {
  return rows.flatMap((row): ExportLog[] => {
    const fact = logFactOf(row);
    if (!fact) return [];
    return [{ ...fact, note: row.note ?? null, citizen: (showCitizen && row.citizen) || null }];
  });
}

/**
 * Every log of the commune whose citizen is the one named (the erasure's matching rule), for the
 * copy a citizen asks for (docs/privacy.md "Requests register"); the leader's export path only.
 * Reads and opens every log of the commune: a rare request, not a screen's everyday read.
 */
export async function loadCitizenLogsForExport(query: CitizenQuery): Promise<ExportData> {
  const user = await communeUserWhoMay('citizen.export');
  const [sealedRows, names] = await Promise.all([db.records('assistanceLogs').toArray(), reportNames(user)]);
  const rows = await openRows('assistanceLogs', sealedRows.filter((row) => row.communeId === user.communeId && !row.deleted && row.citizen));
  const logs = exportLogsOf(rows.filter((row) => citizenMatches(row.citizen, query)), true);
  return { logs: logs.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1)), names };
}

const subcount = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null);

/** The period's group sessions for the export's second file: counts, topic, place and note (decrypted here). */
export async function loadSessionsForExport(range: LocalDateRange): Promise<SessionExportData> {
  const user = await requireReader();
  assertMay(user, 'reports.export');
  const [sealedRows, names] = await Promise.all([rowsInPeriod('groupSessions', range, user.communeId), reportNames(user)]);
  const rows = await openRows('groupSessions', sealedRows);
  const sessions = rows.flatMap((row): ExportSession[] => {
    const fact = groupSessionFactOf(row);
    if (!fact) return [];
    return [
      {
        ...fact,
        women: subcount(row.women),
        elderly: subcount(row.elderly),
        ethnicMinority: subcount(row.ethnicMinority),
        topic: row.topic,
        place: row.place,
        durationMin: subcount(row.durationMin),
        createdBy: row.createdBy,
        note: row.note ?? null,
      },
    ];
  });
  return { sessions, names };
}

/** The readiness of the signed-in user's commune: every checklist's progress on today's date. */
export async function loadReadiness(now: number = Date.now()): Promise<ReadinessReport> {
  const user = await requireReader();
  return communeReadiness(user.communeId, now);
}

/**
 * Every checklist's progress in a commune on today's date. Not gated: callers check the user first
 * (the reports need reports.view, a member's weekly summary only the member's own commune).
 */
export async function communeReadiness(communeId: string, now: number = Date.now()): Promise<ReadinessReport> {
  return readinessOf(await communeChecklists(communeId), now);
}

/** A commune's checklists, their items' states and the templates, as stored (one read for several reports). */
export interface CommuneChecklists {
  checklists: StoredRecord<'checklists'>[];
  states: StoredRecord<'checklistItems'>[];
  templates: StoredRecord<'checklistTemplates'>[];
}

/** Not gated, like communeReadiness. */
export async function communeChecklists(communeId: string): Promise<CommuneChecklists> {
  const checklists = (await db.records('checklists').toArray()).filter((row) => row.communeId === communeId);
  const [states, templates] = await Promise.all([db.records('checklistItems').where('checklistId').anyOf(checklists.map((row) => row.id)).toArray(), db.records('checklistTemplates').toArray()]);
  return { checklists, states: states.filter((row) => row.communeId === communeId), templates };
}

/** Every checklist's progress on today's date, from what communeChecklists read. */
export function readinessOf({ checklists, states, templates }: CommuneChecklists, now: number = Date.now()): ReadinessReport {
  return computeReadiness({
    checklists: checklists.map(checklistFactOf).filter(notNull),
    states: states.map(itemStateFactOf).filter(notNull),
    templates: templates.map(templateFactOf).filter(notNull),
    today: todayLocal(now),
  });
}

const COMMUNE_KEY = 'reports.commune';

function isCommuneInfo(value: unknown): value is CommuneInfo {
  return hasFields(value, 'id', 'name', 'provinceId') && typeof value.id === 'string' && typeof value.name === 'string' && typeof value.provinceId === 'string';
}

/**
 * The commune's name for the printed report: as the synced commune profile names it, else as the
 * server's report last named it, else as the shipped list of communes names it, else null.
 */
export async function getCommuneName(communeId: string): Promise<string | null> {
  const profile = await db.records('communeProfiles').get(communeProfileId(communeId));
  if (profile && !profile.deleted) return profile.name;
  const saved = await getSetting(COMMUNE_KEY, isCommuneInfo);
  if (saved?.id === communeId) return saved.name;
  return seedCommuneById(communeId)?.name ?? null;
}

/** Remembers the server's name of the commune, so the printed report has it offline. */
export async function saveCommuneInfo(info: CommuneInfo): Promise<void> {
  await putSetting(COMMUNE_KEY, info);
}

const PROVINCE_KEY = 'reports.province';

/** The province figures last loaded from the server (counts only), to show them again offline. */
export async function getSavedProvinceReport(): Promise<ProvinceReport | undefined> {
  const row = await db.settings.get(PROVINCE_KEY);
  const parsed = provinceReportSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function saveProvinceReport(report: ProvinceReport): Promise<void> {
  await putSetting(PROVINCE_KEY, report);
}
