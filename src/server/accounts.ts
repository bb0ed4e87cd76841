// Creating communes and accounts, resetting passwords: the rules the admin CLI and demo mode
// share. Input is validated with the shared schemas; problems are AccountError with a sentence
// an operator can act on.
import { randomUUID } from 'node:crypto';
import { isRole, type Role } from '../shared/permissions';
import { communeIdSchema, nfcString, slugSchema } from '../shared/schemas/common';
import { usernameSchema } from '../shared/schemas/user';
import { DEFAULT_PROVINCE_ID } from '../shared/seed/seed-record';
import { DEFAULT_SCRYPT_COST, hashPassword, passwordProblem, unusablePasswordHash, type ScryptCost } from './auth/password';
import type { CommuneRow, NewUser, UserRow } from './storage/account-types';
import { DuplicateError, type SyncStore } from './storage/types';
import { publishRoster } from './admin/roster';
import { seedProvince } from './sync/seed';

export class AccountError extends Error {
  override readonly name = 'AccountError';
  constructor(
    message: string,
    /** 'duplicate': the username or commune id is taken (the API answers 409). */
    readonly reason: 'invalid' | 'duplicate' = 'invalid',
  ) {
    super(message);
  }
}

const displayNameSchema = nfcString(1, 100);

export interface NewCommuneInput {
  id: string;
  name: string;
  provinceId?: string | undefined;
}

/** Creates a commune and makes sure its province has the reference data (services, templates). */
export async function createCommune(store: SyncStore, input: NewCommuneInput, now: number = Date.now()): Promise<CommuneRow> {
  if (!communeIdSchema.safeParse(input.id).success) {
    throw new AccountError(`The commune id "${input.id}" is not valid: use lower-case letters, digits and single dashes (e.g. ngok-bay).`);
  }
  const name = displayNameSchema.safeParse(input.name);
  if (!name.success) throw new AccountError('The commune name must have 1 to 100 characters.');
  const provinceId = input.provinceId ?? DEFAULT_PROVINCE_ID;
  if (!slugSchema.safeParse(provinceId).success) throw new AccountError(`The province id "${provinceId}" is not valid (e.g. quang-ngai).`);
  const commune: CommuneRow = { id: input.id, name: name.data, provinceId, createdAt: now, active: true };
  try {
    await store.accounts.createCommune(commune);
  } catch (error) {
    if (error instanceof DuplicateError) throw new AccountError(error.message, 'duplicate');
    throw error;
  }
  await seedProvince(store, provinceId);
  await publishRoster(store, commune.id, now);
  return commune;
}

export interface NewUserInput {
  username: string;
  /** null: no password yet; the member sets one with a one-time sign-in code (docs/accounts.md). */
  password: string | null;
  role: string;
  communeId?: string | undefined;
  provinceId?: string | undefined;
  displayName?: string | undefined;
  phone?: string | null | undefined;
}

/** An account checked and ready to store, with its commune (none for an admin). */
export interface PreparedUser {
  user: NewUser;
  commune: CommuneRow | undefined;
  phone: string | null;
}

/**
 * Checks a new account and hashes its password, storing nothing: what is wrong is an AccountError
 * in words an operator can act on. `cost` lowers the KDF cost for tests only.
 */
export async function prepareUser(store: SyncStore, input: NewUserInput, options: { now?: number; cost?: ScryptCost } = {}): Promise<PreparedUser> {
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) throw new AccountError('The username must have 3 to 64 characters: letters, digits, dot, underscore, dash or @.');
  if (!isRole(input.role)) throw new AccountError(`The role must be one of member, leader, reviewer, admin (got "${input.role}").`);
  const role: Role = input.role;
  const problem = input.password === null ? undefined : passwordProblem(input.password, username.data);
  if (problem) throw new AccountError(problem);
  const displayName = displayNameSchema.safeParse(input.displayName ?? username.data);
  if (!displayName.success) throw new AccountError('The display name must have 1 to 100 characters.');

  let commune: CommuneRow | undefined;
  let provinceId: string | null = null;
  if (role === 'admin') {
    // docs/product.md: admins belong to the province, not to a commune.
    if (input.communeId !== undefined) throw new AccountError('An admin belongs to a province: use --province <id> instead of --commune.');
    if (input.provinceId === undefined) throw new AccountError('An admin needs --province <id>.');
    if (!slugSchema.safeParse(input.provinceId).success) throw new AccountError(`The province id "${input.provinceId}" is not valid (e.g. quang-ngai).`);
    provinceId = input.provinceId;
  } else {
    if (input.communeId === undefined) throw new AccountError(`A ${role} belongs to a commune: add --commune <id>.`);
    if (input.provinceId !== undefined) throw new AccountError(`--province is for admins; a ${role}'s province is their commune's.`);
    commune = await store.accounts.getCommune(input.communeId);
    if (!commune) throw new AccountError(`There is no commune "${input.communeId}"; create it first with create-commune.`);
  }
  const passwordHash = input.password === null ? unusablePasswordHash(options.cost) : await hashPassword(input.password, options.cost ?? DEFAULT_SCRYPT_COST);
  const user: NewUser = { id: randomUUID(), username: username.data, displayName: displayName.data, role, communeId: commune?.id ?? null, provinceId, passwordHash, now: options.now ?? Date.now() };
  return { user, commune, phone: input.phone ?? null };
}

/** Stores a prepared account, then publishes its province's reference data and its commune's roster. */
export async function storeUser(store: SyncStore, { user, phone }: PreparedUser): Promise<UserRow> {
  try {
    await store.accounts.createUser(user);
  } catch (error) {
    if (error instanceof DuplicateError) throw new AccountError(error.message, 'duplicate');
    throw error;
  }
  if (phone) await store.accounts.updateUser(user.id, { phone });
  if (user.provinceId) await seedProvince(store, user.provinceId);
  if (user.communeId) await publishRoster(store, user.communeId, user.now);
  const created = await store.accounts.findUserByUsername(user.username);
  if (!created) throw new Error('The account was not stored');
  return created;
}

/** Creates an account; `cost` lowers the KDF cost for tests only. */
export async function createUser(store: SyncStore, input: NewUserInput, options: { now?: number; cost?: ScryptCost } = {}): Promise<UserRow> {
  return storeUser(store, await prepareUser(store, input, options));
}

/** Sets a new password and ends every session of the account (docs/privacy.md checklist item 8). */
export async function resetPassword(store: SyncStore, usernameInput: string, password: string, options: { now?: number; cost?: ScryptCost } = {}): Promise<UserRow> {
  const user = await store.accounts.findUserByUsername(usernameInput);
  if (!user) throw new AccountError(`There is no account "${usernameInput}".`);
  const problem = passwordProblem(password, user.username);
  if (problem) throw new AccountError(problem);
  await store.accounts.setPassword(user.id, await hashPassword(password, options.cost ?? DEFAULT_SCRYPT_COST), options.now ?? Date.now());
  return user;
}
