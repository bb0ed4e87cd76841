// The commune's team roster and the commune's own name, as the server publishes them
// (docs/accounts.md "Team roster"): read-only on the phone, pulled like any synced table. Screens
// use them to show a person's name wherever a record holds an account id.
import { db } from './db';
import { requireUser, type SessionUser } from './session-repository';
import { communeProfileId, type CommuneProfileRecord } from '../../shared/schemas/commune-profile';
import type { TeamMemberRecord } from '../../shared/schemas/team-member';
import { compareVi } from '../../shared/text/vietnamese';

export type TeamMember = TeamMemberRecord;

/** The signed-in user's commune's roster in Vietnamese name order; inactive accounts only when asked. */
export async function listTeamMembers(options: { includeInactive?: boolean } = {}): Promise<TeamMember[]> {
  const user = await requireUser();
  const rows = await db.records('teamMembers').toArray();
  return rows
    .filter((m) => !m.deleted && m.communeId === user.communeId && (options.includeInactive === true || m.active))
    .sort((a, b) => compareVi(a.displayName, b.displayName));
}

/**
 * Account id → display name for everyone this phone knows: the commune's roster (inactive accounts
 * too, so old records keep their author's name) and the signed-in user, who is known before the
 * first sync.
 */
export async function memberNames(): Promise<Map<string, string>> {
  const user = await requireUser();
  return memberNamesOf(user, await db.records('teamMembers').toArray());
}

/** The same from rows already read (inside another read of the repository layer). */
export function memberNamesOf(user: SessionUser, rows: readonly TeamMember[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of rows) if (!row.deleted && row.communeId === user.communeId) names.set(row.id, row.displayName);
  names.set(user.id, names.get(user.id) ?? user.displayName);
  return names;
}

/** The signed-in user's commune as the server names it; undefined before the first sync or for an admin. */
export async function getCommuneProfile(): Promise<CommuneProfileRecord | undefined> {
  const user = await requireUser();
  if (user.communeId === null) return undefined;
  const row = await db.records('communeProfiles').get(communeProfileId(user.communeId));
  return row && !row.deleted ? row : undefined;
}
