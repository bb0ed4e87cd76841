// Migration 7, the devices console (docs/accounts.md "Devices"). A device is a session: it gets
// the name read from the browser's user agent at sign-in, and what the phone reports on its sync
// requests — the app version and the changes it has not sent yet — with the time of its last
// pull (last_used_at, already there, is when it was last seen).
import type { Migration } from './migration-types';

export const DEVICES_MIGRATION: Migration = {
  version: 7,
  name: 'devices',
  sqlite: `
    ALTER TABLE sessions ADD COLUMN device_name TEXT;
    ALTER TABLE sessions ADD COLUMN app_version TEXT;
    ALTER TABLE sessions ADD COLUMN unsynced_count INTEGER;
    ALTER TABLE sessions ADD COLUMN last_sync_at INTEGER;
  `,
  postgres: `
    ALTER TABLE sessions ADD COLUMN device_name text;
    ALTER TABLE sessions ADD COLUMN app_version text;
    ALTER TABLE sessions ADD COLUMN unsynced_count integer;
    ALTER TABLE sessions ADD COLUMN last_sync_at bigint;
  `,
};
