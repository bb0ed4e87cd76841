// The key shared between the phone's tabs (docs/security.md "The lock"): the channel opens on
// first use, never at import, and then a tab asks the others for the key, receives it, answers
// their asks, and follows and spreads "lock now".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeChannels, countChannels, nextMessage, otherTab } from '../../../../test/helpers/broadcast-channels';
import type { SessionUser } from '../session-state';
import type * as VaultState from './vault-state';

const LAN: SessionUser = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member', communeId: 'commune-1' };
const CHANNEL = 'so-tay-so-vault';

let opened: string[];
let vault: typeof VaultState;
let tab: BroadcastChannel;
let key: CryptoKey;

beforeEach(async () => {
  opened = countChannels();
  vi.resetModules();
  vault = await import('./vault-state');
  tab = otherTab(CHANNEL);
  key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
});

afterEach(closeChannels);

describe("the vault between the phone's tabs", () => {
  it('opens no channel at import; the first read of the lock asks the other tabs and takes the key one of them holds', async () => {
    expect(opened).toEqual([]);
    const asked = nextMessage(tab);
    expect(vault.vaultSnapshot().unlockedUserId).toBeNull();
    expect(opened).toEqual([CHANNEL]);
    expect(await asked).toEqual({ type: 'ask' });
    tab.postMessage({ type: 'key', userId: LAN.id, scope: vault.scopeOf(LAN), key });
    await vi.waitFor(() => expect(vault.vaultSnapshot().unlockedUserId).toBe(LAN.id));
    expect(vault.keyFor(LAN)).toBe(vault.currentDataKey());
    // "Lock now" in the other tab locks this one.
    tab.postMessage({ type: 'lock' });
    await vi.waitFor(() => expect(vault.vaultSnapshot().unlockedUserId).toBeNull());
  });

  it('unlocked here, it hands the key to a tab that asks, and its "lock now" reaches the other tabs', async () => {
    const asked = nextMessage(tab);
    vault.adopt(LAN, key);
    expect(await asked).toEqual({ type: 'ask' });
    const answer = nextMessage<{ type: string; userId: string; key: CryptoKey }>(tab);
    tab.postMessage({ type: 'ask' });
    expect(await answer).toMatchObject({ type: 'key', userId: LAN.id });
    const locked = nextMessage(tab);
    vault.lockVault();
    expect(await locked).toEqual({ type: 'lock' });
    expect(vault.keyFor(LAN)).toBeUndefined();
  });

  it('a tab whose first act is "lock now" asks for no key (it would come back after the lock)', async () => {
    const first = nextMessage(tab);
    vault.lockVault();
    expect(opened).toEqual([CHANNEL]);
    expect(await first).toEqual({ type: 'lock' });
  });
});
