import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { clearDraft, countDrafts, loadDraft, saveDraft, sealPlainDrafts } from './draft-repository';
import { adoptKey, establishKey, lockVault, LockedError } from './vault/vault';
import type { SessionUser } from './session-repository';

const isNote = (value: unknown): value is { note: string } => typeof (value as { note?: unknown } | null)?.note === 'string';
const member = (id: string): SessionUser => ({ id, username: id, displayName: id, role: 'member', communeId: 'xa-1' });
const A = member('user-a');
const B = member('user-b');
// The real PBKDF2 cost is tested in vault/crypto.test.ts.
const FAST = 1_000;
const keys = new Map<string, CryptoKey>();

async function unlockAs(user: SessionUser): Promise<void> {
  if (!keys.has(user.id)) keys.set(user.id, await establishKey(user, `pw-${user.id}`, undefined, FAST));
  adoptKey(user, keys.get(user.id)!);
}

/** Every byte the drafts store holds, as text (what a copy of the browser profile would show). */
async function rawDrafts(): Promise<string> {
  const rows = await db.drafts.toArray();
  return JSON.stringify(rows, (_, v: unknown) => (ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1') : v));
}

describe('draft repository', () => {
  beforeEach(async () => {
    lockVault();
    await Promise.all([db.drafts.clear(), db.outbox.clear()]);
  });

  it('keeps one draft per user and form, never shows it to another user, and never queues it', async () => {
    await unlockAs(A);
    await saveDraft('user-a', 'assistance-log', { note: 'của A' });
    await unlockAs(B);
    await saveDraft('user-b', 'assistance-log', { note: 'của B' });
    expect(await loadDraft('user-b', 'assistance-log', isNote)).toEqual({ note: 'của B' });
    // B is unlocked: A's draft stays shut.
    await expect(loadDraft('user-a', 'assistance-log', isNote)).rejects.toBeInstanceOf(LockedError);
    await unlockAs(A);
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toEqual({ note: 'của A' });
    expect(await loadDraft('user-c', 'assistance-log', isNote)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    await clearDraft('user-a', 'assistance-log');
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toBeUndefined();
    expect(await countDrafts('user-b')).toBe(1);
  });

  it('stores drafts sealed: no typed text at rest, and nothing is saved while locked', async () => {
    await unlockAs(A);
    await saveDraft('user-a', 'assistance-log', { note: 'Bà Lò Thị Mai, 0912345678' });
    const raw = await rawDrafts();
    expect(raw).not.toContain('Mai');
    expect(raw).not.toContain('0912345678');
    lockVault();
    await expect(saveDraft('user-a', 'assistance-log', { note: 'x' })).rejects.toBeInstanceOf(LockedError);
    await expect(loadDraft('user-a', 'assistance-log', isNote)).rejects.toBeInstanceOf(LockedError);
  });

  it('ignores a row whose owner does not match, and drafts of another shape', async () => {
    await unlockAs(A);
    await db.drafts.put({ key: 'user-a::assistance-log', userId: 'user-b', value: { note: 'lạ' }, updatedAt: '2026-03-01T00:00:00.000Z' });
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toBeUndefined();
    await saveDraft('user-a', 'assistance-log', { notes: 'cũ' });
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toBeUndefined();
  });

  it('reads a plaintext draft left by an older release, and seals it after the unlock', async () => {
    await db.drafts.put({ key: 'user-a::assistance-log', userId: 'user-a', value: { note: 'bản nháp cũ của Hà' }, updatedAt: '2026-03-01T00:00:00.000Z' });
    await db.drafts.put({ key: 'user-b::assistance-log', userId: 'user-b', value: { note: 'của B' }, updatedAt: '2026-03-01T00:00:00.000Z' });
    await unlockAs(A);
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toEqual({ note: 'bản nháp cũ của Hà' });
    expect(await sealPlainDrafts('user-a')).toBe(1);
    expect(await rawDrafts()).not.toContain('Hà');
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toEqual({ note: 'bản nháp cũ của Hà' });
    // B's plaintext draft waits for B's own unlock.
    expect(await rawDrafts()).toContain('của B');
  });

  it('moves a contact draft of the older separate store under its key, sealed, without overwriting a newer one', async () => {
    await db.drafts.put({ key: 'contacts:user-a:new', userId: 'user-a', value: { note: 'liên hệ mới của Hà' }, updatedAt: '2026-03-01T00:00:00.000Z' });
    await db.drafts.put({ key: 'contacts:user-a:c-1', userId: 'user-a', value: { note: 'bản cũ' }, updatedAt: '2026-03-01T00:00:00.000Z' });
    await unlockAs(A);
    await saveDraft('user-a', 'contacts/c-1', { note: 'bản mới' });
    expect(await sealPlainDrafts('user-a')).toBe(1);
    expect(await loadDraft('user-a', 'contacts/new', isNote)).toEqual({ note: 'liên hệ mới của Hà' });
    expect(await loadDraft('user-a', 'contacts/c-1', isNote)).toEqual({ note: 'bản mới' });
    expect(await db.drafts.count()).toBe(2);
    expect(await rawDrafts()).not.toContain('Hà');
  });
});
