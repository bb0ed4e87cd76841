// The province admin publishes a version of a service's guide (docs/field-aids.md §3): the guide
// record and its pictures are written in one transaction of the province's sync scope, so every
// phone of the province receives the whole version at its next pull, however long it was offline.
// Checked inside the transaction: the version it was edited from is still the newest (two admins
// at once: the second gets 409), every kept picture exists, and the province's pictures stay within
// their budget. A picture the new version no longer uses is deleted with its bytes cleared, so the
// phones do not keep carrying it.
import { createHash, randomUUID } from 'node:crypto';
import type { PublishGuide } from '../../shared/reference/guide-api';
import { GUIDE_LIMITS } from '../../shared/schemas/service-guide';
import { TABLE_SCHEMAS, type SyncTable } from '../../shared/schemas/tables';
import { canonicalJson } from '../../shared/sync/canonical-json';
import type { SyncedRecord } from '../../shared/sync/merge';
import { provinceScope } from '../../shared/sync/scopes';
import type { RecordStore } from '../storage/record-types';
import { meta, ReferenceError, type Editor } from './reference-admin';
import { serverCreate, serverWrite } from './server-write';

const ADMIN_CLIENT = 'server-admin';
// Namespace of the guides' name-based ids. Never change it: the ids are stored in every database.
const GUIDE_NAMESPACE = '6f1d7e0a-3c52-4b8e-9a41-2d9c5b7e8f10';

/** RFC 9562 §5.5 UUIDv5: the guide of a service has the same id on every server and in every seed. */
export function guideRecordId(serviceCode: string): string {
  const ns = Buffer.from(GUIDE_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(`service-guide/${serviceCode}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const CONTENT_FIELDS = ['summary', 'steps', 'bring', 'failures', 'sourceTitle', 'sourceUrl'] as const;

function checked(table: SyncTable, record: SyncedRecord): SyncedRecord {
  const { clocks: _clocks, ...rest } = record;
  const parsed = TABLE_SCHEMAS[table].record.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReferenceError('invalid', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'validation.invalidType'}`);
  }
  return record;
}

const liveChars = (record: SyncedRecord): number => (record.deleted === true || typeof record.data !== 'string' ? 0 : record.data.length);

/** Publishes the next version of `serviceCode`'s guide in the editor's province. */
export async function publishGuide(records: RecordStore, editor: Editor, serviceCode: string, input: PublishGuide, now: number) {
  const scope = provinceScope(editor.provinceId);
  const services = await records.listRecords({ scope, tables: ['services'] });
  if (!services.some((row) => row.record.code === serviceCode && row.record.deleted !== true)) {
    throw new ReferenceError('not_found', `No service ${serviceCode} in the catalogue.`);
  }
  // Every picture of the province is read inside the transaction: the budget is the province's.
  const imageIds = (await records.listRecords({ scope, tables: ['guideImages'] })).map((row) => row.record.id);
  const id = guideRecordId(serviceCode);
  const uploads = input.steps.map((step) => (step.newImage ? randomUUID() : undefined));
  const committed = await records.push({
    scope,
    userId: editor.id,
    clientId: ADMIN_CLIENT,
    mutationIds: [],
    recordKeys: [{ table: 'serviceGuides', id }, ...[...imageIds, ...uploads.filter((u) => u !== undefined)].map((image) => ({ table: 'guideImages' as const, id: image }))],
    now,
    plan: (state) => {
      const inScope = state.records.filter((row) => row.scope === scope);
      const current = inScope.find((row) => row.table === 'serviceGuides' && row.record.id === id)?.record;
      const currentVersion = current && current.deleted !== true ? Number(current.version) : 0;
      if (input.basedOn !== currentVersion) {
        throw new ReferenceError('conflict', `Version ${currentVersion} of this guide was published since version ${input.basedOn}; reload and edit again.`);
      }
      const images = new Map(inScope.filter((row) => row.table === 'guideImages').map((row) => [row.record.id, row.record]));
      const writes: { table: SyncTable; record: SyncedRecord }[] = [];
      const steps = input.steps.map((step, index) => {
        const upload = uploads[index];
        if (upload && step.newImage) {
          const record = serverCreate(upload, { ...meta(editor, now), serviceCode, ...step.newImage }, now);
          writes.push({ table: 'guideImages', record: checked('guideImages', record) });
          return { id: step.id, text: step.text, imageId: upload };
        }
        const kept = step.imageId ? images.get(step.imageId) : undefined;
        if (step.imageId && (!kept || kept.deleted === true || kept.serviceCode !== serviceCode)) {
          throw new ReferenceError('invalid', `steps.${index}.imageId: not a picture of this guide`);
        }
        return { id: step.id, text: step.text, imageId: step.imageId ?? null };
      });
      const content: Record<string, unknown> = { summary: input.summary ?? null, steps, bring: input.bring, failures: input.failures, sourceTitle: input.sourceTitle, sourceUrl: input.sourceUrl };
      if (current && current.deleted !== true && CONTENT_FIELDS.every((field) => canonicalJson(current[field] ?? null) === canonicalJson(content[field] ?? null))) {
        throw new ReferenceError('invalid', 'validation.noChange');
      }
      // Pictures of this guide the new version does not use: deleted, bytes cleared.
      const used = new Set(steps.map((step) => step.imageId).filter((image) => image !== null));
      for (const image of images.values()) {
        if (image.serviceCode === serviceCode && image.deleted !== true && !used.has(image.id)) {
          writes.push({ table: 'guideImages', record: serverWrite(image, { deleted: true, data: null }, now) });
        }
      }
      const written = new Map(writes.map((write) => [write.record.id, write.record]));
      const total = [...new Set([...images.keys(), ...written.keys()])].reduce((sum, image) => sum + liveChars(written.get(image) ?? images.get(image)!), 0);
      if (total > GUIDE_LIMITS.provinceImageChars) {
        throw new ReferenceError('invalid', `validation.imageTooLarge: the province's guide pictures would take ${total} of ${GUIDE_LIMITS.provinceImageChars} characters`);
      }
      const version = currentVersion + 1;
      const guide = current
        ? serverWrite(current, { ...content, serviceCode, version, deleted: false }, now)
        : serverCreate(id, { ...meta(editor, now), serviceCode, version, ...content }, now);
      writes.push({ table: 'serviceGuides', record: checked('serviceGuides', guide) });
      return { remember: [], writes };
    },
  });
  const record = committed.plan.writes.find((write) => write.table === 'serviceGuides')!.record;
  const change: 'published' | 'created' = Number(record.version) > 1 ? 'published' : 'created';
  return { record, change };
}
