// The log list's data while the logs keep changing underneath it (the retention purge or a pull
// writing batch after batch): a change during a read must not throw the read's answer away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { useLogList } from './use-log-list';
import { db } from '../../../data/db';
import { createLog } from '../../../data/assistance-repository';
import { saveSession, type SessionUser } from '../../../data/session-repository';
import { unlockTestVault } from '../../../../../test/helpers/test-vault';
import { uuidv7 } from '../../../../shared/sync/ids';

const member: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const FILTER = { period: 'all' } as const;

describe('useLogList', () => {
  let writing = false;
  let writer: Promise<number> = Promise.resolve(0);

  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.records('assistanceLogs').clear(), db.settings.clear()]);
    await saveSession({ user: member, signedInAt: '2026-03-01T00:00:00.000Z' });
    await unlockTestVault(member);
  });
  afterEach(async () => {
    writing = false;
    await writer;
  });

  /** Another commune's log written again and again, each write a committed change of the logs (as a purge batch is). */
  function keepWriting(): Promise<number> {
    writing = true;
    const row = { id: uuidv7(), communeId: 'another', createdBy: member.id, deleted: false, serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-03-09T02:00:00.000Z', clocks: {} };
    return (async () => {
      let writes = 0;
      while (writing) {
        await db.records('assistanceLogs').put({ ...row, durationMin: writes } as never);
        writes += 1;
      }
      return writes;
    })();
  }

  // Generous waits: on a loaded machine one read can take seconds; without the fix no wait is long enough.
  it('shows its rows while the logs change faster than a page is read, then the latest state', { timeout: 40_000 }, async () => {
    await createLog({ serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-03-10T02:00:00.000Z' });
    writer = keepWriting();
    const { result } = renderHook(() => useLogList(FILTER));
    await waitFor(() => expect(result.current.items).toHaveLength(1), { timeout: 15_000 });
    // Still changing: a log saved now shows too (one reload follows the reads a change interrupted).
    await createLog({ serviceId: 'vneid-activate-level2', outcome: 'failed', occurredAt: '2026-03-11T02:00:00.000Z' });
    await waitFor(() => expect(result.current.items.map((item) => item.serviceId)).toEqual(['vneid-activate-level2', 'vneid-install-register']), { timeout: 15_000 });
    writing = false;
    // The logs did change while the list read them.
    expect(await writer).toBeGreaterThan(1);
  });
});
