// Records and phones for the sync tests: realistic field values that pass the shared schemas.
import { AppDatabase } from '../../src/client/data/db';
import { SyncRepository } from '../../src/client/data/sync-repository';
import { writeRecord } from '../../src/client/data/local-write';
import { openRows } from '../../src/client/data/sealed-records';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import type { SyncTable } from '../../src/shared/schemas/tables';

export const COMMUNE = 'ngok-bay';
export const USER_ID = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';

let databases = 0;

export interface TestPhone {
  db: AppDatabase;
  repo: SyncRepository;
  /** The phone's own clock (tests skew it). */
  now: () => number;
  write(table: SyncTable, recordId: string, fields: Record<string, unknown>): Promise<SyncedRecord>;
  /** The rows as the app reads them: sealed fields opened. */
  rows(table: SyncTable): Promise<SyncedRecord[]>;
  close(): Promise<void>;
}

export function makePhone(now: () => number = () => Date.now()): TestPhone {
  databases += 1;
  const db = new AppDatabase(`sync-test-${databases}-${Math.random().toString(36).slice(2)}`);
  // Each phone's own data key: citizen details and notes are stored sealed, as on a real phone.
  const key = crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  return {
    db,
    repo: new SyncRepository(db, () => key),
    now,
    write: async (table, recordId, fields) => writeRecord({ table, recordId, fields }, now(), db, await key),
    rows: async (table) => openRows(table, await db.records(table).toArray(), await key),
    async close() {
      db.close();
      await db.delete();
    },
  };
}

const NOTES = [
  'Hướng dẫn bà con cài VNeID và kích hoạt tài khoản mức 2.',
  'Người dân chưa có CCCD gắn chip, hẹn tuần sau quay lại.',
  'Đã nộp hồ sơ đăng ký khai sinh trực tuyến trên Cổng dịch vụ công.',
  'Mạng yếu, cổng thanh toán không phản hồi, chuyển sang bộ phận một cửa.',
];

export function creationFields(now: number): Record<string, unknown> {
  return { communeId: COMMUNE, createdBy: USER_ID, createdAt: new Date(now).toISOString(), deleted: false };
}

export function logFields(now: number, index = 0): Record<string, unknown> {
  return {
    ...creationFields(now),
    serviceId: 'vneid-install-register',
    outcome: 'done',
    occurredAt: new Date(now).toISOString(),
    durationMin: 15 + (index % 30),
    note: NOTES[index % NOTES.length],
  };
}

export function checklistItemFields(now: number, checklistId: string = uuidv7()): Record<string, unknown> {
  return { ...creationFields(now), checklistId, itemId: 'qng25-email-01', status: 'todo' };
}

/** A record as the client stores it, without `updatedAt` noise, for comparisons. */
export function comparable(record: SyncedRecord | undefined): unknown {
  return record === undefined ? undefined : JSON.parse(JSON.stringify(record));
}

/** A roster entry as the server publishes it (src/server/admin/roster.ts), for the phone's tables. */
export function teamMemberRow(
  id: string,
  displayName: string,
  extra: { role?: 'member' | 'leader' | 'reviewer'; active?: boolean; communeId?: string } = {},
): SyncedRecord {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id,
    communeId: extra.communeId ?? COMMUNE,
    createdBy: '00000000-0000-5000-8000-000000000000',
    createdAt: at,
    updatedAt: at,
    deleted: false,
    displayName,
    role: extra.role ?? 'member',
    villageIds: [],
    phone: null,
    active: extra.active ?? true,
    clocks: {},
  };
}
