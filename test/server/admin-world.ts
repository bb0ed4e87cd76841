// The console suites' world (accounts, devices, reference data, guides, templates): the server world
// of http-world.ts plus the three requests every console suite makes — a signed-in call, a console
// read as a screen makes it, and the audit log as one account reads it — and the records of one table
// in a pull. A suite registers it once at its top, like serverWorld.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { AuditPage } from '../../src/shared/privacy/audit';
import { fromWireRecord, type PullResponse } from '../../src/shared/sync/protocol';
import { serverWorld, type ServerWorld, type WorldOptions } from './http-world';
import type { StoreFixture } from './store-fixtures';
import { bearer, type AccountName, type Session } from './sync-fixtures';

/** What no console answer may carry: a password, its hash, a token, a sign-in code's value. */
const SECRET = /scrypt|hash|password|token|"code"/i;

export type AdminWorld<F extends StoreFixture> = ServerWorld<F> & {
  /** A request signed in as `session`. */
  send: (session: Session, method: InjectOptions['method'], url: string, payload?: object) => Promise<LightMyRequestResponse>;
  /** A console read: 200, never cached, no secret in the body. */
  read: <T>(session: Session, url: string) => Promise<T>;
  /** The audit log's events as `session` may read them. */
  audit: (session: Session) => Promise<AuditPage['events']>;
};

export function adminWorld<F extends StoreFixture>(factory: () => Promise<F>, accounts: readonly AccountName[], options?: WorldOptions<F>): AdminWorld<F> {
  const world = serverWorld(factory, accounts, options) as AdminWorld<F>;
  world.send = (session, method, url, payload) => world.app.inject({ method, url, headers: bearer(session), ...(payload ? { payload } : {}) });
  world.read = async <T>(session: Session, url: string) => {
    const res = await world.send(session, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toMatch(SECRET);
    return res.json<T>();
  };
  world.audit = async (session) => (await world.send(session, 'GET', '/api/audit/events')).json<AuditPage>().events;
  return world;
}

/** The records of one table among pulled changes, as a phone stores them. */
export function tableRecords(changes: PullResponse['changes'], table: string) {
  return changes.filter((change) => change.table === table).map((change) => fromWireRecord(change.record));
}
