import { beforeEach, describe, expect, it } from 'vitest';
import { phoneAuditEventSchema } from '../../shared/privacy/audit';
import { forgetAuditEvents, pendingAuditEvents, recordCitizenView, resetAuditViewWindow, VIEW_WINDOW_MS } from './audit-repository';
import { db } from './db';

const LOG = '0197c1a2-0000-7000-8000-000000000001';
const OTHER_LOG = '0197c1a2-0000-7000-8000-000000000002';

describe('audit repository (the views a phone records)', () => {
  beforeEach(async () => {
    await db.auditEvents.clear();
    resetAuditViewWindow();
  });

  it('records a view once per member, log and window, as an event the server accepts', async () => {
    const t = Date.parse('2026-03-02T02:00:00Z');
    await recordCitizenView('a', LOG, t);
    await recordCitizenView('a', LOG, t + 1_000);
    await recordCitizenView('b', LOG, t + 1_000);
    await recordCitizenView('a', OTHER_LOG, t + 1_000);
    const mine = await pendingAuditEvents('a', 100);
    expect(mine.map((e) => e.subjectId).sort()).toEqual([LOG, OTHER_LOG]);
    expect(await pendingAuditEvents('b', 100)).toHaveLength(1);
    const { id, kind, subjectId, occurredAt, details } = mine[0]!;
    expect(phoneAuditEventSchema.safeParse({ id, kind, subjectId, occurredAt, details }).success).toBe(true);
    // Still unsent: a later view says nothing new. Once sent, a view after the window is recorded again.
    await recordCitizenView('a', LOG, t + VIEW_WINDOW_MS + 1);
    expect(await pendingAuditEvents('a', 100)).toHaveLength(2);
    await forgetAuditEvents(mine.map((e) => e.id));
    expect(await pendingAuditEvents('a', 100)).toEqual([]);
    await recordCitizenView('a', LOG, t + 2 * VIEW_WINDOW_MS + 2);
    expect((await pendingAuditEvents('a', 100)).map((e) => e.subjectId)).toEqual([LOG]);
  });
});
