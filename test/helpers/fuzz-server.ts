// The fuzz's server (test/sync/fuzz.test.ts): the real server code — readPushRequest, pushChanges
// (planPush: validation, clock cap, merge) and pullChanges — on a SQLite file, with the clock the
// fuzz controls, and a record of what it did per mutation: every answer it gave (lost in the
// network or not), how many times the planner applied each id (I4: once), and re-deliveries that
// changed a record anyway.
import { vi } from 'vitest';
import { HttpError } from '../../src/client/sync/errors';
import { ApiError } from '../../src/server/errors';
import type { MutationOutcome, PushPlan } from '../../src/server/storage/record-types';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import { pullChanges, pushChanges, readPushRequest } from '../../src/server/sync/sync-requests';
import { pulledPageSchema, type PulledPage, type PushRequest, type PushResponse } from '../../src/shared/sync/protocol';
import type { SyncUser } from '../../src/shared/sync/scopes';

/** The fuzz's start time: the server's clock and every phone's (plus its skew) begin here. */
export const T0 = Date.parse('2026-07-01T01:00:00.000Z');

/** The real server code on a SQLite file, with the clock the fuzz controls, and what it answered. */
export class RealServer {
  store: SqliteStore;
  /** Every answer the server gave for a mutation id, lost in the network or not. */
  readonly answers = new Map<string, MutationOutcome[]>();
  /** How many times the planner remembered (applied) each mutation id: once, or I4 is broken. */
  readonly remembered = new Map<string, number>();
  /** Mutations applied before whose re-delivery changed a record anyway. */
  readonly reapplied = new Set<string>();
  now = T0;

  private constructor(
    readonly file: string,
    store: SqliteStore,
  ) {
    this.store = store;
  }

  static async open(file: string): Promise<RealServer> {
    const store = new SqliteStore({ file });
    await store.migrate();
    return new RealServer(file, store);
  }

  /** Kills the store and opens a new one on the same file: only what was committed survives. */
  async restart(): Promise<void> {
    await this.store.close();
    this.store = new SqliteStore({ file: this.file });
    await this.store.migrate();
  }

  async push(user: SyncUser, request: PushRequest): Promise<PushResponse> {
    const store = this.store.records;
    const spy = vi.spyOn(store, 'push');
    let result;
    try {
      // Through JSON, as on the wire: the route reads the body the same way.
      result = await pushChanges(store, user, readPushRequest(JSON.parse(JSON.stringify(request))), this.now);
    } finally {
      for (const settled of spy.mock.settledResults) {
        if (settled.type === 'fulfilled') this.audit(request, settled.value.plan);
      }
      spy.mockRestore();
    }
    const { acked, rejected } = result.response;
    for (const id of acked) this.answer(id, { status: 'acked' });
    for (const { id, code, message } of rejected) this.answer(id, { status: 'rejected', code, message });
    return result.response;
  }

  async pull(user: SyncUser, cursor: string | undefined, limit: number): Promise<PulledPage> {
    try {
      return pulledPageSchema.parse(JSON.parse(await pullChanges(this.store.records, user, { ...(cursor === undefined ? {} : { cursor }), limit: String(limit) }, this.now)));
    } catch (error) {
      if (error instanceof ApiError) throw new HttpError(error.statusCode, error.code, error.message);
      throw error;
    }
  }

  /**
   * What one committed push did, per mutation: each newly applied id counts once; a mutation the
   * server had applied before must change nothing — a record written by the push must be named by
   * a mutation applied for the first time in it.
   */
  private audit(request: PushRequest, plan: PushPlan): void {
    const fresh = new Set(plan.remember.map((entry) => entry.mutationId));
    for (const id of fresh) this.remembered.set(id, (this.remembered.get(id) ?? 0) + 1);
    const freshRecords = new Set(request.mutations.filter((m) => fresh.has(m.id)).map((m) => `${m.table}/${m.recordId}`));
    for (const { table, record } of plan.writes) {
      if (freshRecords.has(`${table}/${record.id}`)) continue;
      for (const m of request.mutations) if (`${m.table}/${m.recordId}` === `${table}/${record.id}`) this.reapplied.add(m.id);
    }
  }

  private answer(id: string, outcome: MutationOutcome): void {
    const list = this.answers.get(id) ?? [];
    list.push(outcome);
    this.answers.set(id, list);
  }
}
