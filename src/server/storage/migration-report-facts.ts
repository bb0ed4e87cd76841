// Migration 10, the reports' facts stored at write time (report-facts.ts; docs/reports.md
// "Computed in the database"): the province's view sums logs and sessions through an index by
// commune and time that holds every column it reads (so it never reads a log's JSON), and the
// compiled view ranks and sums the submissions from two small tables. Rows stored before this
// migration get their facts from the backfill the server runs at start-up (reports/facts-backfill.ts).
// Migration 8's index of the submissions' JSON is dropped: nothing reads the JSON by period any more.
import type { Migration } from './migration-types';

export const REPORT_FACTS_MIGRATION: Migration = {
  version: 10,
  name: 'report facts',
  sqlite: `
    DROP INDEX records_report_period;
    ALTER TABLE records ADD COLUMN fact_at INTEGER;
    ALTER TABLE records ADD COLUMN fact_outcome TEXT;
    ALTER TABLE records ADD COLUMN fact_service TEXT;
    ALTER TABLE records ADD COLUMN fact_count INTEGER;
    CREATE INDEX records_facts ON records (scope, fact_at, table_name, fact_outcome, fact_service, fact_count) WHERE fact_at IS NOT NULL;
    CREATE TABLE report_submissions (
      scope TEXT NOT NULL, id TEXT NOT NULL, report_id TEXT, kind TEXT, period_start TEXT, period_end TEXT,
      version INTEGER, submitted_at TEXT, submitted_by TEXT, deleted INTEGER NOT NULL, readiness INTEGER,
      PRIMARY KEY (scope, id)) STRICT;
    CREATE INDEX report_submissions_period ON report_submissions (period_start, period_end, scope);
    CREATE TABLE report_figures (
      scope TEXT NOT NULL, id TEXT NOT NULL, path TEXT NOT NULL, value INTEGER,
      PRIMARY KEY (scope, id, path)) STRICT;
  `,
  postgres: `
    DROP INDEX records_report_period;
    ALTER TABLE records ADD COLUMN fact_at bigint, ADD COLUMN fact_outcome text, ADD COLUMN fact_service text, ADD COLUMN fact_count bigint;
    CREATE INDEX records_facts ON records (scope, fact_at) INCLUDE (table_name, fact_outcome, fact_service, fact_count) WHERE fact_at IS NOT NULL;
    CREATE TABLE report_submissions (
      scope text NOT NULL, id text NOT NULL, report_id text, kind text, period_start text COLLATE "C", period_end text COLLATE "C",
      version bigint, submitted_at text COLLATE "C", submitted_by text, deleted boolean NOT NULL, readiness bigint,
      PRIMARY KEY (scope, id));
    CREATE INDEX report_submissions_period ON report_submissions (period_start, period_end, scope);
    CREATE TABLE report_figures (
      scope text NOT NULL, id text NOT NULL, path text NOT NULL, value bigint,
      PRIMARY KEY (scope, id, path));
  `,
};
