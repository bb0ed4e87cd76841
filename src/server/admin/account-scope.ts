// Who runs whose accounts (docs/accounts.md "Accounts"): the province admin every commune account
// of their province; a commune leader the members and reviewers of their own commune. Nobody
// changes their own account here, nor an admin's (admins are made with the CLI).
import { can, type Role } from '../../shared/permissions';
import { LEADER_ASSIGNABLE_ROLES } from '../../shared/admin/accounts';
import { COMMUNE_ROLES } from '../../shared/schemas/team-member';
import type { UserRow } from '../storage/account-types';

export type AccountScope = { provinceId: string } | { communeId: string };
export type Actor = Pick<UserRow, 'id' | 'role' | 'communeId' | 'provinceId'>;

/** The accounts the actor sees, or undefined when the actor runs no accounts (members, reviewers). */
export function accountScope(actor: Actor): AccountScope | undefined {
  if (!can(actor.role, 'members.manage')) return undefined;
  if (actor.role === 'leader') return actor.communeId ? { communeId: actor.communeId } : undefined;
  return actor.role === 'admin' && actor.provinceId ? { provinceId: actor.provinceId } : undefined;
}

/** True when the account lies inside the actor's scope (whether or not the actor may change it). */
export function inScope(scope: AccountScope, account: Pick<UserRow, 'communeId' | 'provinceId'>): boolean {
  return 'communeId' in scope ? account.communeId === scope.communeId : account.provinceId === scope.provinceId;
}

/** The roles the actor may give an account. */
export function assignableRoles(actor: Actor): readonly Role[] {
  if (actor.role === 'admin') return COMMUNE_ROLES;
  if (actor.role === 'leader') return LEADER_ASSIGNABLE_ROLES;
  return [];
}

/** True when the actor may change this account (role, code, disable, name, phone). */
export function canManage(actor: Actor, account: Pick<UserRow, 'id' | 'role' | 'communeId' | 'provinceId'>): boolean {
  const scope = accountScope(actor);
  if (!scope || !inScope(scope, account) || account.id === actor.id || account.communeId === null) return false;
  return assignableRoles(actor).includes(account.role);
}
