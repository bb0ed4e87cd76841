// A third client in Node speaking the HTTP contract of docs/sync.md §4: it reads the server's state
// (to compare phones with the server) and seeds data through the push API (benchmarks).
import { gzipSync } from 'node:zlib';
import { fromWireRecord, pullResponseSchema, pushResponseSchema, type Mutation, type PushResponse } from '../../../src/shared/sync/protocol';
import type { SyncedRecord } from '../../../src/shared/sync/merge';
import type { SyncTable } from '../../../src/shared/schemas/tables';

export interface ApiSession {
  accessToken: string;
  user: { id: string; communeId: string | null; username: string };
}

export async function apiLogin(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()) as ApiSession;
}

/** Every record the user may read, by table, pulled from the beginning. */
export async function apiPullAll(baseUrl: string, session: ApiSession): Promise<Map<SyncTable, Map<string, SyncedRecord>>> {
  const tables = new Map<SyncTable, Map<string, SyncedRecord>>();
  let cursor: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${baseUrl}/api/sync/pull?${query.toString()}`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    if (!response.ok) throw new Error(`pull: ${response.status} ${await response.text()}`);
    const page = pullResponseSchema.parse(await response.json());
    for (const change of page.changes) {
      const table = tables.get(change.table) ?? new Map<string, SyncedRecord>();
      table.set(change.id, fromWireRecord(change.record));
      tables.set(change.table, table);
    }
    cursor = page.cursor;
    if (!page.hasMore) return tables;
  }
}

export async function apiPush(baseUrl: string, session: ApiSession, clientId: string, mutations: Mutation[]): Promise<PushResponse> {
  const body = gzipSync(JSON.stringify({ clientId, schemaVersion: 1, mutations }));
  const response = await fetch(`${baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${session.accessToken}` },
    body,
  });
  if (!response.ok) throw new Error(`push: ${response.status} ${await response.text()}`);
  return pushResponseSchema.parse(await response.json());
}
