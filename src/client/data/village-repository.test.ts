import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { saveSession, type SessionUser } from './session-repository';
import { createVillage, listVillages, setVillageActive } from './village-repository';
import { PermissionError } from './errors';
import { uuidv7 } from '../../shared/sync/ids';

const leader: SessionUser = { id: uuidv7(), username: 'minh', displayName: 'Minh', role: 'leader', communeId: 'ngok-bay' };
const member: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const elsewhere: SessionUser = { id: uuidv7(), username: 'khac', displayName: 'Khác', role: 'leader', communeId: 'son-ha' };
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2026-03-01T00:00:00.000Z' });

describe('village repository', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.records('villages').clear()]);
    await signIn(leader);
  });

  it('[I7] lets a leader add villages, kept as typed, sorted in Vietnamese order, each with its outbox entry', async () => {
    await createVillage({ name: 'Thôn 10', kind: 'thon' });
    await createVillage({ name: 'Làng Kon Rờ Bàng', kind: 'lang' });
    await createVillage({ name: 'Thôn 2', kind: 'thon' });
    expect((await listVillages()).map((v) => v.name)).toEqual(['Làng Kon Rờ Bàng', 'Thôn 2', 'Thôn 10']);
    expect(await db.outbox.count()).toBe(3);
    expect((await db.outbox.toArray())[0]).toMatchObject({ table: 'villages', fields: { communeId: 'ngok-bay', active: true, deleted: false } });
  });

  it('refuses duplicates (ignoring case and diacritics), blank names and members', async () => {
    await createVillage({ name: 'Thôn Đăk Rế', kind: 'thon' });
    await expect(createVillage({ name: 'thon dak re', kind: 'thon' })).rejects.toMatchObject({ fieldErrors: { name: 'validation.duplicate' } });
    await expect(createVillage({ name: '   ', kind: 'thon' })).rejects.toMatchObject({ fieldErrors: { name: 'validation.required' } });
    await signIn(member);
    await expect(createVillage({ name: 'Thôn mới', kind: 'thon' })).rejects.toBeInstanceOf(PermissionError);
    expect(await db.outbox.count()).toBe(1);
  });

  it('deactivates instead of deleting, and never shows another commune’s villages', async () => {
    const v = await createVillage({ name: 'Tổ dân phố 3', kind: 'to_dan_pho' });
    await setVillageActive(v.id, false);
    expect(await listVillages()).toEqual([]);
    expect((await listVillages({ includeInactive: true })).map((x) => x.active)).toEqual([false]);
    await signIn(elsewhere);
    expect(await listVillages({ includeInactive: true })).toEqual([]);
  });
});
