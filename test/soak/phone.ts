// A headless phone of the soak: the app's own data layer (writeRecord, SyncRepository) on
// fake-indexeddb and its real sync engine (runSyncRound) over its real HTTP transport, signed in
// with a real account, with its own clock. Everything it sends and every answer it receives is
// written to the ledger the checker reads afterwards.
import { AppDatabase } from '../../src/client/data/db';
import { writeRecord } from '../../src/client/data/local-write';
import { SyncRepository } from '../../src/client/data/sync-repository';
import { openFields, openRows } from '../../src/client/data/sealed-records';
import { runSyncRound, type EngineApi, type EngineStore } from '../../src/client/sync/engine';
import { HttpError } from '../../src/client/sync/errors';
import { createHttpTransport, type Transport } from '../../src/client/sync/transport';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import type { Mutation } from '../../src/shared/sync/protocol';
import type { SyncTable } from '../../src/shared/schemas/tables';
import type { Role } from '../../src/shared/permissions';

/** The client gives up on a request after this long; the soak pauses servers for longer. */
export const CLIENT_TIMEOUT_MS = 2_000;
export const SOAK_TABLES: readonly SyncTable[] = ['assistanceLogs', 'checklistItems', 'contacts'];

export interface LedgerMutation extends Mutation {
  phone: string;
  communeId: string;
}

/** What every phone did and was told, for the checker. */
export interface Ledger {
  /** Every mutation written on a phone, by id, as it left the outbox. */
  mutations: Map<string, LedgerMutation>;
  /** Mutation ids a phone received an ack for. */
  acked: Set<string>;
  /** Mutation ids a phone received a rejection for, with the code. */
  rejected: Map<string, string>;
  /** Things seen while running that break the protocol (contradicting answers, cursors going back). */
  problems: string[];
}

export function newLedger(): Ledger {
  return { mutations: new Map(), acked: new Set(), rejected: new Map(), problems: [] };
}

export interface Account {
  username: string;
  password: string;
  userId: string;
  role: Role;
  communeId: string;
}

/** The positions of a cursor (opaque to the app; the soak reads it to prove it never goes back). */
function positions(cursor: string | undefined): { epoch: string; c: number; p: number } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { epoch: string; c: number; p: number };
    return { epoch: json.epoch, c: json.c, p: json.p };
  } catch {
    return undefined;
  }
}

const behind = (a: { epoch: string; c: number; p: number }, b: { epoch: string; c: number; p: number }) => a.epoch === b.epoch && (a.c < b.c || a.p < b.p);

export class SoakPhone {
  readonly db: AppDatabase;
  readonly repo: SyncRepository;
  /** This phone's data key: notes are stored sealed, as on a real phone. */
  private readonly key = crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  private transport: Transport;
  private accessToken: string | undefined;
  /** Successful rounds, and rounds that failed on the network or a server error. */
  rounds = { ok: 0, failed: 0 };

  constructor(
    readonly name: string,
    readonly account: Account,
    private readonly baseUrl: string,
    /** Milliseconds this phone's clock is off. */
    readonly skewMs: number,
    private readonly ledger: Ledger,
  ) {
    this.db = new AppDatabase(`soak-${name}-${Math.random().toString(36).slice(2)}`);
    this.repo = new SyncRepository(this.db, () => this.key);
    this.transport = this.makeTransport(CLIENT_TIMEOUT_MS);
  }

  /** The same app transport with another request timeout. */
  useTimeout(ms: number): void {
    this.transport = this.makeTransport(ms);
  }

  private makeTransport(timeoutMs: number): Transport {
    return createHttpTransport({ baseUrl: this.baseUrl, fetch: (input, init) => fetch(input, init), now: this.now, timeoutMs });
  }

  now = (): number => Date.now() + this.skewMs;

  /** One local change through the app's one write path; its outbox entry goes to the ledger. */
  async write(table: SyncTable, recordId: string, fields: Record<string, unknown>): Promise<void> {
    const key = await this.key;
    await writeRecord({ table, recordId, fields }, this.now(), this.db, key);
    const entry = await this.db.outbox.orderBy('seq').last();
    if (!entry || entry.recordId !== recordId) throw new Error(`${this.name}: the write left no outbox entry`);
    const sent = await openFields(table, recordId, entry.fields, key);
    this.ledger.mutations.set(entry.id, { id: entry.id, table, recordId, hlc: entry.hlc, fields: sent, phone: this.name, communeId: this.account.communeId });
  }

  /** The rows as the app reads them: sealed fields opened. */
  async rows(table: SyncTable): Promise<SyncedRecord[]> {
    return openRows(table, await this.db.records(table).toArray(), await this.key);
  }

  /** One sync round; false when it failed on the network or the server (it is simply retried). */
  async sync(): Promise<boolean> {
    try {
      await runSyncRound({ store: this.watchedStore(), api: this.api(), now: this.now });
      this.rounds.ok += 1;
      return true;
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) this.accessToken = undefined;
      if (!isTransient(error)) throw error;
      this.rounds.failed += 1;
      return false;
    }
  }

  async close(): Promise<void> {
    this.db.close();
    await this.db.delete();
  }

  private async token(): Promise<string> {
    this.accessToken ??= (await this.transport.login({ username: this.account.username, password: this.account.password })).body.accessToken;
    return this.accessToken;
  }

  /** The engine's API, recording what was sent and answered. */
  private api(): EngineApi {
    return {
      push: async (request) => {
        for (const mutation of request.mutations) {
          const known = this.ledger.mutations.get(mutation.id);
          if (known && JSON.stringify({ ...mutation, fields: known.fields, hlc: known.hlc }) !== JSON.stringify(mutation)) {
            this.ledger.problems.push(`${this.name}: mutation ${mutation.id} changed between pushes`);
          }
        }
        const answer = await this.transport.push(await this.token(), request);
        for (const id of answer.body.acked) {
          if (this.ledger.rejected.has(id)) this.ledger.problems.push(`${this.name}: mutation ${id} acked after it was rejected`);
          this.ledger.acked.add(id);
        }
        for (const { id, code } of answer.body.rejected) {
          if (this.ledger.acked.has(id)) this.ledger.problems.push(`${this.name}: mutation ${id} rejected after it was acked`);
          this.ledger.rejected.set(id, code);
        }
        return answer;
      },
      pull: async (cursor, limit) => {
        const answer = await this.transport.pull(await this.token(), cursor, limit);
        const sent = positions(cursor);
        const received = positions(answer.body.cursor);
        if (sent && received && behind(received, sent)) this.ledger.problems.push(`${this.name}: the server answered a cursor behind the one sent (${JSON.stringify(sent)} → ${JSON.stringify(received)})`);
        return answer;
      },
    };
  }

  /** The phone's storage, checking that the cursor it stores only moves forward (or is reset to none). */
  private watchedStore(): EngineStore {
    const repo = this.repo;
    return {
      readOutboxBatch: (count, bytes) => repo.readOutboxBatch(count, bytes),
      countOutbox: () => repo.countOutbox(),
      getClientId: () => repo.getClientId(),
      pullCursor: (known) => repo.pullCursor(known),
      resetCursor: () => repo.resetCursor(),
      applyPushResult: (input) => repo.applyPushResult(input),
      applyPulledPage: async (input) => {
        const before = positions(await repo.getCursor());
        const after = positions(input.cursor);
        if (before && after && behind(after, before)) this.ledger.problems.push(`${this.name}: the stored cursor went back (${JSON.stringify(before)} → ${JSON.stringify(after)})`);
        await repo.applyPulledPage(input);
      },
    };
  }
}

/** What a bad network and a restarting server throw: the round is retried later, nothing is lost. */
export function isTransient(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return name === 'NetworkError' || name === 'ProtocolError' || (error instanceof HttpError && (error.status >= 500 || error.status === 401 || error.status === 429));
}
