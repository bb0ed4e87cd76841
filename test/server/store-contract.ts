// The SyncStore contract: every implementation must pass all of it, on a real database.
// storage.test.ts runs it on SQLite and PostgreSQL; the sync issue extends it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/server/storage/migrations';
import type { Migration } from '../../src/server/storage/migration-types';
import { META_KEYS, type SyncStore } from '../../src/server/storage/types';
import type { StoreFixture, StoreFixtureFactory } from './store-fixtures';

const EPOCH_FORMAT = /^[0-9a-f]{32}$/;

export function registerStoreContract(name: string, factory: StoreFixtureFactory): void {
  describe(`SyncStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: SyncStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.open();
    });

    afterEach(async () => {
      await fixture.dispose();
    });

    it('reports schema version 0 and not ok before the first migration', async () => {
      expect(await store.health()).toEqual({ ok: false, schemaVersion: 0 });
    });

    it('migrates a fresh database to the latest version and then reports healthy', async () => {
      const result = await store.migrate();
      expect(result).toEqual({ applied: MIGRATIONS.map((m) => m.version), schemaVersion: LATEST_SCHEMA_VERSION });
      expect(await store.health()).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION });
    });

    it('migrating again, in the same or a restarted store, changes nothing', async () => {
      await store.migrate();
      const epoch = await store.getMeta(META_KEYS.epoch);
      expect(await store.migrate()).toEqual({ applied: [], schemaVersion: LATEST_SCHEMA_VERSION });
      await store.close();
      const restarted = fixture.open();
      expect(await restarted.migrate()).toEqual({ applied: [], schemaVersion: LATEST_SCHEMA_VERSION });
      expect(await restarted.getMeta(META_KEYS.epoch)).toBe(epoch);
    });

    it('two servers migrating the same database at once apply each migration exactly once', async () => {
      const other = fixture.open();
      const [a, b] = await Promise.all([store.migrate(), other.migrate()]);
      expect([...a.applied, ...b.applied].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await store.getMeta(META_KEYS.epoch)).toBe(await other.getMeta(META_KEYS.epoch));
    });

    it('creates a random 128-bit epoch that survives a restart', async () => {
      await store.migrate();
      const epoch = await store.getMeta(META_KEYS.epoch);
      expect(epoch).toMatch(EPOCH_FORMAT);
      await store.close();
      const restarted = fixture.open();
      await restarted.migrate();
      expect(await restarted.getMeta(META_KEYS.epoch)).toBe(epoch);
    });

    it('gives each new database its own epoch', async () => {
      const second = await factory();
      try {
        const other = second.open();
        await Promise.all([store.migrate(), other.migrate()]);
        const [mine, theirs] = await Promise.all([store.getMeta(META_KEYS.epoch), other.getMeta(META_KEYS.epoch)]);
        expect(theirs).toMatch(EPOCH_FORMAT);
        expect(theirs).not.toBe(mine);
      } finally {
        await second.dispose();
      }
    });

    it('reads, writes and overwrites meta values, including Vietnamese text', async () => {
      await store.migrate();
      expect(await store.getMeta('missing')).toBeUndefined();
      await store.setMeta('province', 'Tuyên Quang');
      await store.setMeta('note', '');
      expect(await store.getMeta('province')).toBe('Tuyên Quang');
      expect(await store.getMeta('note')).toBe('');
      await store.setMeta('province', 'Sổ tay số — Hà Giang');
      expect(await store.getMeta('province')).toBe('Sổ tay số — Hà Giang');
      // A restart reads what was committed.
      await store.close();
      expect(await fixture.open().getMeta('province')).toBe('Sổ tay số — Hà Giang');
    });

    it('refuses to run against a database migrated by a newer server', async () => {
      await store.migrate();
      await fixture.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01')");
      await expect(fixture.open().migrate()).rejects.toThrow(/schema version 999.*does not know/);
      expect(await store.health()).toEqual({ ok: false, schemaVersion: 999 });
    });

    it('refuses a database whose recorded migration was renamed (an edited migration)', async () => {
      await store.migrate();
      await fixture.exec("UPDATE schema_migrations SET name = 'renamed' WHERE version = 1");
      await expect(fixture.open().migrate()).rejects.toThrow(/must never be edited/);
    });

    it('rolls back every pending migration when one fails', async () => {
      const broken: Migration[] = [
        ...MIGRATIONS,
        {
          version: MIGRATIONS.length + 1,
          name: 'half done',
          sqlite: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;',
          postgres: 'CREATE TABLE half_done (x integer); SELECT * FROM no_such_table;',
        },
      ];
      await expect(fixture.open({ migrations: broken }).migrate()).rejects.toThrow(/no_such_table/);
      expect(await store.health()).toEqual({ ok: false, schemaVersion: 0 });
      // Had anything survived, these CREATE TABLEs (meta, half_done) would now fail.
      const fixed: Migration[] = [
        ...MIGRATIONS,
        { version: MIGRATIONS.length + 1, name: 'half done', sqlite: 'CREATE TABLE half_done (x INTEGER);', postgres: 'CREATE TABLE half_done (x integer);' },
      ];
      const result = await fixture.open({ migrations: fixed }).migrate();
      expect(result.applied).toEqual(fixed.map((m) => m.version));
    });

    it('after close, reports unhealthy instead of throwing, rejects queries, and closes again harmlessly', async () => {
      await store.migrate();
      await store.close();
      expect(await store.health()).toEqual({ ok: false, schemaVersion: 0 });
      await expect(store.getMeta(META_KEYS.epoch)).rejects.toThrow();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
