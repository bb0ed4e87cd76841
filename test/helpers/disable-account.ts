// Disables or enables an account straight in the store, for tests that need an account in that
// state (a revoked phone, a refused sign-in, a roster without it). It writes no audit row: real
// code goes through the accounts service (src/server/admin/accounts.ts), as the console and the
// admin CLI do.
import { publishRoster } from '../../src/server/admin/roster';
import type { UserRow } from '../../src/server/storage/account-types';
import type { SyncStore } from '../../src/server/storage/types';

export async function setDisabled(store: SyncStore, username: string, disabled: boolean, now: number = Date.now()): Promise<UserRow> {
  const user = await store.accounts.findUserByUsername(username);
  if (!user) throw new Error(`There is no account "${username}".`);
  await store.accounts.setUserDisabled(user.id, disabled, now);
  if (user.communeId) await publishRoster(store, user.communeId, now);
  return user;
}
