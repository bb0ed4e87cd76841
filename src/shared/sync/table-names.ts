// The synced tables, by their wire names (SYNC.md §4). The table registry (schemas, scopes,
// write rules) is built on this list.
export const SYNC_TABLES = [
  'assistanceLogs',
  'groupSessions',
  'contacts',
  'checklists',
  'checklistItems',
  'checklistTemplates',
  'services',
  'villages',
  'signOffs',
] as const;

export type SyncTableName = (typeof SYNC_TABLES)[number];

export function isSyncTable(value: unknown): value is SyncTableName {
  return typeof value === 'string' && (SYNC_TABLES as readonly string[]).includes(value);
}
