// A checklist's template versions, archive and sign-off, and every queued mutation checked against the
// server's own rules (fake-indexeddb, real repositories).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { createChecklist, getChecklistBundle, listChecklists, setChecklistArchived, signOffChecklist, updateChecklistItem } from './checklist-repository';
import { getTemplateVersion } from './checklist-template-repository';
import { type SessionUser } from './session-repository';
import { checklistItemRecordId } from '../../shared/checklists/item-id';
import { ChecklistError } from '../../shared/checklists/errors';
import { PermissionError } from './errors';
import { applyWrite } from '../../shared/sync/merge';
import { signOffRecordSchema } from '../../shared/schemas/sign-off';
import { validateMergedRecord, validateMutation } from '../../shared/sync/registry';
import type { SyncUser } from '../../shared/sync/scopes';
import type { SyncedRecord } from '../../shared/sync/merge';
import { publishTemplateVersion } from '../../../test/helpers/template-versions';
import { READINESS, NOW, admin, lastOutbox, leader, member, newReadiness, resetChecklistData, reviewer, sealedAtRest, signIn, stored } from '../../../test/helpers/checklist-world';
import { testDataKey } from '../../../test/helpers/test-vault';
import { openFields } from './sealed-records';
import { isSealed } from './vault/crypto';

describe('checklist repository', () => {
  beforeEach(resetChecklistData);

  describe('template versions', () => {
    it('keeps existing checklists on their version when an admin publishes a new one', async () => {
      const old = await newReadiness();
      await signIn(admin);
      await publishTemplateVersion(READINESS, { items: [{ itemId: 'qng25-email-01', title: { vi: 'Cập nhật danh sách cán bộ', en: 'Update the staff list' }, due: '2026-02-01' }] }, NOW);
      await signIn(leader);
      const fresh = await createChecklist({ templateId: READINESS, scope: 'commune' }, NOW);
      expect(fresh.templateVersion).toBe(2);
      const oldBundle = (await getChecklistBundle(old.id))!;
      const freshBundle = (await getChecklistBundle(fresh.id))!;
      expect(oldBundle.checklist.templateVersion).toBe(1);
      expect(oldBundle.template?.version).toBe(1);
      expect(oldBundle.template?.items[0]?.title.vi).toBe((await getTemplateVersion(READINESS, 1))!.items[0]!.title.vi);
      expect(freshBundle.template?.items[0]?.title.vi).toBe('Cập nhật danh sách cán bộ');
      // Item changes on the old checklist still check against version 1.
      await signIn(member);
      await updateChecklistItem(old.id, 'qng25-email-01', { status: 'done' }, NOW);
    });
  });

  describe('archive and sign-off', () => {
    it('lets leaders archive and restore; others may not', async () => {
      const checklist = await newReadiness();
      await db.outbox.clear();
      for (const user of [member, reviewer]) {
        await signIn(user);
        await expect(setChecklistArchived(checklist.id, true)).rejects.toBeInstanceOf(PermissionError);
      }
      expect(await db.outbox.count()).toBe(0);
      await signIn(leader);
      await setChecklistArchived(checklist.id, true, NOW);
      expect((await lastOutbox()).fields).toMatchObject({ archived: true });
      expect(Object.keys((await lastOutbox()).fields).sort()).toEqual(['archived', 'updatedAt']);
      expect((await listChecklists())[0]?.archived).toBe(true);
      await setChecklistArchived(checklist.id, false, NOW);
      expect((await listChecklists())[0]?.archived).toBe(false);
      expect(await db.outbox.count()).toBe(2);
    });

    it('lets a reviewer sign off a completed checklist only, with who, when and a comment', async () => {
      await signIn(leader);
      const checklist = await createChecklist({ templateId: 'village-digital-readiness', scope: 'team' }, NOW);
      const template = (await getTemplateVersion('village-digital-readiness', 1))!;
      await signIn(reviewer);
      await expect(signOffChecklist(checklist.id, null, NOW)).rejects.toEqual(new ChecklistError('notComplete'));

      await signIn(member);
      for (const [index, item] of template.items.entries()) {
        await updateChecklistItem(checklist.id, item.id, { status: index === 0 ? 'na' : 'done' }, NOW);
      }
      for (const user of [member, leader, admin]) {
        await signIn(user);
        await expect(signOffChecklist(checklist.id, null, NOW)).rejects.toBeInstanceOf(PermissionError);
      }
      await signIn(reviewer);
      await db.outbox.clear();
      const signOff = await signOffChecklist(checklist.id, 'Đã kiểm tra tại thôn', NOW);
      expect(signOff).toMatchObject({ checklistId: checklist.id, signedBy: reviewer.id, signedAt: '2025-06-01T02:00:00.000Z', comment: 'Đã kiểm tra tại thôn' });
      expect(await db.outbox.count()).toBe(1);
      expect(await lastOutbox()).toMatchObject({ table: 'signOffs', recordId: signOff.id });
      expect(signOffRecordSchema.safeParse(await stored('signOffs', signOff.id)).success).toBe(true);
      // The comment is sealed at rest, in the record and in its outbox entry (docs/security.md).
      expect(isSealed((await sealedAtRest('signOffs', signOff.id))['comment'])).toBe(true);
      expect(isSealed((await lastOutbox()).fields['comment'])).toBe(true);
      expect((await getChecklistBundle(checklist.id))!.signOffs).toEqual([signOff]);
    });
  });


  it('[server] every queued mutation passes the server\'s own rules for its author\'s role', async () => {
    // A stand-in for the server: the shared registry (role, scope, server-owned fields, patch
    // schema) and the merged-record check, applied to the outbox in order.
    const server = new Map<string, SyncedRecord>();
    const syncUser = (user: SessionUser): SyncUser => ({ id: user.id, role: user.role, communeId: user.communeId, provinceId: user.provinceId ?? (user.communeId ? 'quang-ngai' : null) });
    async function pushAs(user: SessionUser): Promise<void> {
      // Opened as the sync engine opens the outbox before a push (sync-repository.ts).
      for (const sealed of await db.outbox.orderBy('seq').toArray()) {
        const entry = { ...sealed, fields: await openFields(sealed.table, sealed.recordId, sealed.fields, await testDataKey()) };
        const key = `${entry.table}/${entry.recordId}`;
        const existing = server.get(key);
        const verdict = validateMutation(syncUser(user), entry, existing);
        expect({ key, verdict: verdict.ok ? 'ok' : verdict }).toEqual({ key, verdict: 'ok' });
        if (!verdict.ok) return;
        const at = new Date(NOW).toISOString();
        const merged = applyWrite(existing, { recordId: entry.recordId, hlc: entry.hlc, fields: { ...verdict.patch, updatedAt: at, ...(verdict.created ? { createdAt: at } : {}) } });
        expect(validateMergedRecord(entry.table, merged)).toBeUndefined();
        server.set(key, merged);
      }
      await db.outbox.clear();
    }

    const checklist = await newReadiness();
    await pushAs(leader);
    expect([...server.keys()].filter((k) => k.startsWith('checklistItems/'))).toHaveLength(52);

    await signIn(member);
    await updateChecklistItem(checklist.id, 'qng25-email-01', { status: 'done', note: 'Xong', assignee: 'Bình', dueDate: '2025-06-20' }, NOW);
    await updateChecklistItem(checklist.id, 'qng25-email-02', { status: 'blocked', blockedReason: 'Chưa có email' }, NOW);
    await pushAs(member);
    expect(server.get(`checklistItems/${checklistItemRecordId(checklist.id, 'qng25-email-01')}`)).toMatchObject({ status: 'done', note: 'Xong', createdBy: leader.id });

    // The fallback creation of a state the phone lacks is accepted even though the leader made it.
    await db.records('checklistItems').delete(checklistItemRecordId(checklist.id, 'qng25-email-03'));
    await updateChecklistItem(checklist.id, 'qng25-email-03', { note: 'Chờ tỉnh' }, NOW);
    await pushAs(member);

    await signIn(leader);
    await setChecklistArchived(checklist.id, true, NOW);
    await setChecklistArchived(checklist.id, false, NOW);
    await pushAs(leader);

    await signIn(admin);
    await publishTemplateVersion('village-digital-readiness', { title: { vi: 'Sẵn sàng chuyển đổi số ở thôn (2027)', en: '' } }, NOW);
    await pushAs(admin);

    await signIn(leader);
    const small = await createChecklist({ templateId: 'village-digital-readiness', scope: 'team' }, NOW);
    expect(small.templateVersion).toBe(2);
    await pushAs(leader);
    await signIn(member);
    for (const item of (await getTemplateVersion('village-digital-readiness', 2))!.items) await updateChecklistItem(small.id, item.id, { status: 'done' }, NOW);
    await pushAs(member);
    await signIn(reviewer);
    await signOffChecklist(small.id, 'Đạt', NOW);
    await pushAs(reviewer);
  });
});
