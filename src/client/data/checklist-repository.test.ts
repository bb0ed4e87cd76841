// Creating checklists, changing their items, and the overview's list (fake-indexeddb, real repositories).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { bundleProgress, createChecklist, getChecklistBundle, listChecklistBundles, listChecklists, setChecklistArchived, updateChecklistItem } from './checklist-repository';
import { CLOCK_KEY } from './local-write';
import { NotSignedInError } from './session-repository';
import { createVillage } from './village-repository';
import { checklistItemRecordId } from '../../shared/checklists/item-id';
import { ChecklistError } from '../../shared/checklists/errors';
import { RecordNotFoundError, PermissionError, ValidationError } from './errors';
import { applyWrite, rebase } from '../../shared/sync/merge';
import { checklistItemRecordSchema } from '../../shared/schemas/checklist-item';
import { checklistRecordSchema } from '../../shared/schemas/checklist';
import { READINESS, NOW, admin, lastOutbox, leader, member, member2, newReadiness, otherLeader, resetChecklistData, reviewer, sealedAtRest, signIn, stored } from '../../../test/helpers/checklist-world';
import { openFields } from './sealed-records';
import { isSealed } from './vault/crypto';

describe('checklist repository', () => {
  beforeEach(resetChecklistData);

  describe('creating checklists', () => {
    it('makes a checklist from the newest template version with one state per item, all queued in one transaction', async () => {
      const checklist = await newReadiness();
      expect(checklist).toMatchObject({ templateId: READINESS, templateVersion: 1, scope: 'commune', villageId: null, archived: false, communeId: 'ngok-bay', createdBy: leader.id });
      expect(checklist.title).toMatch(/^Sẵn sàng hệ thống thông tin dùng chung/);
      expect(checklistRecordSchema.safeParse(await stored('checklists', checklist.id)).success).toBe(true);

      const items = await db.records('checklistItems').where('checklistId').equals(checklist.id).toArray();
      expect(items).toHaveLength(52);
      const first = (await stored('checklistItems', checklistItemRecordId(checklist.id, 'qng25-email-01')));
      expect(first).toMatchObject({ checklistId: checklist.id, itemId: 'qng25-email-01', status: 'todo', communeId: 'ngok-bay', createdBy: leader.id });
      expect(checklistItemRecordSchema.safeParse(first).success).toBe(true);

      const outbox = await db.outbox.orderBy('seq').toArray();
      expect(outbox).toHaveLength(53);
      expect(outbox[0]).toMatchObject({ table: 'checklists', recordId: checklist.id });
      expect(new Set(outbox.slice(1).map((e) => e.recordId))).toEqual(new Set(items.map((i) => i.id)));

      const bundle = (await getChecklistBundle(checklist.id))!;
      expect(bundle.template?.version).toBe(1);
      expect(bundleProgress(bundle, '2025-06-01')).toMatchObject({ total: 52, done: 0, percent: 0 });
    });

    it('only lets leaders create, and needs a signed-in user', async () => {
      await expect(createChecklist({ templateId: READINESS, scope: 'commune' })).rejects.toBeInstanceOf(NotSignedInError);
      for (const user of [member, reviewer, admin]) {
        await signIn(user);
        await expect(createChecklist({ templateId: READINESS, scope: 'commune' })).rejects.toBeInstanceOf(PermissionError);
      }
      expect(await db.records('checklists').count()).toBe(0);
      expect(await db.outbox.count()).toBe(0);
    });

    it('needs a village of the commune for a village checklist', async () => {
      await signIn(leader);
      const attempt = createChecklist({ templateId: 'village-digital-readiness', scope: 'village' });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'villageId', key: 'validation.villageRequired' }] });
      await expect(createChecklist({ templateId: 'village-digital-readiness', scope: 'village', villageId: '0197c1a2-0000-7000-8000-0000000000ff' })).rejects.toMatchObject({
        issues: [{ path: 'villageId', key: 'validation.invalidOption' }],
      });
      await expect(createChecklist({ templateId: 'no-such-template', scope: 'commune' })).rejects.toEqual(new ChecklistError('templateMissing'));
      expect(await db.outbox.count()).toBe(0);

      const village = await createVillage({ name: 'Làng Kon Rờ Bàng', kind: 'lang' }, NOW);
      const checklist = await createChecklist({ templateId: 'village-digital-readiness', scope: 'village', villageId: village.id, title: 'Sẵn sàng — Làng Kon Rờ Bàng' }, NOW);
      expect(checklist).toMatchObject({ scope: 'village', villageId: village.id, title: 'Sẵn sàng — Làng Kon Rờ Bàng' });
      // A commune or team checklist never carries a village.
      const team = await createChecklist({ templateId: 'community-digital-team-operations', scope: 'team', villageId: village.id }, NOW);
      expect(team.villageId).toBeNull();
    });

    it('shows only the signed-in user\'s commune', async () => {
      const mine = await newReadiness();
      await signIn(otherLeader);
      await createChecklist({ templateId: READINESS, scope: 'commune' }, NOW);
      expect((await listChecklists()).map((c) => c.communeId)).toEqual(['dak-mar']);
      expect(await getChecklistBundle(mine.id)).toBeUndefined();
      await expect(updateChecklistItem(mine.id, 'qng25-email-01', { status: 'done' })).rejects.toBeInstanceOf(RecordNotFoundError);
    });
  });

  describe('changing items', () => {
    it('lets members change one field at a time and queues exactly the changed fields', async () => {
      const checklist = await newReadiness();
      await db.outbox.clear();
      await signIn(member);
      const recordId = checklistItemRecordId(checklist.id, 'qng25-email-01');

      expect(await updateChecklistItem(checklist.id, 'qng25-email-01', { status: 'doing' }, NOW)).toEqual({ status: 'doing' });
      expect(await lastOutbox()).toMatchObject({ table: 'checklistItems', recordId });
      expect(Object.keys((await lastOutbox()).fields).sort()).toEqual(['status', 'updatedAt']);

      // The sheet submits everything; only what differs is written.
      const written = await updateChecklistItem(checklist.id, 'qng25-email-01', { status: 'doing', note: '  Đã gửi danh sách qua Zalo  ', assignee: 'Bình', dueDate: '2025-06-20', blockedReason: '' }, NOW);
      expect(written).toEqual({ note: 'Đã gửi danh sách qua Zalo', assignee: 'Bình', dueDate: '2025-06-20' });
      expect(Object.keys((await lastOutbox()).fields).sort()).toEqual(['assignee', 'dueDate', 'note', 'updatedAt']);
      expect(await db.outbox.count()).toBe(2);
      // The note is sealed in the record and in its outbox entry; the assignee stays clear (docs/security.md).
      expect(isSealed((await sealedAtRest('checklistItems', recordId))['note'])).toBe(true);
      expect(isSealed((await lastOutbox()).fields['note'])).toBe(true);
      expect((await lastOutbox()).fields['assignee']).toBe('Bình');
      expect((await getChecklistBundle(checklist.id))!.states.get('qng25-email-01')?.note).toBe('Đã gửi danh sách qua Zalo');

      // Nothing changes: nothing is written.
      expect(await updateChecklistItem(checklist.id, 'qng25-email-01', { status: 'doing', note: 'Đã gửi danh sách qua Zalo' }, NOW)).toEqual({});
      expect(await db.outbox.count()).toBe(2);

      // Clearing writes null.
      await updateChecklistItem(checklist.id, 'qng25-email-01', { dueDate: '', note: '' }, NOW);
      expect((await lastOutbox()).fields).toMatchObject({ dueDate: null, note: null });
      expect(await stored('checklistItems', recordId)).toMatchObject({ status: 'doing', assignee: 'Bình', dueDate: null, note: null });
      expect(checklistItemRecordSchema.safeParse(await stored('checklistItems', recordId)).success).toBe(true);
    });

    it('needs a reason to block, and keeps the reason when work resumes', async () => {
      const checklist = await newReadiness();
      await signIn(member);
      await expect(updateChecklistItem(checklist.id, 'qng25-lgsp-01', { status: 'blocked' })).rejects.toEqual(new ChecklistError('blockedReasonRequired'));
      await expect(updateChecklistItem(checklist.id, 'qng25-lgsp-01', { status: 'blocked', blockedReason: '   ' })).rejects.toEqual(new ChecklistError('blockedReasonRequired'));
      await updateChecklistItem(checklist.id, 'qng25-lgsp-01', { status: 'blocked', blockedReason: 'Chưa có tài khoản LGSP' }, NOW);
      await updateChecklistItem(checklist.id, 'qng25-lgsp-01', { status: 'doing' }, NOW);
      expect(await stored('checklistItems', checklistItemRecordId(checklist.id, 'qng25-lgsp-01'))).toMatchObject({ status: 'doing', blockedReason: 'Chưa có tài khoản LGSP' });
    });

    it('refuses bad input, unknown items, archived checklists and roles that only read — writing nothing', async () => {
      const checklist = await newReadiness();
      await db.outbox.clear();
      await signIn(member);
      await expect(updateChecklistItem(checklist.id, 'qng25-email-01', { dueDate: '2025-02-30' })).rejects.toMatchObject({ issues: [{ path: 'dueDate', key: 'validation.localDate' }] });
      await expect(updateChecklistItem(checklist.id, 'qng25-email-01', { status: 'finished' as never })).rejects.toMatchObject({ issues: [{ path: 'status', key: 'validation.invalidOption' }] });
      await expect(updateChecklistItem(checklist.id, 'qng25-email-01', { note: 'x'.repeat(2001) })).rejects.toMatchObject({ issues: [{ path: 'note', key: 'validation.tooLong' }] });
      await expect(updateChecklistItem(checklist.id, 'not-in-template', { status: 'done' })).rejects.toEqual(new ChecklistError('unknownItem'));
      for (const user of [reviewer, admin]) {
        await signIn(user);
        await expect(updateChecklistItem(checklist.id, 'qng25-email-01', { status: 'done' })).rejects.toBeInstanceOf(PermissionError);
      }
      await signIn(leader);
      await setChecklistArchived(checklist.id, true, NOW);
      await db.outbox.clear();
      await expect(updateChecklistItem(checklist.id, 'qng25-email-01', { status: 'done' })).rejects.toEqual(new ChecklistError('archived'));
      expect(await db.outbox.count()).toBe(0);
      expect((await stored('checklistItems', checklistItemRecordId(checklist.id, 'qng25-email-01'))).status).toBe('todo');
    });

    it('[merge] two members changing different fields of one item offline keep both changes, in any order', async () => {
      const checklist = await newReadiness();
      const recordId = checklistItemRecordId(checklist.id, 'qng25-email-02');
      const synced = (await db.records('checklistItems').get(recordId))!;
      await db.outbox.clear();

      // Phone A: Bình marks the item done.
      await signIn(member);
      await updateChecklistItem(checklist.id, 'qng25-email-02', { status: 'done' }, NOW + 60_000);
      const fromA = await lastOutbox();

      // Phone B (another device: its own node id and clock) starts from the same synced record and
      // writes a note a few seconds later.
      await db.records('checklistItems').put(synced);
      await db.syncState.delete(CLOCK_KEY);
      await signIn(member2);
      await updateChecklistItem(checklist.id, 'qng25-email-02', { note: 'Đã nhận email của lãnh đạo xã' }, NOW + 65_000);
      const fromB = await lastOutbox();

      expect(fromA.hlc.slice(-16)).not.toBe(fromB.hlc.slice(-16));
      expect(Object.keys(fromA.fields).sort()).toEqual(['status', 'updatedAt']);
      expect(Object.keys(fromB.fields).sort()).toEqual(['note', 'updatedAt']);

      // B's note is sealed in its outbox entry (docs/security.md); the merge moves it as it is.
      expect(isSealed(fromB.fields['note'])).toBe(true);
      const ab = applyWrite(applyWrite(synced, fromA), fromB);
      const ba = applyWrite(applyWrite(synced, fromB), fromA);
      expect(ab).toEqual(ba);
      expect(await openFields('checklistItems', ab.id, ab)).toMatchObject({ status: 'done', note: 'Đã nhận email của lãnh đạo xã' });
      // Phone B rebasing its pending note onto the server's record (which has A's status) keeps both.
      const rebased = rebase(applyWrite(synced, fromA), [fromB]);
      expect(await openFields('checklistItems', rebased.id, rebased)).toMatchObject({ status: 'done', note: 'Đã nhận email của lãnh đạo xã' });
    });

    it('creates a missing item state (not yet synced) with its status', async () => {
      const checklist = await newReadiness();
      const recordId = checklistItemRecordId(checklist.id, 'qng25-email-03');
      await db.records('checklistItems').delete(recordId);
      await signIn(member);
      await updateChecklistItem(checklist.id, 'qng25-email-03', { note: 'Chờ Văn phòng UBND tỉnh' }, NOW);
      const state = await stored('checklistItems', recordId);
      expect(state).toMatchObject({ checklistId: checklist.id, itemId: 'qng25-email-03', status: 'todo', note: 'Chờ Văn phòng UBND tỉnh', communeId: 'ngok-bay', deleted: false });
      // The author and creation time are the server's to set (the leader made the record there).
      expect(state).not.toHaveProperty('createdBy');
      expect(checklistItemRecordSchema.safeParse({ ...state, createdBy: leader.id, createdAt: '2025-06-01T02:00:00.000Z' }).success).toBe(true);
    });
  });


  it('lists every checklist with its progress for the overview', async () => {
    const checklist = await newReadiness();
    await signIn(member);
    await updateChecklistItem(checklist.id, 'qng25-email-01', { status: 'done' }, NOW);
    await updateChecklistItem(checklist.id, 'qng25-email-02', { status: 'na' }, NOW);
    await updateChecklistItem(checklist.id, 'qng25-email-03', { status: 'blocked', blockedReason: 'Chưa có danh sách' }, NOW);
    const [bundle] = await listChecklistBundles();
    // Made on 01/06/2025: the template's June deadlines count; on 30/06 most are past.
    expect(bundleProgress(bundle!, '2025-06-30')).toMatchObject({ total: 52, applicable: 51, done: 1, percent: 1, blocked: 1 });
    expect(bundleProgress(bundle!, '2025-06-30')!.overdue).toBeGreaterThan(10);
  });

});
