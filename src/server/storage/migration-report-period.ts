// Migration 8, the index of the province's compiled view (docs/reports.md "The province's compiled
// view"): the communes' submitted reports by their period, a partial index over the submissions
// only (a few per commune and period), so the view reads the reports of the one period it compiles
// and not every report a province has sent over the years. The expressions are the ones the
// queries filter by (storage/*/reports.ts): an index is used only for the same expression.
import type { Migration } from './migration-types';

export const REPORT_PERIOD_MIGRATION: Migration = {
  version: 8,
  name: 'report period index',
  sqlite: `
    CREATE INDEX records_report_period ON records (json_extract(fields, '$.periodStart'), json_extract(fields, '$.periodEnd'))
      WHERE table_name = 'reportSubmissions';
  `,
  postgres: `
    CREATE INDEX records_report_period ON records (((fields::jsonb) ->> 'periodStart'), ((fields::jsonb) ->> 'periodEnd'))
      WHERE table_name = 'reportSubmissions';
  `,
};
