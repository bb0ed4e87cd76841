import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { saveSession, type SessionUser } from './session-repository';
import { createLog, recordFollowUp } from './assistance-repository';
import { listFollowUpsDue } from './assistance-list';
import { checkHandOver, handOverContent, HandOverImportError, importHandOver, listHandOverCandidates, previewHandOver, RelayKeyMissingError } from './handover-repository';
import { FollowUpColleagueError, listFollowUpColleagues } from './handover-follow-ups';
import { hasRelayKey, saveRelayKey } from './relay-key';
import { isSealed } from './vault/crypto';
import { testDataKey, unlockTestVault } from '../../../test/helpers/test-vault';
import { relayKeyBytes, verifyRelayMac } from '../../shared/handover/relay';
import { toBase64Url } from '../../shared/handover/bundle';
import { uuidv7 } from '../../shared/sync/ids';
import { teamMemberRow } from '../../../test/helpers/sync-fixtures';

const sender: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const receiver: SessionUser = { id: uuidv7(), username: 'hung', displayName: 'Hùng', role: 'member', communeId: 'ngok-bay' };
const RELAY_KEY = toBase64Url(new Uint8Array(32).fill(7));

const signIn = async (user: SessionUser) => {
  await saveSession({ user, signedInAt: '2026-03-01T00:00:00.000Z' });
  await unlockTestVault(user);
};

async function sendersBundle() {
  await signIn(sender);
  await createLog({ serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-03-10T02:00:00.000Z', note: 'Bà cần hướng dẫn lại' });
  await createLog({ serviceId: 'dvc-submit-online', outcome: 'partial', occurredAt: '2026-03-10T03:00:00.000Z' });
  await saveRelayKey(sender.id, RELAY_KEY, await testDataKey());
  const candidates = await listHandOverCandidates(sender);
  return handOverContent(sender, candidates, Date.parse('2026-03-10T04:00:00.000Z'));
}

const emptyPhone = () => Promise.all([db.outbox.clear(), db.records('assistanceLogs').clear(), db.records('teamMembers').clear(), db.syncState.clear()]);

/** The commune's roster as the server publishes it: the sender, the receiver, and people a follow-up may not go to. */
const REVIEWER = uuidv7();
const LEFT = uuidv7();
const ELSEWHERE = uuidv7();
const LEADER = uuidv7();
const roster = () =>
  db.syncedTable('teamMembers').bulkPut([
    teamMemberRow(sender.id, 'Lan', { communeId: 'ngok-bay' }),
    teamMemberRow(receiver.id, 'Hùng', { communeId: 'ngok-bay' }),
    teamMemberRow(LEADER, 'Đinh Văn Tổ', { communeId: 'ngok-bay', role: 'leader' }),
    teamMemberRow(REVIEWER, 'Phạm Thị Hoa', { communeId: 'ngok-bay', role: 'reviewer' }),
    teamMemberRow(LEFT, 'Y Blông Niê', { communeId: 'ngok-bay', active: false }),
    teamMemberRow(ELSEWHERE, 'Hồ Văn Khác', { communeId: 'son-ha' }),
  ]);

/** The receiving phone: nothing of the sender's left in its database. */
async function receiversPhone() {
  await emptyPhone();
  await signIn(receiver);
}

describe('hand-over on the phone', () => {
  beforeEach(emptyPhone);

  it("exports the sender's unsent changes opened, each with the sender's MAC over exactly what the server will receive", async () => {
    const content = await sendersBundle();
    expect(await hasRelayKey(sender.id)).toBe(true);
    expect(content).toMatchObject({ communeId: 'ngok-bay', author: { id: sender.id, displayName: 'Lan' } });
    expect(content.entries).toHaveLength(2);
    expect(content.entries[0]!.fields.note).toBe('Bà cần hướng dẫn lại');
    const key = relayKeyBytes(RELAY_KEY)!;
    for (const entry of content.entries) {
      expect(entry.relay?.author).toBe(sender.id);
      expect(await verifyRelayMac(key, entry, entry.relay!.mac)).toBe(true);
    }
    expect(await verifyRelayMac(key, { ...content.entries[0]!, fields: { ...content.entries[0]!.fields, note: 'khác' } }, content.entries[0]!.relay!.mac)).toBe(false);
  });

  it('refuses to export without the relay key (the member has not been online since installing)', async () => {
    await signIn(sender);
    await createLog({ serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-03-10T02:00:00.000Z' });
    await expect(handOverContent(sender, await listHandOverCandidates(sender))).rejects.toBeInstanceOf(RelayKeyMissingError);
  });

  it("imports on the colleague's phone: same ids, clocks, author and MAC, sealed with the receiver's key; twice adds nothing", async () => {
    const content = await sendersBundle();
    await receiversPhone();
    expect(await previewHandOver(receiver, content)).toEqual({ byTable: { assistanceLogs: 2 }, alreadyHere: 0, followUps: 0 });
    expect(await importHandOver(receiver, content)).toBe(2);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map(({ id, hlc, relay }) => ({ id, hlc, relay }))).toEqual(content.entries.map(({ id, hlc, relay }) => ({ id, hlc, relay })));
    expect(isSealed(outbox[0]!.fields.note)).toBe(true);
    const stored = await db.records('assistanceLogs').get(content.entries[0]!.recordId);
    expect(stored?.createdBy).toBe(sender.id);
    expect(isSealed(stored?.note)).toBe(true);
    expect(await previewHandOver(receiver, content)).toEqual({ byTable: { assistanceLogs: 2 }, alreadyHere: 2, followUps: 0 });
    expect(await importHandOver(receiver, content)).toBe(0);
    // The receiver does not hand a colleague's changes on as their own.
    expect(await listHandOverCandidates(receiver)).toEqual([]);
  });

  it('hands an open follow-up to a colleague: the log with its consenting citizen, recorded in the audit trail; the colleague lists and records it, the log stays the sender’s', async () => {
    await signIn(sender);
    const evidence = { method: 'spoken' as const, noticeVersion: 'v1', recordedAt: '2026-03-10T02:00:00.000Z', recordedBy: sender.id, purposes: ['followUp' as const] };
    const log = await createLog({ serviceId: 'vneid-install-register', outcome: 'partial', occurredAt: '2026-03-10T02:00:00.000Z', followUpAt: '2026-03-12', citizen: { name: 'Hoàng Thị Mỵ', consent: true, consentEvidence: evidence } });
    // Synced since: nothing of it waits in the outbox, and the roster is on the phone.
    await db.outbox.clear();
    await roster();
    await saveRelayKey(sender.id, RELAY_KEY, await testDataKey());
    const content = await handOverContent(sender, [], Date.parse('2026-03-10T04:00:00.000Z'), { logIds: [log.id], to: receiver.id });
    expect(content.entries.map((entry) => entry.fields)).toEqual([expect.objectContaining({ followUpBy: receiver.id })]);
    expect(content.followUps?.map((record) => record.id)).toEqual([log.id]);
    expect(await db.auditEvents.where('[userId+subjectId]').equals([sender.id, log.id]).toArray()).toEqual([expect.objectContaining({ kind: 'citizen.handedOver', details: { table: 'assistanceLogs', to: receiver.id } })]);

    await receiversPhone();
    expect(await previewHandOver(receiver, content)).toMatchObject({ followUps: 1 });
    await importHandOver(receiver, content);
    const stored = await db.records('assistanceLogs').get(log.id);
    expect(stored).toMatchObject({ createdBy: sender.id, followUpBy: receiver.id, followUpAt: '2026-03-12' });
    expect(isSealed(stored?.citizen)).toBe(true);
    const due = await listFollowUpsDue(Date.parse('2026-03-12T05:00:00.000Z'));
    expect(due.map((item) => [item.log.id, item.log.citizen?.name])).toEqual([[log.id, 'Hoàng Thị Mỵ']]);
    const done = await recordFollowUp(log.id, { outcome: 'done' });
    expect(done).toMatchObject({ createdBy: sender.id, followUpDone: true, outcome: 'done' });
    // Another member's bundle of it: refused, nothing written.
    await expect(importHandOver({ ...receiver, id: uuidv7() }, content)).rejects.toBeInstanceOf(HandOverImportError);
  });

  it('hands a follow-up only to an active member or leader of the commune: the picker offers no one else, and anyone else is refused with nothing written', async () => {
    await signIn(sender);
    await roster();
    expect((await listFollowUpColleagues(sender)).map((member) => member.displayName)).toEqual(['Đinh Văn Tổ', 'Hùng']);
    const log = await createLog({ serviceId: 'vneid-install-register', outcome: 'partial', occurredAt: '2026-03-10T02:00:00.000Z', followUpAt: '2026-03-12' });
    await db.outbox.clear();
    await saveRelayKey(sender.id, RELAY_KEY, await testDataKey());
    for (const to of [REVIEWER, LEFT, ELSEWHERE, uuidv7()]) {
      await expect(handOverContent(sender, [], Date.now(), { logIds: [log.id], to })).rejects.toBeInstanceOf(FollowUpColleagueError);
    }
    expect(await db.outbox.count()).toBe(0);
    expect((await db.records('assistanceLogs').get(log.id))?.followUpBy).toBeUndefined();
    expect(await db.auditEvents.where('[userId+subjectId]').equals([sender.id, log.id]).count()).toBe(0);
    // A leader of the commune may take it.
    const content = await handOverContent(sender, [], Date.now(), { logIds: [log.id], to: LEADER });
    expect(content.followUps?.map((record) => record.followUpBy)).toEqual([LEADER]);
  });

  it('refuses, writing nothing, a bundle of another commune, a change in someone else’s name, or one without its MAC', async () => {
    const content = await sendersBundle();
    await receiversPhone();
    const refusal = async (changed: typeof content) => {
      try {
        await importHandOver(receiver, changed);
        return 'imported';
      } catch (error) {
        return error instanceof HandOverImportError ? error.problem : String(error);
      }
    };
    const [first, second] = content.entries;
    expect(await refusal({ ...content, communeId: 'son-ha' })).toBe('notSameCommune');
    expect(await refusal({ ...content, entries: [first!, { ...second!, fields: { ...second!.fields, createdBy: receiver.id } }] })).toBe('notHandOver');
    const { relay: _relay, ...bare } = second!;
    expect(await refusal({ ...content, entries: [first!, bare] })).toBe('notHandOver');
    expect(() => checkHandOver({ ...receiver, communeId: null }, content)).toThrow(HandOverImportError);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.records('assistanceLogs').count()).toBe(0);
  });
});
