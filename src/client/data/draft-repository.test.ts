import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { clearDraft, countDrafts, loadDraft, saveDraft } from './draft-repository';

const isNote = (value: unknown): value is { note: string } => typeof (value as { note?: unknown } | null)?.note === 'string';

describe('draft repository', () => {
  beforeEach(async () => {
    await Promise.all([db.drafts.clear(), db.outbox.clear()]);
  });

  it('keeps one draft per user and form, never shows it to another user, and never queues it', async () => {
    await saveDraft('user-a', 'assistance-log', { note: 'của A' });
    await saveDraft('user-b', 'assistance-log', { note: 'của B' });
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toEqual({ note: 'của A' });
    expect(await loadDraft('user-b', 'assistance-log', isNote)).toEqual({ note: 'của B' });
    expect(await loadDraft('user-c', 'assistance-log', isNote)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    await clearDraft('user-a', 'assistance-log');
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toBeUndefined();
    expect(await countDrafts('user-b')).toBe(1);
  });

  it('ignores a row whose owner does not match, and drafts of another shape', async () => {
    await db.drafts.put({ key: 'user-a::assistance-log', userId: 'user-b', value: { note: 'lạ' }, updatedAt: '2026-03-01T00:00:00.000Z' });
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toBeUndefined();
    await saveDraft('user-a', 'assistance-log', { notes: 'cũ' });
    expect(await loadDraft('user-a', 'assistance-log', isNote)).toBeUndefined();
  });
});
