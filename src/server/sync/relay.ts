// Relayed changes (docs/field-aids.md §2, PROTOCOL.md §4 "Relayed changes"), checked before a push
// is planned: a mutation that carries `relay = { author, mac }` is the author's when the MAC is the
// author's (their relay key, relay-key.ts) over exactly this mutation, and the author is an active
// account of the pusher's commune. It is then planned as the author's (push-plan.ts); otherwise it
// is refused, with nothing written. The MAC covers the mutation as its author made it: an upcaster
// (registry.ts, none yet) that rewrote fields would have to keep the sent ones for this check.
import { verifyRelayMac } from '../../shared/handover/relay';
import type { SyncUser } from '../../shared/sync/scopes';
import { toSyncUser } from '../auth/auth-service';
import { relayKeyOf } from '../auth/relay-key';
import type { UserRow } from '../storage/account-types';
import type { PushRequest } from './sync-requests';
import type { IncomingMutation } from './push-plan';

export interface RelayChecks {
  /** The server's secret (AuthService.key). */
  secret: () => Promise<Buffer>;
  getUser: (id: string) => Promise<UserRow | undefined>;
}

/** Rejection messages (the client's `sync` namespace). */
export const RELAY_NOT_VALID = 'sync.relayNotValid';
export const RELAY_AUTHOR_NOT_ACTIVE = 'sync.relayAuthorNotActive';

export async function resolveRelays(request: PushRequest, pusher: SyncUser, checks: RelayChecks): Promise<PushRequest> {
  if (!request.mutations.some((mutation) => mutation.kind === 'valid' && mutation.relay)) return request;
  const secret = await checks.secret();
  const authors = new Map<string, Promise<SyncUser | undefined>>();
  const authorOf = (id: string): Promise<SyncUser | undefined> => {
    let found = authors.get(id);
    if (!found) {
      found = checks.getUser(id).then((row) => (row && !row.disabled && pusher.communeId !== null && row.communeId === pusher.communeId ? toSyncUser(row) : undefined));
      authors.set(id, found);
    }
    return found;
  };
  const mutations = await Promise.all(
    request.mutations.map(async (mutation): Promise<IncomingMutation> => {
      if (mutation.kind !== 'valid' || !mutation.relay) return mutation;
      const { relay, ...rest } = mutation;
      // The pusher's own change (a bundle sent back to its author): nothing to check.
      if (relay.author === pusher.id) return rest;
      if (!(await verifyRelayMac(relayKeyOf(secret, relay.author), mutation, relay.mac))) return { id: mutation.id, kind: 'refused', code: 'forbidden', message: RELAY_NOT_VALID };
      const author = await authorOf(relay.author);
      if (!author) return { id: mutation.id, kind: 'refused', code: 'forbidden', message: RELAY_AUTHOR_NOT_ACTIVE };
      return { ...rest, author };
    }),
  );
  return { ...request, mutations };
}
