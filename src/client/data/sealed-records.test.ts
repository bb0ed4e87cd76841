import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { db, type OpenedRecord, type RecordOf, type StoredRecord } from './db';
import { CLEAR_AT_REST, openFields, openRow, openRows, SEALED_FIELDS, sealedFieldsOf, sealFields, UnreadableSealedError } from './sealed-records';
import { isSealed, type Sealed } from './vault/crypto';
import { adoptKey, lockVault, LockedError } from './vault/vault';
import type { AssistanceLogRecord } from '../../shared/schemas/assistance-log';
import type { Hlc } from '../../shared/sync/hlc';
import { FIELD_CLASSES } from '../../shared/schemas/classification';
import { SYNC_TABLES } from '../../shared/schemas/tables';

const topLevel = (path: string): string => path.split(/[.[]/)[0]!;

describe('sealed fields at rest', () => {
  it('seals every personal or sensitive field of the data inventory, or says why it stays clear', () => {
    const unexplained: string[] = [];
    for (const table of SYNC_TABLES) {
      for (const [path, field] of Object.entries(FIELD_CLASSES[table])) {
        if (field.category === 'none') continue;
        const name = topLevel(path);
        const explained = sealedFieldsOf(table).includes(name) || name in CLEAR_AT_REST || `${table}.*` in CLEAR_AT_REST || `${table}.${name}` in CLEAR_AT_REST;
        if (!explained) unexplained.push(`${table}.${path}`);
      }
    }
    expect(unexplained).toEqual([]);
  });

  it('names only fields of the inventory, and none an index would expose', () => {
    for (const [table, names] of Object.entries(SEALED_FIELDS)) {
      const known = new Set(Object.keys(FIELD_CLASSES[table as keyof typeof FIELD_CLASSES]).map(topLevel));
      const indexed = db.table(table).schema.indexes.flatMap((index) => (Array.isArray(index.keyPath) ? index.keyPath : [index.keyPath]));
      for (const name of names ?? []) {
        expect(known.has(name), `${table}.${name}`).toBe(true);
        expect(indexed, `${table}.${name}`).not.toContain(name);
      }
    }
  });

  it('binds each sealed value to its table, record and field', async () => {
    const key = (await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']));
    const sealed = await sealFields('assistanceLogs', 'a', { note: 'ghi chú', outcome: 'done', citizen: null }, key);
    expect(isSealed(sealed.note)).toBe(true);
    expect(sealed).toMatchObject({ outcome: 'done', citizen: null });
    expect(await openFields('assistanceLogs', 'a', sealed, key)).toEqual({ note: 'ghi chú', outcome: 'done', citizen: null });
    // Moved to another record: refused.
    await expect(openFields('assistanceLogs', 'b', sealed, key)).rejects.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Opening: what a screen receives (docs/security.md "Encryption at rest", "Opening").

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const HLC = '0000000000001-0000-aaaaaaaaaaaaaaaa' as Hlc;
const CITIZEN = {
  consent: true as const,
  consentEvidence: { method: 'spoken' as const, noticeVersion: '2026-01', recordedAt: '2026-03-10T02:00:00.000Z', recordedBy: 'lan' },
  name: 'Nguyễn Thị Hoa',
  phone: '0912345678',
};

function plainLog(id: string, note: string | null, citizen: typeof CITIZEN | null): OpenedRecord<'assistanceLogs'> {
  const at = '2026-03-10T02:00:00.000Z';
  return { id, communeId: 'ngok-bay', createdBy: 'lan', createdAt: at, updatedAt: at, deleted: false, serviceId: 'vneid-install-register', outcome: 'done', occurredAt: at, note, citizen, clocks: { note: HLC } };
}

/** The row as the phone stores it: its note and citizen sealed under `key`. */
async function storedLog(plain: OpenedRecord<'assistanceLogs'>, key: CryptoKey): Promise<StoredRecord<'assistanceLogs'>> {
  return { ...plain, ...(await sealFields('assistanceLogs', plain.id, { note: plain.note, citizen: plain.citizen }, key)) };
}

describe('opening sealed records', () => {
  afterEach(() => lockVault());

  it('gives back the plaintext of each envelope, leaves plaintext and null as they are', async () => {
    const key = await newKey();
    const sealed = plainLog('log-1', 'Bà Hoa nhờ cài VNeID', CITIZEN);
    const olderRelease = plainLog('log-2', 'Ghi chú từ bản cũ', CITIZEN);
    const anonymous = plainLog('log-3', null, null);
    const rows = [await storedLog(sealed, key), olderRelease, anonymous];
    expect(isSealed(rows[0]!.note) && isSealed(rows[0]!.citizen)).toBe(true);

    const opened = await openRows('assistanceLogs', rows, key);
    expect(opened).toEqual([sealed, olderRelease, anonymous]);
    // A row with no envelope is handed on as it is, not copied.
    expect(opened[1]).toBe(olderRelease);
    expect(await openRow('assistanceLogs', rows[0]!, key)).toEqual(sealed);
    expect(await openRow('assistanceLogs', undefined, key)).toBeUndefined();
  });

  it('opens with the unlocked member’s key; locked, only rows without an envelope open', async () => {
    const key = await newKey();
    const row = await storedLog(plainLog('log-1', 'Bà Hoa nhờ cài VNeID', null), key);
    await expect(openRows('assistanceLogs', [row])).rejects.toBeInstanceOf(LockedError);
    expect(await openRows('assistanceLogs', [plainLog('log-2', 'bản cũ', null)])).toHaveLength(1);
    adoptKey({ id: 'lan', username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' }, key);
    expect((await openRows('assistanceLogs', [row]))[0]!.note).toBe('Bà Hoa nhờ cài VNeID');
  });

  it('refuses another member’s key with an error naming the value, never its content', async () => {
    const row = await storedLog(plainLog('log-1', 'Bà Hoa nhờ cài VNeID', CITIZEN), await newKey());
    const error: unknown = await openRows('assistanceLogs', [row], await newKey()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreadableSealedError);
    expect(error).toMatchObject({ name: 'UnreadableSealedError', table: 'assistanceLogs', recordId: 'log-1' });
    expect(String(error)).toMatch(/assistanceLogs\/log-1\/(note|citizen).*this member's key/);
    for (const text of ['Hoa', '0912345678', 'VNeID']) expect(String(error)).not.toContain(text);
  });

  it('refuses an envelope moved to another field or record', async () => {
    const key = await newKey();
    const row = await storedLog(plainLog('log-1', 'Bà Hoa nhờ cài VNeID', CITIZEN), key);
    const { note, citizen } = row;
    if (!isSealed(note) || !isSealed(citizen)) throw new Error('storedLog seals both');
    const swapped: StoredRecord<'assistanceLogs'> = { ...row, note: citizen, citizen: note };
    await expect(openRow('assistanceLogs', swapped, key)).rejects.toMatchObject({ name: 'UnreadableSealedError', recordId: 'log-1' });
    await expect(openRow('assistanceLogs', { ...row, id: 'log-2' }, key)).rejects.toMatchObject({ name: 'UnreadableSealedError', recordId: 'log-2' });
  });

  it('types a stored sealed field as envelope or plaintext, and an opened one as plaintext only', () => {
    // Checked by `npm run typecheck`: a regression in db.ts or sealed-records.ts fails it.
    expectTypeOf<StoredRecord<'assistanceLogs'>['note']>().toEqualTypeOf<AssistanceLogRecord['note'] | Sealed>();
    expectTypeOf<StoredRecord<'assistanceLogs'>['citizen']>().toEqualTypeOf<AssistanceLogRecord['citizen'] | Sealed>();
    expectTypeOf<StoredRecord<'assistanceLogs'>['outcome']>().toEqualTypeOf<AssistanceLogRecord['outcome']>();
    expectTypeOf<StoredRecord<'checklists'>['title']>().toEqualTypeOf<RecordOf<'checklists'>['title']>();
    expectTypeOf<OpenedRecord<'assistanceLogs'>['note']>().toEqualTypeOf<AssistanceLogRecord['note']>();
    expectTypeOf<OpenedRecord<'signOffs'>['comment']>().toEqualTypeOf<RecordOf<'signOffs'>['comment']>();
    // What the screens' types are made of: an opened row is one, a stored row is not.
    expectTypeOf<OpenedRecord<'assistanceLogs'>>().toMatchTypeOf<AssistanceLogRecord>();
    expectTypeOf<StoredRecord<'assistanceLogs'>>().not.toMatchTypeOf<AssistanceLogRecord>();
    expectTypeOf<StoredRecord<'rightsRequests'>>().not.toMatchTypeOf<RecordOf<'rightsRequests'>>();
    expectTypeOf(openRows<'assistanceLogs'>).returns.resolves.toEqualTypeOf<OpenedRecord<'assistanceLogs'>[]>();
  });
});
