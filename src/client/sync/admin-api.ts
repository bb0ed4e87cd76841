// The console's calls: accounts (docs/accounts.md "Accounts") and the phones' lock rules
// (docs/security.md). The console needs the server (both live there), so each call is online and
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
import { devicePolicySettingSchema, type DevicePolicy, type DevicePolicySetting } from '../../shared/device-policy';
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

function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
  return getSyncRuntime().token.call(call);
}

export function fetchAccounts(filters: AccountFilters): Promise<AccountListResponse> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return withToken((token) => callJson(`/api/admin/accounts${text ? `?${text}` : ''}`, token, accountListResponseSchema));
}

export function fetchConsoleCommunes(): Promise<CommuneListResponse> {
  return withToken((token) => callJson('/api/admin/communes', token, communeListResponseSchema));
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
