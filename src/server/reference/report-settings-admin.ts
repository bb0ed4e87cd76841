// The province's report settings (docs/reports.md "Indicators against targets", "Due date"):
// one reference record per province, published whole by the server for the admin, so every phone
// of the province receives the due day and the indicators at its next pull. The record is read
// again inside the write's transaction: a publication based on an older version is refused (409),
// an indicator once published is never dropped (it is retired instead, so past reports keep it),
// and a publication identical to the current one is refused (every phone would download it).
import { createHash } from 'node:crypto';
import type { PublishReportSettings } from '../../shared/reference/report-settings-api';
import { canonicalJson } from '../../shared/sync/canonical-json';
import type { SyncedRecord } from '../../shared/sync/merge';
import { provinceScope } from '../../shared/sync/scopes';
import type { RecordStore } from '../storage/record-types';
import { ReferenceError, meta, writeOne, type Editor } from './reference-admin';
import { serverCreate, serverWrite } from './server-write';

const SETTINGS_NAMESPACE = '0b5c2f3e-8d41-4a6e-b1f7-5c9e2a7d4f63';

/** The settings record's id: name-based (UUID v5) from the province, the same on every server. */
export function reportSettingsId(provinceId: string): string {
  const ns = Buffer.from(SETTINGS_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(`report-settings/${provinceId}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The province's settings record, or undefined when its admin has published none. */
export async function readReportSettings(records: RecordStore, provinceId: string): Promise<SyncedRecord | undefined> {
  const rows = await records.listRecords({ scope: provinceScope(provinceId), tables: ['reportSettings'] });
  const id = reportSettingsId(provinceId);
  return rows.map((row) => row.record).find((record) => record.id === id && record.deleted !== true);
}

/** Publishes the next version of the editor's province's report settings. */
export async function publishReportSettings(records: RecordStore, editor: Editor, input: PublishReportSettings, now: number) {
  const id = reportSettingsId(editor.provinceId);
  const { record } = await writeOne(
    records,
    editor,
    'reportSettings',
    (rows) => rows.find((row) => row.id === id),
    (current, at) => {
      const live = current && current.deleted !== true ? current : undefined;
      const currentVersion = live ? Number(live.version) : 0;
      if (input.basedOn !== currentVersion) {
        throw new ReferenceError('conflict', `Version ${currentVersion} of the report settings was published since version ${input.basedOn}; reload and edit again.`);
      }
      const before = (live?.indicators ?? []) as readonly { id: string }[];
      const dropped = before.find((old) => !input.indicators.some((indicator) => indicator.id === old.id));
      if (dropped) throw new ReferenceError('invalid', `indicators: ${dropped.id} was published; retire it instead of removing it`);
      const content = { dueDaysAfterEnd: input.dueDaysAfterEnd, indicators: input.indicators };
      if (live && canonicalJson({ dueDaysAfterEnd: live.dueDaysAfterEnd, indicators: live.indicators }) === canonicalJson(content)) {
        throw new ReferenceError('invalid', 'validation.noChange');
      }
      const version = currentVersion + 1;
      return current ? serverWrite(current, { ...content, version, deleted: false }, at) : serverCreate(id, { ...meta(editor, at), ...content, version }, at);
    },
    { id },
    now,
  );
  return { record, change: Number(record.version) > 1 ? ('published' as const) : ('created' as const) };
}
