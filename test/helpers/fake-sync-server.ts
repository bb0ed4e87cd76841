// An in-memory sync server for the client's engine and auth unit tests, built from the same shared code
// the real server uses (merge, clock cap, table schemas, wire encoding), so the client is tested
// against the contract rather than against a mock that agrees with whatever the client does.
// Not a substitute for the real server: the fuzz (test/sync/fuzz.test.ts), the soak (test/soak)
// and the e2e suite run the client against that.
import { applyWrite, type SyncedRecord } from '../../src/shared/sync/merge';
import { capHlc } from '../../src/shared/sync/hlc';
import { TABLE_SCHEMAS, type SyncTable } from '../../src/shared/schemas/tables';
import {
  toWireRecord,
  type Mutation,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type Rejection,
} from '../../src/shared/sync/protocol';
import type { Timed } from '../../src/client/sync/transport';
import type { EngineApi } from '../../src/client/sync/engine';

/** Fields the server owns or checks against the token; a client may send them on creation only. */
const SERVER_FIELDS = ['communeId', 'createdBy', 'createdAt', 'updatedAt'];

interface Row {
  table: SyncTable;
  record: SyncedRecord;
  seq: number;
}

export class FakeSyncServer {
  readonly rows = new Map<string, Row>();
  /** Every mutation id ever answered for, with its answer (idempotency, docs/sync.md §5). */
  readonly answers = new Map<string, { acked: true } | Rejection>();
  seq = 0;
  pushes: PushRequest[] = [];
  pulls: { cursor: string | undefined; limit: number }[] = [];
  /** Mutations that actually changed server state (a duplicate must not count twice). */
  applied = 0;

  constructor(public now: () => number = () => Date.now()) {}

  push(request: PushRequest): PushResponse {
    this.pushes.push(structuredClone(request));
    const acked: string[] = [];
    const rejected: Rejection[] = [];
    for (const mutation of request.mutations) {
      const previous = this.answers.get(mutation.id);
      const answer = previous ?? this.apply(mutation);
      this.answers.set(mutation.id, answer);
      if ('acked' in answer) acked.push(mutation.id);
      else rejected.push(answer);
    }
    return { acked, rejected, serverTime: new Date(this.now()).toISOString() };
  }

  private apply(mutation: Mutation): { acked: true } | Rejection {
    const schemas = TABLE_SCHEMAS[mutation.table];
    const patch = Object.fromEntries(Object.entries(mutation.fields).filter(([field]) => !SERVER_FIELDS.includes(field)));
    const parsed = schemas.patch.safeParse(patch);
    if (!parsed.success) return { id: mutation.id, code: 'invalid', message: parsed.error.issues[0]?.message ?? 'validation.invalidType' };
    const key = `${mutation.table}:${mutation.recordId}`;
    const row = this.rows.get(key);
    // Like the real server's check of the merged record: an edit of a record that was never
    // created (its creation was refused) cannot make a valid record.
    if (!row && !('createdAt' in mutation.fields)) return { id: mutation.id, code: 'invalid', message: 'validation.required' };
    const hlc = capHlc(mutation.hlc, this.now());
    const record = applyWrite(row?.record, { recordId: mutation.recordId, hlc, fields: mutation.fields });
    this.seq += 1;
    this.applied += 1;
    this.rows.set(key, { table: mutation.table, record, seq: this.seq });
    return { acked: true };
  }

  pull(cursor: string | undefined, limit: number): PullResponse {
    this.pulls.push({ cursor, limit });
    const after = cursor === undefined ? 0 : Number(cursor);
    if (!Number.isInteger(after)) throw new Error(`bad cursor ${cursor}`);
    const newer = [...this.rows.values()].filter((row) => row.seq > after).sort((a, b) => a.seq - b.seq);
    const page = newer.slice(0, limit);
    const last = page.at(-1)?.seq ?? after;
    return {
      changes: page.map((row) => ({ table: row.table, id: row.record.id, record: toWireRecord(row.record) })),
      cursor: String(last),
      hasMore: newer.length > page.length,
      serverTime: new Date(this.now()).toISOString(),
    };
  }

  record(table: SyncTable, id: string): SyncedRecord | undefined {
    return this.rows.get(`${table}:${id}`)?.record;
  }

  /** The engine's view of this server with no faults: answers stamped with the server clock. */
  api(clientNow: () => number = this.now): EngineApi {
    return {
      push: (request) => Promise.resolve(this.timed(clientNow, () => this.push(request))),
      pull: (cursor, limit) => Promise.resolve(this.timed(clientNow, () => this.pull(cursor, limit))),
    };
  }

  timed<T>(clientNow: () => number, answer: () => T): Timed<T> {
    const sentAt = clientNow();
    const body = answer();
    return { body, sentAt, receivedAt: clientNow() };
  }
}
