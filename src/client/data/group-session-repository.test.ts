import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { saveSession, type SessionUser } from './session-repository';
import { createGroupSession, deleteGroupSession, getGroupSession, listGroupSessions, restoreGroupSession, updateGroupSession } from './group-session-repository';
import { PermissionError, ValidationError } from './errors';
import { uuidv7 } from '../../shared/sync/ids';
import type { GroupSessionFields } from '../../shared/schemas/group-session';

const member: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const otherMember: SessionUser = { id: uuidv7(), username: 'hung', displayName: 'Hùng', role: 'member', communeId: 'ngok-bay' };
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2026-03-01T00:00:00.000Z' });

const session = (extra: Partial<GroupSessionFields> = {}): GroupSessionFields => ({
  topic: 'Bình dân học vụ số: cài VNeID',
  place: 'Nhà văn hóa thôn Đăk Rế',
  occurredAt: '2026-03-10T01:00:00.000Z',
  participants: 25,
  women: 14,
  ...extra,
});

describe('group session repository', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.records('groupSessions').clear()]);
    await signIn(member);
  });

  it('[I7] creates a session with its outbox entry and counts it separately from logs', async () => {
    const created = await createGroupSession(session(), Date.parse('2026-03-10T02:00:00Z'));
    expect(created).toMatchObject({ participants: 25, women: 14, topic: 'Bình dân học vụ số: cài VNeID' });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ table: 'groupSessions', recordId: created.id, fields: { communeId: 'ngok-bay', createdBy: member.id, deleted: false, participants: 25 } });
    await createGroupSession(session({ participants: 10, women: null, occurredAt: '2026-02-01T01:00:00.000Z' }));
    const all = await listGroupSessions('all');
    expect([all.sessions, all.participants]).toEqual([2, 35]);
    expect(all.items[0]!.id).toBe(created.id);
    const thisMonth = await listGroupSessions('month', 200, Date.parse('2026-03-20T00:00:00Z'));
    expect([thisMonth.sessions, thisMonth.participants]).toEqual([1, 25]);
    expect(await db.records('assistanceLogs').count()).toBe(0);
  });

  it('refuses sub-counts above the participants, on create and on edit, and writes nothing', async () => {
    await expect(createGroupSession(session({ women: 30, elderly: 26 }))).rejects.toMatchObject({
      fieldErrors: { women: 'validation.exceedsParticipants', elderly: 'validation.exceedsParticipants' },
    });
    await expect(createGroupSession(session({ topic: '  ', participants: 0 }))).rejects.toMatchObject({
      fieldErrors: { topic: 'validation.required', participants: 'validation.tooSmall' },
    });
    expect(await db.outbox.count()).toBe(0);
    const created = await createGroupSession(session());
    // Lowering participants below the women already counted breaks the merged record.
    await expect(updateGroupSession(created.id, { participants: 10 })).rejects.toBeInstanceOf(ValidationError);
    expect((await getGroupSession(created.id))?.participants).toBe(25);
    await updateGroupSession(created.id, { participants: 30, ethnicMinority: 12 });
    expect(await getGroupSession(created.id)).toMatchObject({ participants: 30, ethnicMinority: 12, women: 14 });
    expect((await db.outbox.toArray()).at(-1)!.fields).toMatchObject({ participants: 30, ethnicMinority: 12 });
  });

  it('deletes with undo; only the author or a leader may change a session', async () => {
    const created = await createGroupSession(session());
    await signIn(otherMember);
    await expect(deleteGroupSession(created.id)).rejects.toBeInstanceOf(PermissionError);
    await signIn(member);
    await deleteGroupSession(created.id);
    expect((await listGroupSessions('all')).sessions).toBe(0);
    await restoreGroupSession(created.id);
    expect((await listGroupSessions('all')).sessions).toBe(1);
    expect((await db.outbox.toArray()).map((e) => e.fields.deleted)).toEqual([false, true, false]);
  });
});
