// A pull page as JSON text. Records read from the database (StoredRow) are written from their
// stored JSON: the fields text as is, the clocks regrouped by HLC as on the wire (`_c`). That
// is the same text JSON.stringify gives for toWireRecord(record) — pull-json.test.ts holds it to
// that — without parsing and re-serializing every field. Records a reader may not see in full
// (redactForReader) take the object path.
import { CLOCKS_KEY, toWireRecord, type Change, type PullResponse } from '../../shared/sync/protocol';
import { redactForReader, redactsFor } from '../../shared/sync/redaction';
import type { SyncUser } from '../../shared/sync/scopes';
import { StoredRow } from '../storage/rows';
import type { StoredRecord } from '../storage/record-types';

/** The response of GET /api/sync/pull as text; equal to JSON.stringify of the PullResponse. */
export function pullResponseJson(user: Pick<SyncUser, 'role'>, rows: readonly StoredRecord[], page: Omit<PullResponse, 'changes'>): string {
  const changes = rows.map((row) => changeJson(user, row)).join(',');
  return `{"changes":[${changes}],"cursor":${JSON.stringify(page.cursor)},"hasMore":${page.hasMore},"serverTime":${JSON.stringify(page.serverTime)}}`;
}

function changeJson(user: Pick<SyncUser, 'role'>, row: StoredRecord): string {
  if (row instanceof StoredRow && !redactsFor(user, row.table)) {
    return `{"table":${JSON.stringify(row.table)},"id":${JSON.stringify(row.id)},"record":${wireRecordJson(row)}}`;
  }
  const change: Change = { table: row.table, id: row.record.id, record: toWireRecord(redactForReader(user, row.table, row.record)) };
  return JSON.stringify(change);
}

/** `{...fields, id, _c: {hlc: [field, …]}}` from the stored texts, in toWireRecord's key order. */
function wireRecordJson(row: StoredRow): string {
  const clocks = JSON.parse(row.clocksJson) as Record<string, string>;
  const grouped: Record<string, string[]> = {};
  for (const field in clocks) (grouped[clocks[field]!] ??= []).push(field);
  const fields = row.fieldsJson.slice(0, -1); // without the closing brace
  const separator = fields === '{' ? '' : ',';
  return `${fields}${separator}"id":${JSON.stringify(row.id)},"${CLOCKS_KEY}":${JSON.stringify(grouped)}}`;
}
