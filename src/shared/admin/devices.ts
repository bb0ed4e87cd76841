// The devices console (docs/accounts.md "Devices"): what a phone reports about itself on each sync
// request, what the province admin and a commune leader read from /api/admin/devices and what they
// send to revoke one. One truth for the phone, the screens and the server. A device is one sign-in
// (one session); a summary never carries a token, a hash or any citizen's data.
import { z } from 'zod';
import { communeIdSchema, idSchema, roleSchema, strictObject } from '../schemas/common';

/** Request headers of a push or pull carrying the phone's report (src/shared/sync/PROTOCOL.md §4, §5). */
export const DEVICE_REPORT_HEADERS = { appVersion: 'x-app-version', unsynced: 'x-unsynced-changes' } as const;

/** The most unsent changes a phone reports (a phone's outbox never holds more in practice). */
export const MAX_REPORTED_UNSYNCED = 1_000_000;

/**
 * What a phone says about itself. Advisory: a report that does not fit is not stored, and the
 * sync request goes on (a malformed header must never stop a phone from sending its work).
 */
export const deviceReportSchema = z.strictObject({
  appVersion: z.string().regex(/^[0-9A-Za-z.+-]{1,32}$/).optional(),
  unsynced: z.coerce.number().int().min(0).max(MAX_REPORTED_UNSYNCED).optional(),
});
export type DeviceReport = z.infer<typeof deviceReportSchema>;

/** Reads the report from request headers; an invalid one counts as none. */
export function readDeviceReport(headers: Record<string, string | string[] | undefined>): DeviceReport {
  const text = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const raw = { appVersion: text(DEVICE_REPORT_HEADERS.appVersion), unsynced: text(DEVICE_REPORT_HEADERS.unsynced) };
  const parsed = deviceReportSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)));
  return parsed.success ? parsed.data : {};
}

export const DEVICES_PAGE_SIZE = 50;

/** Where a device stands: in use, revoked (it wipes itself at its next contact), or its account disabled. */
export const DEVICE_STATES = ['active', 'revoked', 'accountDisabled'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** GET /api/admin/devices: query-string filters. */
export const deviceListQuerySchema = z.strictObject({
  /** Diacritic-insensitive, in the member's name, username and the device's name. */
  q: z.string().max(100).optional(),
  communeId: communeIdSchema.optional(),
  /** Only devices not synced for at least this many days (one that never synced: since its sign-in). */
  staleDays: z.coerce.number().int().min(1).max(3650).optional(),
  /** Also list revoked devices and those of disabled accounts (by default only active ones). */
  withdrawn: flag.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type DeviceListQuery = z.infer<typeof deviceListQuerySchema>;

/** One device as the console shows it. Times are epoch milliseconds. */
export const deviceSummarySchema = z.strictObject({
  id: idSchema,
  /** From the browser's user agent at sign-in ("SM-A125F · Android 13 · Chrome"). */
  name: z.string(),
  userId: idSchema,
  userName: z.string(),
  role: roleSchema,
  communeId: communeIdSchema.nullable(),
  communeName: z.string().nullable(),
  signedInAt: z.number().int(),
  lastSeenAt: z.number().int(),
  lastSyncAt: z.number().int().nullable(),
  appVersion: z.string().nullable(),
  /** Unsent changes the phone reported at its last sync (null: never reported). */
  unsynced: z.number().int().nullable(),
  state: z.enum(DEVICE_STATES),
  revokedAt: z.number().int().nullable(),
  /** Not synced for STALE_SYNC_DAYS or more: what is on it exists nowhere else. */
  atRisk: z.boolean(),
  /** The request's own device: it is not revoked from here (sign out instead). */
  current: z.boolean(),
  /** The actor may revoke it. */
  revocable: z.boolean(),
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

export const deviceListResponseSchema = z.strictObject({
  devices: z.array(deviceSummarySchema),
  total: z.number().int(),
  /** Active devices of the whole scope not synced for STALE_SYNC_DAYS or more. */
  atRisk: z.number().int(),
  next: z.number().int().nullable(),
});
export type DeviceListResponse = z.infer<typeof deviceListResponseSchema>;

/**
 * POST /api/admin/devices/:id/revoke. `finalPush: false` is for a stolen phone: its unsent changes
 * are not trusted and it is refused at once; otherwise it may still send them before it wipes.
 */
export const revokeDeviceSchema = strictObject({ finalPush: z.boolean().optional() });
export type RevokeDeviceInput = z.infer<typeof revokeDeviceSchema>;

export const deviceResponseSchema = z.strictObject({ device: deviceSummarySchema });
