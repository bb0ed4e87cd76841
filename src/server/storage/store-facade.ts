// What a SyncStore facade does besides handing out its area stores: schema, health, meta and
// closing, all answered by its one connection. Both databases' facades (sqlite-store.ts,
// postgres-store.ts) extend this, so they differ only in the connection and areas they build.
import type { MigrationResult, StoreHealth, SyncStore } from './types';

/** The part of SyncStore a database connection answers itself. */
export type StoreConnection = Pick<SyncStore, 'migrate' | 'health' | 'getMeta' | 'setMeta' | 'ensureMeta' | 'close'>;

export abstract class StoreFacade<C extends StoreConnection> implements StoreConnection {
  constructor(protected readonly connection: C) {}

  migrate(): Promise<MigrationResult> {
    return this.connection.migrate();
  }

  health(): Promise<StoreHealth> {
    return this.connection.health();
  }

  getMeta(key: string): Promise<string | undefined> {
    return this.connection.getMeta(key);
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.connection.setMeta(key, value);
  }

  ensureMeta(key: string, value: string): Promise<string> {
    return this.connection.ensureMeta(key, value);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
