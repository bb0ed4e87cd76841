// The devices console's reads, shared by both stores (docs/accounts.md "Devices"): a device is a
// session. Every session not yet expired is read, revoked or not, until the revoked ones are
// deleted (main.ts REVOKED_SESSION_RETENTION_MS); which of them the console lists (the live and
// the withdrawn, not those signed out) is the service's rule (admin/devices.ts).
import { isRole } from '../../shared/permissions';
import type { DeviceRow } from './session-types';

interface DeviceDbRow {
  id: string;
  device_name: string | null;
  created_at: number | string;
  last_used_at: number | string;
  last_sync_at: number | string | null;
  app_version: string | null;
  unsynced_count: number | string | null;
  revoked_at: number | string | null;
  revoked_reason: string | null;
  user_id: string;
  username: string;
  display_name: string;
  role: string;
  commune_id: string | null;
  province_id: string | null;
  disabled: number | boolean;
}

/**
 * The devices select; `where` adds the scope (or the id) with the dialect's placeholders, and
 * `nowParameter` is the placeholder of the current time.
 */
export function deviceSelect(where: string, nowParameter: string): string {
  return `SELECT s.id, s.device_name, s.created_at, s.last_used_at, s.last_sync_at, s.app_version, s.unsynced_count, s.revoked_at, s.revoked_reason,
      u.id AS user_id, u.username, u.display_name, u.role, u.commune_id, COALESCE(c.province_id, u.province_id) AS province_id, u.disabled
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN communes c ON c.id = u.commune_id
    WHERE ${where} AND s.expires_at > ${nowParameter}`;
}

/** The scope's condition and its value (one placeholder). */
export function deviceScope(scope: { provinceId: string } | { communeId: string }, parameter: string): [string, string] {
  return 'communeId' in scope ? [`u.commune_id = ${parameter}`, scope.communeId] : [`COALESCE(c.province_id, u.province_id) = ${parameter}`, scope.provinceId];
}

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function decodeDeviceRow(row: DeviceDbRow): DeviceRow {
  if (!isRole(row.role)) throw new Error(`Unknown role in users: ${row.role}`);
  return {
    sessionId: row.id,
    deviceName: row.device_name,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_used_at),
    lastSyncAt: num(row.last_sync_at),
    appVersion: row.app_version,
    unsyncedCount: num(row.unsynced_count),
    revokedAt: num(row.revoked_at),
    revokedReason: row.revoked_reason,
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      communeId: row.commune_id,
      provinceId: row.province_id,
      disabled: Boolean(row.disabled),
    },
  };
}

export type { DeviceDbRow };
