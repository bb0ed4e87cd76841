// The devices console without HTTP (docs/accounts.md "Devices"): a device is one sign-in (one
// session). Leaders see their commune's devices, the province admin the province's, each with
// what its phone last reported, flagged when it has not synced for STALE_SYNC_DAYS (what is on it
// exists nowhere else); they revoke one through the withdrawal of auth/revocation.ts, so the phone
// pushes what it may and wipes itself at its next contact. Scoped like the accounts console
// (account-scope.ts); every revocation and refusal is audited.
import { STALE_SYNC_DAYS } from '../../shared/admin/accounts';
import { DEVICES_PAGE_SIZE, type DeviceListQuery, type DeviceListResponse, type DeviceState, type DeviceSummary, type RevokeDeviceInput } from '../../shared/admin/devices';
import { compareVi, matchesSearch } from '../../shared/text/vietnamese';
import { REVOKE_REASONS } from '../auth/revocation';
import type { AuditLog } from '../privacy/audit-log';
import type { DeviceRow } from '../storage/session-types';
import type { SyncStore } from '../storage/types';
import { AccountsRefusal } from './accounts';
import { accountScope, canManage, inScope, type AccountScope, type Actor } from './account-scope';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who asks: the account and the session (device) the request came from. */
export interface DeviceActor extends Actor {
  sessionId: string;
}

const DEVICE_REVOKED: ReadonlySet<string | null> = new Set([REVOKE_REASONS.device, REVOKE_REASONS.deviceNoPush]);
const ACCOUNT_DISABLED: ReadonlySet<string | null> = new Set([REVOKE_REASONS.disabled, REVOKE_REASONS.disabledNoPush, null]);

/** Where a session stands in the console; undefined for one ended otherwise (signed out, a new password): no device any more. */
export function deviceState(row: DeviceRow): DeviceState | undefined {
  if (DEVICE_REVOKED.has(row.revokedReason)) return 'revoked';
  if (row.user.disabled) return ACCOUNT_DISABLED.has(row.revokedReason) ? 'accountDisabled' : undefined;
  return row.revokedAt === null ? 'active' : undefined;
}

export interface DevicesServiceOptions {
  store: SyncStore;
  audit: AuditLog;
  now?: () => number;
}

export class DevicesService {
  private readonly store: SyncStore;
  private readonly audit: AuditLog;
  private readonly now: () => number;

  constructor(options: DevicesServiceOptions) {
    this.store = options.store;
    this.audit = options.audit;
    this.now = options.now ?? Date.now;
  }

  async list(actor: DeviceActor, query: DeviceListQuery): Promise<DeviceListResponse> {
    const scope = await this.scope(actor, 'device.list');
    const now = this.now();
    const names = await this.communeNames();
    const all = (await this.store.sessions.listDevices(scope, now))
      .map((row) => ({ row, state: deviceState(row) }))
      .filter((entry): entry is { row: DeviceRow; state: DeviceState } => entry.state !== undefined)
      .map(({ row, state }) => this.summary(actor, row, state, names, now));
    const staleBefore = query.staleDays === undefined ? undefined : now - query.staleDays * DAY_MS;
    const devices = all.filter(
      (device) =>
        (query.withdrawn === true || device.state === 'active') &&
        (query.communeId === undefined || device.communeId === query.communeId) &&
        // A phone that never synced counts from its sign-in (as atRisk does).
        (staleBefore === undefined || (device.lastSyncAt ?? device.signedInAt) <= staleBefore) &&
        (query.q === undefined || matchesSearch([device.userName, device.name], query.q)),
    );
    // The phones at risk first: they are what a leader has to chase.
    devices.sort((a, b) => Number(b.atRisk) - Number(a.atRisk) || compareVi(a.userName, b.userName) || b.lastSeenAt - a.lastSeenAt);
    const offset = query.offset ?? 0;
    return {
      devices: devices.slice(offset, offset + DEVICES_PAGE_SIZE),
      total: devices.length,
      atRisk: all.filter((device) => device.atRisk).length,
      next: offset + DEVICES_PAGE_SIZE < devices.length ? offset + DEVICES_PAGE_SIZE : null,
    };
  }

  /**
   * Revokes a device: from its next request on it is told `device_revoked` and wipes itself; with
   * `finalPush: false` (a stolen phone) its unsent changes are refused too. Revoking a device
   * already revoked changes nothing and is not audited again (two leaders at once: one event).
   */
  async revoke(actor: DeviceActor, deviceId: string, input: RevokeDeviceInput): Promise<DeviceSummary> {
    const scope = await this.scope(actor, 'device.revoke');
    const row = await this.store.sessions.getDevice(deviceId, this.now());
    const state = row ? deviceState(row) : undefined;
    // Outside the actor's scope, or no device any more: it does not exist for them (404, never a hint).
    if (!row || !state || !inScope(scope, row.user)) return this.refuse(actor, 'device.revoke', 'not_found');
    if (row.sessionId === actor.sessionId) throw new AccountsRefusal('conflict', 'This is the device you are using; sign out instead.');
    if (!this.mayRevoke(actor, row)) return this.refuse(actor, 'device.revoke', 'forbidden');
    if (state === 'active') {
      const finalPush = input.finalPush !== false;
      const now = this.now();
      const revoked = await this.store.sessions.revokeSession(row.sessionId, finalPush ? REVOKE_REASONS.device : REVOKE_REASONS.deviceNoPush, now);
      if (revoked) {
        await this.audit.append({ kind: 'device.revoked', actor, subjectId: row.user.id, communeId: row.user.communeId, details: { finalPush, device: row.deviceName } });
      }
    }
    const after = await this.store.sessions.getDevice(deviceId, this.now());
    const afterState = after ? deviceState(after) : undefined;
    if (!after || !afterState) return this.refuse(actor, 'device.revoke', 'not_found');
    return this.summary(actor, after, afterState, await this.communeNames(), this.now());
  }

  /** Their own other devices, and those of the accounts they run (a leader: members and reviewers). */
  private mayRevoke(actor: DeviceActor, row: DeviceRow): boolean {
    return row.sessionId !== actor.sessionId && (row.user.id === actor.id || canManage(actor, row.user));
  }

  private summary(actor: DeviceActor, row: DeviceRow, state: DeviceState, names: Map<string, string>, now: number): DeviceSummary {
    // A phone that never synced counts from its sign-in.
    const atRisk = state === 'active' && (row.lastSyncAt ?? row.createdAt) <= now - STALE_SYNC_DAYS * DAY_MS;
    return {
      id: row.sessionId,
      name: row.deviceName ?? '',
      userId: row.user.id,
      userName: row.user.displayName,
      role: row.user.role,
      communeId: row.user.communeId,
      communeName: row.user.communeId ? (names.get(row.user.communeId) ?? null) : null,
      signedInAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      lastSyncAt: row.lastSyncAt,
      appVersion: row.appVersion,
      unsynced: row.unsyncedCount,
      state,
      revokedAt: state === 'revoked' ? row.revokedAt : null,
      atRisk,
      current: row.sessionId === actor.sessionId,
      revocable: state === 'active' && this.mayRevoke(actor, row),
    };
  }

  private async scope(actor: Actor, action: string): Promise<AccountScope> {
    return accountScope(actor) ?? this.refuse(actor, action, 'forbidden');
  }

  private async refuse(actor: Actor, action: string, code: 'forbidden' | 'not_found'): Promise<never> {
    await this.audit.append({ kind: 'access.refused', actor, details: { action, role: actor.role } });
    throw new AccountsRefusal(code, code === 'forbidden' ? 'Not allowed for your role or for this device.' : 'No such device.');
  }

  private async communeNames(): Promise<Map<string, string>> {
    return new Map((await this.store.accounts.listCommunes()).map((commune) => [commune.id, commune.name]));
  }
}
