// Phones for the sync engine's unit tests (src/client/sync/engine*.test.ts): each on its own
// fake-indexeddb database with the real repositories, closed after every test, and one sync
// round of a phone against an API (usually test/helpers/fake-sync-server.ts).
import { afterEach } from 'vitest';
import { runSyncRound, type EngineApi } from '../../src/client/sync/engine';
import { makePhone, type TestPhone } from './sync-fixtures';

export const T0 = Date.parse('2026-07-01T01:00:00.000Z');

/** Registers the clean-up; call once at the top of a test file. */
export function enginePhones() {
  const phones: TestPhone[] = [];

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.close()));
  });

  return {
    phone: (now: () => number = () => T0): TestPhone => {
      const created = makePhone(now);
      phones.push(created);
      return created;
    },
    round: (p: TestPhone, api: EngineApi, extra: { pullLimit?: number } = {}) => runSyncRound({ store: p.repo, api, now: p.now, ...extra }),
  };
}
