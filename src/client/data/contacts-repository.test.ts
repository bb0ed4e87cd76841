import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import {
  createContact,
  deleteContact,
  findDuplicatePhones,
  getContact,
  listContacts,
  markContactVerified,
  restoreContact,
  setContactFavorite,
  updateContact,
} from './contacts-repository';
import { PermissionError, ValidationError } from './errors';
import { clearSession, saveSession, type SessionUser } from './session-repository';
import { NotSignedInError } from './session-repository';
import { validateMutation } from '../../shared/sync/registry';
import type { SyncedRecord } from '../../shared/sync/merge';

const member: SessionUser = { id: '0197c1a2-0000-7000-8000-000000000001', username: 'binh', displayName: 'Bình', role: 'member', communeId: 'dak-mar' };
const leader: SessionUser = { ...member, id: '0197c1a2-0000-7000-8000-000000000002', username: 'lan', role: 'leader' };
const reviewer: SessionUser = { ...member, id: '0197c1a2-0000-7000-8000-000000000003', username: 'hoa', role: 'reviewer' };

const syncUser = (user: SessionUser) => ({ id: user.id, role: user.role, communeId: user.communeId, provinceId: 'quang-ngai' });
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2025-07-01T01:00:00.000Z' });
const NOW = Date.parse('2025-07-10T20:30:00.000Z'); // 03:30 on 11/07/2025 in Vietnam

const binh = { name: 'Nguyễn Văn Bình', organization: 'VNPT Quảng Ngãi', phones: ['0912 345 678'], systems: ['qlvb'] };

describe('contacts repository', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.syncState.clear(), db.records('contacts').clear(), db.drafts.clear(), clearSession()]);
    await signIn(member);
  });

  it('creates a contact with normalised numbers, its commune and author, and one outbox entry', async () => {
    const created = await createContact(binh, NOW);
    expect(created).toMatchObject({ name: 'Nguyễn Văn Bình', phones: ['0912345678'], communeId: 'dak-mar', createdBy: member.id, deleted: false, favorite: false });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ table: 'contacts', recordId: created.id });
    expect(outbox[0]!.fields).toMatchObject({ name: 'Nguyễn Văn Bình', phones: ['0912345678'], communeId: 'dak-mar', createdBy: member.id, deleted: false });
    expect(await listContacts('dak-mar')).toEqual([created]);
    expect(await listContacts('other-commune')).toEqual([]);
  });

  it('queues changes that the shared sync rules accept (create, edit, verify, favourite; delete as leader)', async () => {
    const created = await createContact({ ...binh, email: 'binh@vnpt.vn', zalo: 'zalo.me/g/abc', lastVerifiedAt: '2025-07-01' }, NOW);
    await updateContact(created.id, { ...binh, area: 'Đăk Mar' }, NOW);
    await markContactVerified(created.id, NOW);
    await setContactFavorite(created.id, true, NOW);
    let existing: SyncedRecord | undefined;
    for (const entry of await db.outbox.orderBy('seq').toArray()) {
      const verdict = validateMutation(syncUser(member), { table: 'contacts', recordId: entry.recordId, fields: entry.fields }, existing);
      expect(verdict).toMatchObject({ ok: true });
      existing = { ...existing, ...(verdict.ok ? verdict.patch : {}), id: entry.recordId, clocks: {} };
    }
    await signIn(leader);
    await deleteContact(created.id, NOW);
    const last = (await db.outbox.orderBy('seq').last())!;
    expect(validateMutation(syncUser(leader), { table: 'contacts', recordId: last.recordId, fields: last.fields }, existing)).toMatchObject({ ok: true });
    expect(validateMutation(syncUser(member), { table: 'contacts', recordId: last.recordId, fields: last.fields }, existing)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses bad input with field keys and writes nothing', async () => {
    const attempt = createContact({ name: '  ', phones: ['0912 345 678', '12345'], email: 'hotro at vnpt' });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const issues = await attempt.catch((error: ValidationError) => error.issues);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'name', key: 'validation.required' },
        { path: 'phones.1', key: 'validation.phone' },
        { path: 'email', key: 'validation.email' },
      ]),
    );
    expect(await db.records('contacts').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('needs a signed-in user, and reviewers only read', async () => {
    await clearSession();
    await expect(createContact(binh)).rejects.toBeInstanceOf(NotSignedInError);
    await signIn(reviewer);
    await expect(createContact(binh)).rejects.toBeInstanceOf(PermissionError);
    expect(await db.outbox.count()).toBe(0);
  });

  it('edits only the fields that changed, clearing emptied ones', async () => {
    const created = await createContact({ ...binh, note: 'Gọi giờ hành chính', area: 'Đăk Mar' }, NOW);
    const edited = await updateContact(created.id, { ...binh, phones: ['0912345678', '+84 255 3822 123'], area: 'Đăk Mar' }, NOW + 1000);
    expect(edited).toMatchObject({ phones: ['0912345678', '02553822123'], note: null, area: 'Đăk Mar' });
    const entries = await db.outbox.orderBy('seq').toArray();
    expect(entries).toHaveLength(2);
    expect(Object.keys(entries[1]!.fields).sort()).toEqual(['note', 'phones', 'updatedAt']);
    expect(entries[1]!.fields.note).toBeNull();

    // Saving the same values again writes nothing.
    await updateContact(created.id, { ...binh, phones: ['0912345678', '02553822123'], area: 'Đăk Mar' });
    expect(await db.outbox.count()).toBe(2);
  });

  it('soft-deletes (leaders only) and undoes, each write one outbox entry', async () => {
    const created = await createContact(binh, NOW);
    await expect(deleteContact(created.id)).rejects.toBeInstanceOf(PermissionError);
    await signIn(leader);
    await deleteContact(created.id, NOW + 1);
    expect(await listContacts('dak-mar')).toEqual([]);
    expect((await getContact(created.id, 'dak-mar'))?.deleted).toBe(true);
    await restoreContact(created.id, NOW + 2);
    expect((await listContacts('dak-mar')).map((c) => c.id)).toEqual([created.id]);
    const entries = await db.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => e.fields.deleted)).toEqual([false, true, false]);
  });

  it('marks a contact verified today in Vietnam and toggles the favourite', async () => {
    const created = await createContact(binh, NOW);
    expect((await markContactVerified(created.id, NOW)).lastVerifiedAt).toBe('2025-07-11');
    expect((await setContactFavorite(created.id, true, NOW)).favorite).toBe(true);
    expect(await db.outbox.count()).toBe(3);
  });

  it('does not touch a contact of another commune', async () => {
    const created = await createContact(binh, NOW);
    await signIn({ ...member, communeId: 'ngok-bay' });
    await expect(markContactVerified(created.id)).rejects.toThrow('errors.notFound');
    expect(await db.outbox.count()).toBe(1);
  });

  it('finds another contact with the same number however it was typed, as phone or Zalo', async () => {
    const first = await createContact(binh, NOW);
    const second = await createContact({ name: 'Trần Thị Lan', zalo: '0987 654 321' }, NOW);
    const found = await findDuplicatePhones(['+84 912.345.678', '0987654321'], { communeId: 'dak-mar' });
    expect(found.map((d) => [d.phone, d.contact.name])).toEqual([
      ['0912345678', 'Nguyễn Văn Bình'],
      ['0987654321', 'Trần Thị Lan'],
    ]);
    // The contact being edited is not its own duplicate; deleted contacts and other communes do not count.
    expect(await findDuplicatePhones(['0912345678'], { communeId: 'dak-mar', excludeId: first.id })).toEqual([]);
    expect(await findDuplicatePhones(['0912345678'], { communeId: 'ngok-bay' })).toEqual([]);
    await signIn(leader);
    await deleteContact(second.id);
    expect(await findDuplicatePhones(['0987654321'], { communeId: 'dak-mar' })).toEqual([]);
  });
});
