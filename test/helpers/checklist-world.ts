// The ground of the checklist repository tests (src/client/data/checklist-*.test.ts): a commune's
// team and a province admin, signing in, the readiness template, an empty database before each test.
import { db } from '../../src/client/data/db';
import { createChecklist } from '../../src/client/data/checklist-repository';
import { ensureTemplateSeed } from '../../src/client/data/checklist-template-repository';
import { clearSession, saveSession, type SessionUser } from '../../src/client/data/session-repository';
import { openFields } from '../../src/client/data/sealed-records';
import { testDataKey, unlockTestVault } from './test-vault';

const base = { communeId: 'ngok-bay' };
export const member: SessionUser = { ...base, id: '0197c1a2-0000-7000-8000-000000000001', username: 'binh', displayName: 'Bình', role: 'member' };
export const member2: SessionUser = { ...base, id: '0197c1a2-0000-7000-8000-000000000004', username: 'mai', displayName: 'Mai', role: 'member' };
export const leader: SessionUser = { ...base, id: '0197c1a2-0000-7000-8000-000000000002', username: 'lan', displayName: 'Lan', role: 'leader' };
export const reviewer: SessionUser = { ...base, id: '0197c1a2-0000-7000-8000-000000000003', username: 'hoa', displayName: 'Hoa', role: 'reviewer' };
export const admin: SessionUser = { id: '0197c1a2-0000-7000-8000-00000000000a', username: 'so', displayName: 'Sở', role: 'admin', communeId: null, provinceId: 'quang-ngai' };
export const otherLeader: SessionUser = { ...leader, id: '0197c1a2-0000-7000-8000-000000000009', communeId: 'dak-mar' };
/** A signed-in member is an unlocked one: notes and comments are sealed with the phone's test key. */
export async function signIn(user: SessionUser): Promise<void> {
  await saveSession({ user, signedInAt: '2025-07-01T01:00:00.000Z' });
  await unlockTestVault(user);
}

export const READINESS = 'qng-2025-commune-shared-systems-readiness';
export const NOW = Date.parse('2025-06-01T02:00:00.000Z');
export const TABLES = ['checklists', 'checklistItems', 'checklistTemplates', 'signOffs', 'villages'] as const;

export const lastOutbox = async () => (await db.outbox.orderBy('seq').last())!;
/** A stored record without its clocks, as IndexedDB holds it (notes and comments sealed). */
export const sealedAtRest = async (table: (typeof TABLES)[number], id: string) => {
  const { clocks: _clocks, ...fields } = (await db.syncedTable(table).get(id))!;
  return fields;
};
/** The same with its sealed fields opened, as the screens read it. */
export const stored = async (table: (typeof TABLES)[number], id: string) => openFields(table, id, await sealedAtRest(table, id), await testDataKey());

export async function newReadiness() {
  await signIn(leader);
  return createChecklist({ templateId: READINESS, scope: 'commune' }, NOW);
}

/** Empties the checklist tables, the outbox and the session, and seeds the templates again. */
export async function resetChecklistData(): Promise<void> {
  await Promise.all([db.outbox.clear(), db.syncState.clear(), clearSession(), ...TABLES.map((t) => db.records(t).clear())]);
  await ensureTemplateSeed();
}
