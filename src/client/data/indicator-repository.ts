// The province's report settings as this phone holds them (the due day, the indicators and their
// targets; published by the province admin, docs/reports.md "Indicators against targets") and the
// commune's hand-entered indicator values: one record per commune, indicator and period, its id
// name-based so every leader's phone writes the same record. Writes go through local-write.ts.
import { db } from './db';
import { communeUserWhoMay, userWhoMay } from './access';
import { ValidationError } from './errors';
import { writeRecord } from './local-write';
import { indicatorValuePatchSchema } from '../../shared/schemas/indicator-value';
import type { ReportSettingsRecord } from '../../shared/schemas/report-settings';
import type { LocalDateRange } from '../../shared/text/dates';

/**
 * The id of a commune's value of one indicator for one period: a name-based UUID (version 8) from
 * a SHA-256 of the three, so two leaders entering it offline edit the same record.
 */
export async function indicatorValueId(communeId: string, indicatorId: string, range: LocalDateRange): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`indicator-value|${communeId}|${indicatorId}|${range.start}|${range.end}`)));
  digest[6] = (digest[6]! & 0x0f) | 0x80; // version 8
  digest[8] = (digest[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The province's settings as last pulled, or undefined before the admin has published any. */
export async function loadReportSettings(): Promise<ReportSettingsRecord | undefined> {
  await userWhoMay('reports.view');
  // A phone pulls its own province's reference data only: the one live record is its province's.
  return (await db.records('reportSettings').toArray()).find((row) => !row.deleted);
}

/** The commune's hand-entered values of a period, by indicator id (null: cleared). */
export async function loadIndicatorValues(range: LocalDateRange): Promise<Map<string, number | null>> {
  const user = await communeUserWhoMay('reports.view');
  const rows = await db.records('indicatorValues').where('periodStart').equals(range.start).toArray();
  return new Map(rows.filter((row) => row.communeId === user.communeId && !row.deleted && row.periodEnd === range.end).map((row) => [row.indicatorId, row.value ?? null]));
}

/** Enters (or clears, with null) the commune's value of an indicator for a period. */
export async function setIndicatorValue(indicatorId: string, range: LocalDateRange, value: number | null, now: number = Date.now()): Promise<void> {
  const user = await communeUserWhoMay('periodReport.write');
  const fields = { indicatorId, periodStart: range.start, periodEnd: range.end, value };
  const parsed = indicatorValuePatchSchema.safeParse(fields);
  if (!parsed.success) throw new ValidationError(parsed.error);
  const id = await indicatorValueId(user.communeId, indicatorId, range);
  const existing = await db.records('indicatorValues').get(id);
  if (existing && existing.communeId === user.communeId && !existing.deleted) {
    if (existing.value === value) return;
    await writeRecord({ table: 'indicatorValues', recordId: id, fields: { value: parsed.data.value ?? null } }, now);
    return;
  }
  await writeRecord({ table: 'indicatorValues', recordId: id, fields: { ...parsed.data, communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false } }, now);
}
