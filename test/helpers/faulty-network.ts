// The fuzz's network (test/sync/fuzz.test.ts) between one phone and the real server code: with
// faults decided by the seeded generator, it loses requests, loses answers, delivers requests
// twice, holds requests back and delivers them late (reordered), answers pulls with stale
// duplicates, and returns 503.
import type { EngineApi } from '../../src/client/sync/engine';
import { HttpError, NetworkError } from '../../src/client/sync/errors';
import type { Timed } from '../../src/client/sync/transport';
import type { PulledPage, PushRequest } from '../../src/shared/sync/protocol';
import type { SyncUser } from '../../src/shared/sync/scopes';
import type { RealServer } from './fuzz-server';

/** What a fuzz run did, summed over the seeds to prove the runs exercised something. */
export interface Stats {
  faults: number;
  roundsOk: number;
  writes: number;
  invalidWrites: number;
  rejected: number;
  restarts: number;
}

/** The network shared by a run's phones: faulty until quiescence, and the requests it holds back. */
export interface FuzzNetwork {
  faulty: boolean;
  held: { user: SyncUser; request: PushRequest }[];
}

/** The network between one phone and the server, with faults decided by the seeded generator. */
export function faultyApi(
  server: RealServer,
  user: SyncUser,
  rng: () => number,
  clientNow: () => number,
  network: FuzzNetwork,
  stats: Stats,
): EngineApi {
  const pullAnswers = new Map<string, Timed<PulledPage>>();
  const timed = async <T,>(answer: () => Promise<T>): Promise<Timed<T>> => {
    const sentAt = clientNow();
    const body = await answer();
    return { body, sentAt, receivedAt: clientNow() };
  };
  const deliverHeld = async () => {
    const [late] = network.held.splice(Math.floor(rng() * network.held.length), 1);
    if (late) await server.push(late.user, late.request);
  };
  return {
    push: async (request) => {
      await Promise.resolve(); // the network is asynchronous: let other work interleave
      // A request held back earlier arrives now, after newer ones: reordering.
      if (network.held.length > 0 && rng() < 0.3) await deliverHeld();
      if (network.faulty) {
        const roll = rng();
        if (roll < 0.1) return fault(new NetworkError('request lost'));
        if (roll < 0.2) {
          await server.push(user, request);
          return fault(new NetworkError('answer lost'));
        }
        if (roll < 0.28) await server.push(user, structuredClone(request)); // delivered twice
        else if (roll < 0.36) {
          network.held.push({ user, request: structuredClone(request) });
          return fault(new NetworkError('held in the network'));
        } else if (roll < 0.4) return fault(new HttpError(503, 'unavailable', 'not ready'));
      }
      return timed(() => server.push(user, request));
    },
    pull: async (cursor, limit) => {
      await Promise.resolve();
      if (network.faulty) {
        const roll = rng();
        if (roll < 0.1) return fault(new NetworkError('connection reset'));
        const stale = pullAnswers.get(String(cursor));
        if (roll < 0.2 && stale) {
          stats.faults += 1;
          return stale; // an old answer for the same cursor, delivered again
        }
      }
      const answer = await timed(() => server.pull(user, cursor, limit));
      pullAnswers.set(String(cursor), answer);
      return answer;
    },
  };

  function fault(error: Error): never {
    stats.faults += 1;
    throw error;
  }
}
