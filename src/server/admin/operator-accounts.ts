// The admin CLI's account commands that the console has no screen for, because they take a typed
// password or make an admin (create-user, reset-password), its issue-code and create-commune
// (docs/accounts.md "The CLI acts in someone's name"); demo mode creates its commune and accounts
// here too (docs/accounts.md "Demo mode is audited the same way"). Each change is audited like the
// console's: in the name of the enabled account given with --as, after the console's scope checks,
// or — without --as, the fixed forms scripts use and the only way to make a province's first admin
// — in the name of the server's operator (SERVER_OPERATOR_ID), filed under the account's province
// and commune so their admins and leader read it.
import type { SignInCodeResponse } from '../../shared/admin/accounts';
import { AccountError, createCommune, prepareUser, resetPassword, storeUser, type NewCommuneInput, type NewUserInput } from '../accounts';
import type { ScryptCost } from '../auth/password';
import { serverOperator, type AuditActor, type AuditLog, type OperatorActor } from '../privacy/audit-log';
import type { CommuneRow, UserRow } from '../storage/account-types';
import type { SyncStore } from '../storage/types';
import { accountScope, canManage, inScope, type Actor } from './account-scope';
import { issueSignInCode, refuseAccountAction } from './accounts';

type Target = Pick<UserRow, 'id' | 'role' | 'communeId' | 'provinceId'>;

export class OperatorAccounts {
  constructor(
    private readonly store: SyncStore,
    private readonly audit: AuditLog,
    private readonly options: { now?: () => number; cost?: ScryptCost } = {},
  ) {}

  /** create-commune (and demo mode's commune): no account can be named yet, so always the server's operator. */
  async createCommune(input: NewCommuneInput): Promise<CommuneRow> {
    const commune = await createCommune(this.store, input, this.now());
    await this.audit.append({ kind: 'commune.created', actor: serverOperator(commune.provinceId), subjectId: commune.id, communeId: commune.id, details: {} });
    return commune;
  }

  /** create-user: any role, an admin too, with a typed password; never in a deactivated commune (as in the console). */
  async create(actor: Actor | null, input: NewUserInput): Promise<UserRow> {
    const now = this.now();
    const prepared = await prepareUser(this.store, input, { now, ...(this.options.cost ? { cost: this.options.cost } : {}) });
    const { user, commune } = prepared;
    if (commune && !commune.active) throw new AccountError('The commune is deactivated; reactivate it before adding accounts.');
    const by = await this.allowed(actor, { ...user, provinceId: commune?.provinceId ?? user.provinceId }, 'account.create');
    const created = await storeUser(this.store, prepared);
    await this.audit.append({ kind: 'account.created', actor: by, subjectId: created.id, communeId: created.communeId, details: { role: created.role } });
    return created;
  }

  /** reset-password: a typed password; every session of the account ends. */
  async setPassword(actor: Actor | null, username: string, password: string): Promise<UserRow> {
    const user = await this.account(username);
    const by = await this.allowed(actor, user, 'account.passwordReset');
    await resetPassword(this.store, username, password, { now: this.now(), ...(this.options.cost ? { cost: this.options.cost } : {}) });
    await this.audit.append({ kind: 'account.passwordSet', actor: by, subjectId: user.id, communeId: user.communeId, details: {} });
    return user;
  }

  /** issue-code: a new one-time code, as the console's reset; the old password works until it is redeemed. */
  async issueCode(actor: Actor | null, username: string): Promise<SignInCodeResponse> {
    const user = await this.account(username);
    const by = await this.allowed(actor, user, 'account.passwordReset');
    const issued = await issueSignInCode(this.store, user, this.now());
    await this.audit.append({ kind: 'account.passwordReset', actor: by, subjectId: user.id, communeId: user.communeId, details: {} });
    return issued;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async account(username: string): Promise<UserRow> {
    const user = await this.store.accounts.findUserByUsername(username);
    if (!user) throw new AccountError(`There is no account "${username}".`);
    return user;
  }

  /**
   * Who the audit row names. A named account may act on what the console lets it run (a leader their
   * commune's members and reviewers, an admin their province's commune accounts) and, an admin, on
   * the admins of their own province, which only the CLI changes. Outside its scope an account does
   * not exist (as in the console); each refusal is audited.
   */
  private async allowed(actor: Actor | null, target: Target, action: string): Promise<AuditActor | OperatorActor> {
    if (!actor) return serverOperator(target.provinceId);
    if (target.role === 'admin') {
      if (actor.role === 'admin' && actor.provinceId === target.provinceId) return actor;
      return this.refuse(actor, action, actor.role === 'admin' ? 'not_found' : 'forbidden');
    }
    const scope = accountScope(actor);
    if (!scope) return this.refuse(actor, action, 'forbidden');
    if (!inScope(scope, target)) return this.refuse(actor, action, 'not_found');
    return canManage(actor, target) ? actor : this.refuse(actor, action, 'forbidden');
  }

  private refuse(actor: Actor, action: string, code: 'forbidden' | 'not_found'): Promise<never> {
    return refuseAccountAction(this.audit, actor, action, code);
  }
}
