// Who pushes and pulls, and where: the signed-in user as the server knows it, and the sync scopes
// that user writes to and reads (a commune's records, a province's reference data). Used by the
// write rules, the read redaction and the server's sync routes (docs/sync.md §5).
import type { Role } from '../permissions';
import type { TableScope } from '../schemas/tables';

/** The signed-in user as the server knows it (from its database, never from the request). */
export interface SyncUser {
  id: string;
  role: Role;
  /** null for province admins. */
  communeId: string | null;
  /** The province the user's commune belongs to, or the admin's province. */
  provinceId: string | null;
}

/** The sync scope of a province's reference data; commune scopes are the commune ids (slugs, no ':'). */
export function provinceScope(provinceId: string): string {
  return `province:${provinceId}`;
}

/** The scope a user writes to for a table, or undefined when the user has none of that kind. */
export function writeScope(user: SyncUser, scope: TableScope): string | undefined {
  if (scope === 'province') return user.provinceId ? provinceScope(user.provinceId) : undefined;
  return user.communeId ?? undefined;
}

/** The scopes a user reads: their commune (if any) and their province's reference data (if any). */
export function readScopes(user: SyncUser): { commune: string | undefined; province: string | undefined } {
  return { commune: user.communeId ?? undefined, province: user.provinceId ? provinceScope(user.provinceId) : undefined };
}
