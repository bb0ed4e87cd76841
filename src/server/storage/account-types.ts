// The account store: communes and the users who work in them. Both databases implement it
// (sqlite/accounts.ts, postgres/accounts.ts) and pass the same contract suite.
import type { Role } from '../../shared/permissions';

export interface AccountStore {
  /** Throws DuplicateError when the id is taken. */
  createCommune(commune: NewCommune): Promise<void>;
  getCommune(id: string): Promise<CommuneRow | undefined>;
  listCommunes(): Promise<CommuneRow[]>;
  /**
   * Renames a commune only if its name is still `basedOn` (the name its editor saw): false when
   * another edit came first, so of two renames at once one wins (docs/accounts.md "Communes").
   */
  renameCommune(id: string, name: string, basedOn: string): Promise<boolean>;
  /**
   * In one transaction: deactivates an active commune, disabling each of its enabled accounts and
   * revoking their sessions with `disabled` (the phones push what they hold, then wipe); or
   * reactivates an inactive one (its accounts stay disabled). Returns the ids of the accounts it
   * disabled, or undefined when the commune was not in the other state (another call came first).
   */
  setCommuneActive(id: string, active: boolean, now: number): Promise<string[] | undefined>;
  /** Throws DuplicateError when the username is taken (case-insensitive). */
  createUser(user: NewUser): Promise<void>;
  /** Case-insensitive. */
  findUserByUsername(username: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  /** The accounts of one commune (its roster, docs/accounts.md). */
  listCommuneUsers(communeId: string): Promise<UserRow[]>;
  getUser(id: string): Promise<UserRow | undefined>;
  /** Every account of a province or of one commune, with its live sign-in code's expiry (the accounts list). */
  listScopeUsers(scope: { provinceId: string } | { communeId: string }): Promise<AccountListRow[]>;
  /** Changes what the account console edits; the role takes effect at the account's next request. */
  updateUser(id: string, patch: UserPatch): Promise<void>;
  /** The account's live sign-in code (its hash and expiry), if any. */
  getSignInCode(userId: string): Promise<{ codeHash: string; expiresAt: number } | undefined>;
  /** Replaces the account's sign-in code (at most one lives). */
  setSignInCode(userId: string, codeHash: string, now: number, expiresAt: number): Promise<void>;
  /**
   * In one transaction: when the account's code has this hash and has not expired, deletes it and
   * sets the password (ending every session); an expired code is deleted too.
   */
  redeemSignInCode(userId: string, codeHash: string, passwordHash: string, now: number): Promise<'ok' | 'invalid' | 'expired'>;
  /** Notes a pull by the account, when the last noted one is older than `notedBefore`. */
  noteSync(userId: string, now: number, notedBefore: number): Promise<void>;
  /** Sets a new password hash and revokes every session of the user, in one transaction. */
  setPassword(userId: string, passwordHash: string, now: number): Promise<void>;
  /** Disables (and revokes every session of) or re-enables an account. */
  setUserDisabled(userId: string, disabled: boolean, now: number): Promise<void>;
}

/** A commune being created: it starts active. */
export type NewCommune = Omit<CommuneRow, 'active'>;

export interface CommuneRow {
  id: string;
  name: string;
  provinceId: string;
  createdAt: number;
  /** A deactivated commune keeps its id and records (docs/accounts.md). */
  active: boolean;
}

/** What an account is made of, whether being created (NewUser) or read back (UserRow). */
interface UserFields {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** null for admins. */
  communeId: string | null;
  passwordHash: string;
}

export interface NewUser extends UserFields {
  /** Admins only; a commune user's province is their commune's. */
  provinceId: string | null;
  now: number;
}

export interface UserRow extends UserFields {
  /** The admin's province, or the province of the user's commune. */
  provinceId: string | null;
  disabled: boolean;
  createdAt: number;
  passwordChangedAt: number;
  /** A work phone shown to the commune's team, or null. */
  phone: string | null;
  /** The villages the member covers (ids of the commune's villages). */
  villageIds: string[];
  /** When the account last pulled, or null. */
  lastSyncAt: number | null;
}

export interface AccountListRow extends UserRow {
  /** The expiry of the account's live sign-in code, or null. */
  codeExpiresAt: number | null;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  phone?: string | null;
  villageIds?: string[];
}
