// A withdrawn phone (docs/security.md "Revoke and wipe"): the server answered `device_revoked` or
// `account_disabled`. The phone pushes once more what the server still takes (its own unsent
// changes: the outbox only ever holds the signed-in member's), counts what could not be saved,
// wipes itself, asks the server for Clear-Site-Data, and leaves a notice saying why and what was
// lost. Runs inside a sync round, so no other round (in any tab) writes while the data goes.
import type { AccessToken } from './access-token';
import { sendAuditEvents } from './audit-outbox';
import { pushOnly, type EngineApi } from './engine';
import { NetworkError, type WithdrawnError } from './errors';
import type { Transport } from './transport';
import { countWhatWillBeLost, saveWipeNotice, wipeDevice } from '../data/device-wipe';
import { countOutbox } from '../data/sync-status-repository';
import { getSession } from '../data/session-repository';
import { syncRepository } from '../data/sync-repository';
import { log } from '../lib/log';

/** `waitingAtStart`: the outbox when the round began (what its push may already have delivered). */
export async function wipeWithdrawnPhone(
  withdrawn: WithdrawnError,
  sync: { api: EngineApi; token: AccessToken; transport: Pick<Transport, 'wipe'> },
  waitingAtStart: number,
): Promise<void> {
  const { api, transport } = sync;
  const session = await getSession();
  const before = await countOutbox();
  try {
    // The pull that learned of the withdrawal came after this round's push: only changes saved
    // since then wait, but a push refused for the withdrawal itself leaves them all.
    if (before > 0) await pushOnly({ store: syncRepository, api, now: () => Date.now() });
  } catch (error) {
    // No final push allowed, or the network went: what is left is counted as lost below.
    log.warn('final push before the wipe failed', error instanceof Error ? error.message : error);
  }
  // The record of who viewed citizens' details on this phone goes too, if the server takes it.
  if (session) await sendAuditEvents(sync.token, session.user.id).catch(() => 0);
  const lost = await countWhatWillBeLost(session?.user.id);
  const notice = { reason: withdrawn.code, at: new Date().toISOString(), sent: Math.max(0, Math.max(before, waitingAtStart) - lost.unsent), ...lost };
  await wipeDevice(notice);
  try {
    await transport.wipe();
  } catch (error) {
    // Our own wipe already happened; Clear-Site-Data only covers what a page cannot reach.
    if (!(error instanceof NetworkError)) log.warn('Clear-Site-Data request refused', error instanceof Error ? error.message : error);
  }
  // Clear-Site-Data emptied localStorage too: the notice is kept again, for the fresh page.
  saveWipeNotice(notice);
}
