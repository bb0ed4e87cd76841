// Migration 6, the accounts console (docs/accounts.md "Accounts"). One-time sign-in codes: at most
// one live code per account, stored only as its SHA-256; redeeming it sets the password the member
// chose and deletes it. users.last_sync_at: when the account last pulled (written at most every
// few minutes), for the accounts list's "not synced for 7 days" filter. communes_province: the
// province admin's list reads an account's province through its commune.
import type { Migration } from './migration-types';

export const SIGN_IN_CODES_MIGRATION: Migration = {
  version: 6,
  name: 'sign-in codes',
  sqlite: `
    CREATE TABLE sign_in_codes (
      user_id TEXT PRIMARY KEY REFERENCES users (id),
      code_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;
    ALTER TABLE users ADD COLUMN last_sync_at INTEGER;
    CREATE INDEX communes_province ON communes (province_id);
  `,
  postgres: `
    CREATE TABLE sign_in_codes (
      user_id text PRIMARY KEY REFERENCES users (id),
      code_hash text NOT NULL,
      created_at bigint NOT NULL,
      expires_at bigint NOT NULL
    );
    ALTER TABLE users ADD COLUMN last_sync_at bigint;
    CREATE INDEX communes_province ON communes (province_id);
  `,
};
