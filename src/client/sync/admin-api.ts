// The console's calls: accounts, communes and devices (docs/accounts.md) and the phones' lock rules
// (docs/security.md). The console needs the server (all live there), so each call is online and
// its errors are the sync transport's.
import {
  accountListResponseSchema,
  accountResponseSchema,
  communeListResponseSchema,
  createAccountResponseSchema,
  signInCodeResponseSchema,
  type AccountListResponse,
  type AccountSummary,
  type CommuneListResponse,
  type CreateAccountInput,
  type CreateAccountResponse,
  type SignInCodeResponse,
  type UpdateAccountInput,
} from '../../shared/admin/accounts';
import { communeResponseSchema, type CommuneResponse, type CreateCommuneInput, type UpdateCommuneInput } from '../../shared/admin/communes';
import { devicePolicySettingSchema, type DevicePolicy, type DevicePolicySetting } from '../../shared/device-policy';
import { deviceListResponseSchema, deviceResponseSchema, type DeviceListResponse, type DeviceSummary } from '../../shared/admin/devices';
import type { Role } from '../../shared/permissions';
import { callJson } from './api-call';
import { getSyncRuntime } from './runtime';

export interface AccountFilters {
  q?: string;
  communeId?: string;
  role?: Role;
  disabled?: boolean;
  staleDays?: number;
  offset?: number;
}

export interface DeviceFilters {
  q?: string;
  communeId?: string;
  staleDays?: number;
  withdrawn?: boolean;
  offset?: number;
}

function queryOf(filters: object): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
  return getSyncRuntime().token.call(call);
}

export function fetchAccounts(filters: AccountFilters): Promise<AccountListResponse> {
  return withToken((token) => callJson(`/api/admin/accounts${queryOf(filters)}`, token, accountListResponseSchema));
}

export function fetchDevices(filters: DeviceFilters): Promise<DeviceListResponse> {
  return withToken((token) => callJson(`/api/admin/devices${queryOf(filters)}`, token, deviceListResponseSchema));
}

/** `finalPush: false` for a stolen phone (its unsent changes are refused). */
export async function revokeDevice(deviceId: string, finalPush: boolean): Promise<DeviceSummary> {
  const answer = await withToken((token) => callJson(`/api/admin/devices/${encodeURIComponent(deviceId)}/revoke`, token, deviceResponseSchema, finalPush ? {} : { finalPush: false }));
  return answer.device;
}

export function fetchConsoleCommunes(): Promise<CommuneListResponse> {
  return withToken((token) => callJson('/api/admin/communes', token, communeListResponseSchema));
}

/** POST /api/admin/communes (the province admin). */
export function createCommune(input: CreateCommuneInput): Promise<CommuneResponse> {
  return withToken((token) => callJson('/api/admin/communes', token, communeResponseSchema, input));
}

/** PATCH /api/admin/communes/:id: a new name or active, based on the name the admin saw (409 when stale). */
export function updateCommune(communeId: string, patch: UpdateCommuneInput): Promise<CommuneResponse> {
  return withToken((token) => callJson(`/api/admin/communes/${encodeURIComponent(communeId)}`, token, communeResponseSchema, patch, 'PATCH'));
}

export function createAccount(input: CreateAccountInput): Promise<CreateAccountResponse> {
  return withToken((token) => callJson('/api/admin/accounts', token, createAccountResponseSchema, input));
}

export function issueAccountCode(accountId: string): Promise<SignInCodeResponse> {
  return withToken((token) => callJson(`/api/admin/accounts/${encodeURIComponent(accountId)}/code`, token, signInCodeResponseSchema, {}));
}

export async function updateAccount(accountId: string, patch: UpdateAccountInput): Promise<AccountSummary> {
  const answer = await withToken((token) => callJson(`/api/admin/accounts/${encodeURIComponent(accountId)}`, token, accountResponseSchema, patch, 'PATCH'));
  return answer.account;
}

/** GET /api/admin/device-policy (the province admin): the phones' lock rules and the defaults. */
export function fetchDevicePolicy(): Promise<DevicePolicySetting> {
  return withToken((token) => callJson('/api/admin/device-policy', token, devicePolicySettingSchema));
}

/** PUT /api/admin/device-policy (the province admin): the whole new policy. */
export function putDevicePolicy(policy: DevicePolicy): Promise<DevicePolicySetting> {
  return withToken((token) => callJson('/api/admin/device-policy', token, devicePolicySettingSchema, policy, 'PUT'));
}
