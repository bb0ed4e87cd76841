// Whom a log's follow-up is handed to (docs/field-aids.md §2, PROTOCOL.md §4 "Write rules"): a
// pushed `followUpBy` must name an active member or leader of the commune the log is written in
// (permissions.ts mayTakeFollowUp). Anyone else — an account of another commune, a disabled one, a
// reviewer, an admin, an id that is no account — is refused before the push is planned, with nothing
// written, like a relay's author (relay.ts). The write rules cannot check it: they are pure and see
// no accounts. An account disabled between this check and the write is the rare race a later pull
// settles: the roster shows it inactive, and the follow-up can be handed to someone else.
import { mayTakeFollowUp } from '../../shared/permissions';
import type { SyncUser } from '../../shared/sync/scopes';
import type { UserRow } from '../storage/account-types';
import type { IncomingMutation } from './push-plan';
import type { PushRequest } from './sync-requests';

export interface FollowUpChecks {
  getUser: (id: string) => Promise<UserRow | undefined>;
}

/** The rejection message (the client's hand-over namespace says it in Vietnamese). */
export const FOLLOW_UP_NOT_COLLEAGUE = 'sync.followUpNotColleague';

/** Refuses each log mutation whose followUpBy names no colleague of its writer (after relays are resolved: the author's commune). */
export async function checkFollowUpColleagues(request: PushRequest, pusher: SyncUser, checks: FollowUpChecks): Promise<PushRequest> {
  const named = (mutation: IncomingMutation): string | undefined => {
    if (mutation.kind !== 'valid' || mutation.table !== 'assistanceLogs') return undefined;
    const to = mutation.fields.followUpBy;
    // null clears the hand-over; anything else that is not a string fails the log's schema later.
    return typeof to === 'string' ? to : undefined;
  };
  if (!request.mutations.some((mutation) => named(mutation) !== undefined)) return request;
  const accounts = new Map<string, Promise<UserRow | undefined>>();
  const accountOf = (id: string): Promise<UserRow | undefined> => {
    let found = accounts.get(id);
    if (!found) {
      found = checks.getUser(id);
      accounts.set(id, found);
    }
    return found;
  };
  const mutations = await Promise.all(
    request.mutations.map(async (mutation): Promise<IncomingMutation> => {
      const to = named(mutation);
      if (to === undefined || mutation.kind !== 'valid') return mutation;
      const writer = mutation.author ?? pusher;
      const account = await accountOf(to);
      if (account && mayTakeFollowUp({ role: account.role, communeId: account.communeId, active: !account.disabled }, writer.communeId)) return mutation;
      return { id: mutation.id, kind: 'refused', code: 'forbidden', message: FOLLOW_UP_NOT_COLLEAGUE };
    }),
  );
  return { ...request, mutations };
}
