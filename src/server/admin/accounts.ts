// The accounts console without HTTP (docs/accounts.md "Accounts"): list, create with a one-time
// sign-in code, issue a new code (the reset), change role, disable and enable, rename. Scoped by
// account-scope.ts; every change is audited and republished to the commune's roster. The routes
// (routes/admin-accounts.ts) and the admin CLI (disable-user, enable-user) call this code; the CLI's
// create-user, reset-password and issue-code go through operator-accounts.ts, with the same scope rules.
import { ACCOUNTS_PAGE_SIZE, SIGN_IN_CODE_TTL_MS, type AccountListQuery, type AccountListResponse, type AccountSummary, type CommuneListResponse, type CreateAccountInput, type CreateAccountResponse, type SignInCodeResponse, type UpdateAccountInput } from '../../shared/admin/accounts';
import type { AuditKind } from '../../shared/privacy/audit';
import { compareVi, matchesSearch } from '../../shared/text/vietnamese';
import { AccountError, createUser } from '../accounts';
import type { ScryptCost } from '../auth/password';
import { Refusal } from '../errors';
import { hashSignInCode, newSignInCode } from '../auth/sign-in-code';
import type { AppendInput, AuditLog } from '../privacy/audit-log';
import type { AccountListRow, UserRow } from '../storage/account-types';
import type { SyncStore } from '../storage/types';
import { accountScope, assignableRoles, canManage, inScope, type AccountScope, type Actor } from './account-scope';
import { publishRoster } from './roster';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A refused console action; the route answers with the matching status. */
export class AccountsRefusal extends Refusal<'forbidden' | 'not_found' | 'conflict' | 'bad_request'> {
  override readonly name = 'AccountsRefusal';
}

/**
 * Refuses a console action: the refusal is audited (`access.refused`), and outside the actor's
 * scope the account or commune does not exist for them (404, never a hint). The CLI's account
 * commands refuse with it too (operator-accounts.ts).
 */
export async function refuseAccountAction(audit: AuditLog, actor: Actor, action: string, code: 'forbidden' | 'not_found'): Promise<never> {
  await audit.append({ kind: 'access.refused', actor, details: { action, role: actor.role } });
  throw new AccountsRefusal(code, code === 'forbidden' ? 'Not allowed for your role or for this account.' : 'No such account or commune.');
}

/** Gives the account a new one-time code, replacing any earlier one (the CLI's issue-code too). */
export async function issueSignInCode(store: SyncStore, user: Pick<UserRow, 'id' | 'username'>, now: number): Promise<SignInCodeResponse> {
  const code = newSignInCode();
  const expiresAt = now + SIGN_IN_CODE_TTL_MS;
  await store.accounts.setSignInCode(user.id, hashSignInCode(code), now, expiresAt);
  return { username: user.username, code, expiresAt };
}

export interface AccountsServiceOptions {
  store: SyncStore;
  audit: AuditLog;
  now?: () => number;
  /** The KDF cost of the unusable placeholder hash (tests lower it). */
  cost?: ScryptCost;
}

export class AccountsService {
  private readonly store: SyncStore;
  private readonly audit: AuditLog;
  private readonly now: () => number;

  constructor(private readonly options: AccountsServiceOptions) {
    this.store = options.store;
    this.audit = options.audit;
    this.now = options.now ?? Date.now;
  }

  async list(actor: Actor, query: AccountListQuery): Promise<AccountListResponse> {
    const scope = await this.scope(actor, 'account.list');
    const now = this.now();
    const staleBefore = query.staleDays === undefined ? undefined : now - query.staleDays * DAY_MS;
    const rows = (await this.store.accounts.listScopeUsers(scope)).filter(
      (row) =>
        (query.communeId === undefined || row.communeId === query.communeId) &&
        (query.role === undefined || row.role === query.role) &&
        (query.disabled === undefined || row.disabled === query.disabled) &&
        (staleBefore === undefined || row.lastSyncAt === null || row.lastSyncAt < staleBefore) &&
        (query.q === undefined || matchesSearch([row.displayName, row.username], query.q)),
    );
    rows.sort((a, b) => compareVi(a.displayName, b.displayName) || compareVi(a.username, b.username));
    const offset = query.offset ?? 0;
    const names = await this.communeNames();
    const accounts = rows.slice(offset, offset + ACCOUNTS_PAGE_SIZE).map((row) => this.summary(actor, row, names, now));
    return { accounts, total: rows.length, next: offset + ACCOUNTS_PAGE_SIZE < rows.length ? offset + ACCOUNTS_PAGE_SIZE : null };
  }

  /** The communes of the actor's scope, in Vietnamese order (the console's commune pickers). */
  async communes(actor: Actor): Promise<CommuneListResponse> {
    const scope = await this.scope(actor, 'account.list');
    const communes = (await this.store.accounts.listCommunes()).filter((commune) => inScope(scope, { communeId: commune.id, provinceId: commune.provinceId }));
    communes.sort((a, b) => compareVi(a.name, b.name));
    const enabled = new Map<string, number>();
    for (const user of await this.store.accounts.listScopeUsers(scope)) {
      if (user.communeId && !user.disabled) enabled.set(user.communeId, (enabled.get(user.communeId) ?? 0) + 1);
    }
    return { communes: communes.map(({ id, name, active }) => ({ id, name, active, accounts: enabled.get(id) ?? 0 })) };
  }

  async create(actor: Actor, input: CreateAccountInput): Promise<CreateAccountResponse> {
    const scope = await this.scope(actor, 'account.create');
    const communeId = 'communeId' in scope ? scope.communeId : input.communeId;
    if (communeId === undefined) throw new AccountsRefusal('bad_request', 'Choose the commune of the new account.');
    if ('communeId' in scope && input.communeId !== undefined && input.communeId !== scope.communeId) await this.refuse(actor, 'account.create', 'not_found');
    const commune = await this.store.accounts.getCommune(communeId);
    if (!commune || !inScope(scope, { communeId: commune.id, provinceId: commune.provinceId })) return this.refuse(actor, 'account.create', 'not_found');
    if (!commune.active) throw new AccountsRefusal('conflict', 'The commune is deactivated; reactivate it before adding accounts.');
    if (!assignableRoles(actor).includes(input.role)) return this.refuse(actor, 'account.create', 'forbidden');
    const now = this.now();
    let user: UserRow;
    try {
      user = await createUser(
        this.store,
        { username: input.username, password: null, role: input.role, communeId, displayName: input.displayName, phone: input.phone ?? null },
        { now, ...(this.options.cost ? { cost: this.options.cost } : {}) },
      );
    } catch (error) {
      if (error instanceof AccountError) throw new AccountsRefusal(error.reason === 'duplicate' ? 'conflict' : 'bad_request', error.message);
      throw error;
    }
    const signInCode = await issueSignInCode(this.store, user, now);
    await this.audit.append({ kind: 'account.created', actor, subjectId: user.id, communeId, details: { role: user.role } });
    const row = { ...user, codeExpiresAt: signInCode.expiresAt };
    return { account: this.summary(actor, row, await this.communeNames(), now), signInCode };
  }

  /** The reset: a new one-time code; the old password keeps working until the code is redeemed. */
  async issueCode(actor: Actor, accountId: string): Promise<SignInCodeResponse> {
    const user = await this.target(actor, accountId, 'account.passwordReset');
    const signInCode = await issueSignInCode(this.store, user, this.now());
    await this.audit.append({ kind: 'account.passwordReset', actor, subjectId: user.id, communeId: user.communeId, details: {} });
    return signInCode;
  }

  async update(actor: Actor, accountId: string, patch: UpdateAccountInput): Promise<AccountSummary> {
    const user = await this.target(actor, accountId, 'account.update');
    if (patch.role !== undefined && patch.role !== user.role && !assignableRoles(actor).includes(patch.role)) return this.refuse(actor, 'account.update', 'forbidden');
    if (patch.disabled === false && user.disabled && user.communeId && !(await this.store.accounts.getCommune(user.communeId))?.active) {
      throw new AccountsRefusal('conflict', 'The commune is deactivated; reactivate it before enabling its accounts.');
    }
    const now = this.now();
    const events: AppendInput<AuditKind>[] = [];
    const about = { actor, subjectId: user.id, communeId: user.communeId };
    const fields = (['displayName', 'phone'] as const).filter((field) => patch[field] !== undefined && patch[field] !== user[field]);
    const role = patch.role !== undefined && patch.role !== user.role ? patch.role : undefined;
    if (fields.length > 0 || role) {
      await this.store.accounts.updateUser(user.id, { ...(role ? { role } : {}), ...Object.fromEntries(fields.map((field) => [field, patch[field]])) });
      if (role) events.push({ ...about, kind: 'account.roleChanged', details: { from: user.role, to: role } });
      if (fields.length > 0) events.push({ ...about, kind: 'account.updated', details: { fields } });
    }
    if (patch.disabled !== undefined && patch.disabled !== user.disabled) {
      // Disabling ends every session of the account at once (the store revokes them).
      await this.store.accounts.setUserDisabled(user.id, patch.disabled, now);
      events.push({ ...about, kind: patch.disabled ? 'account.disabled' : 'account.enabled', details: {} });
    }
    await this.audit.appendAll(events);
    if (user.communeId && events.length > 0) await publishRoster(this.store, user.communeId, now);
    const rows = await this.store.accounts.listScopeUsers({ communeId: user.communeId! });
    const row = rows.find((candidate) => candidate.id === user.id)!;
    return this.summary(actor, row, await this.communeNames(), now);
  }

  /**
   * Disables or enables a province admin's account. The console never changes an admin's account
   * (account-scope.ts); only the CLI does, where admins are made, for an enabled admin of the same
   * province named with --as. Audited like the console's changes. False when already in that state.
   */
  async setAdminDisabled(actor: Actor, accountId: string, disabled: boolean): Promise<boolean> {
    if (actor.role !== 'admin' || !actor.provinceId) return this.refuse(actor, 'account.update', 'forbidden');
    const user = await this.store.accounts.getUser(accountId);
    if (!user || user.role !== 'admin' || user.provinceId !== actor.provinceId) return this.refuse(actor, 'account.update', 'not_found');
    if (user.disabled === disabled) return false;
    // Disabling ends every session of the account at once (the store revokes them).
    await this.store.accounts.setUserDisabled(user.id, disabled, this.now());
    await this.audit.append({ kind: disabled ? 'account.disabled' : 'account.enabled', actor, subjectId: user.id, communeId: null, details: {} });
    return true;
  }

  /** The account the actor names, if they may change it; otherwise a refusal (audited). */
  private async target(actor: Actor, accountId: string, action: string): Promise<UserRow> {
    const scope = await this.scope(actor, action);
    const user = await this.store.accounts.getUser(accountId);
    // Outside the actor's scope the account does not exist for them: 404, never a hint.
    if (!user || !inScope(scope, user)) return this.refuse(actor, action, 'not_found');
    if (!canManage(actor, user)) return this.refuse(actor, action, 'forbidden');
    return user;
  }

  private async scope(actor: Actor, action: string): Promise<AccountScope> {
    return accountScope(actor) ?? this.refuse(actor, action, 'forbidden');
  }

  private refuse(actor: Actor, action: string, code: 'forbidden' | 'not_found'): Promise<never> {
    return refuseAccountAction(this.audit, actor, action, code);
  }

  private async communeNames(): Promise<Map<string, string>> {
    return new Map((await this.store.accounts.listCommunes()).map((commune) => [commune.id, commune.name]));
  }

  private summary(actor: Actor, row: AccountListRow, names: Map<string, string>, now: number): AccountSummary {
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      communeId: row.communeId,
      communeName: row.communeId ? (names.get(row.communeId) ?? null) : null,
      phone: row.phone,
      disabled: row.disabled,
      createdAt: row.createdAt,
      lastSyncAt: row.lastSyncAt,
      // An expired code is as good as none.
      codeExpiresAt: row.codeExpiresAt !== null && row.codeExpiresAt > now ? row.codeExpiresAt : null,
      manageable: canManage(actor, row),
    };
  }
}
