// Counts the BroadcastChannels a module opens, and plays the phone's other tab. The data layer's
// session and vault modules open theirs on first use, never at import (an open channel keeps a Node
// process that imports them from exiting): a test imports a fresh copy of the module while the
// count runs, then uses it. Node's BroadcastChannel carries messages between the channels of one
// process, as Chromium's does between a phone's tabs.
import { vi } from 'vitest';

const Real = globalThis.BroadcastChannel;
const open: BroadcastChannel[] = [];

/** The names of the channels opened from now on, in order (until `closeChannels`). */
export function countChannels(): string[] {
  const names: string[] = [];
  vi.stubGlobal(
    'BroadcastChannel',
    class extends Real {
      constructor(name: string) {
        super(name);
        names.push(name);
        open.push(this);
      }
    },
  );
  return names;
}

/** Another tab of the app on the same phone: a channel that is not counted. */
export function otherTab(name: string): BroadcastChannel {
  const channel = new Real(name);
  open.push(channel);
  return channel;
}

/** The next message `tab` receives. */
export function nextMessage<T>(tab: BroadcastChannel): Promise<T> {
  return new Promise((resolve) => tab.addEventListener('message', (event) => resolve((event as MessageEvent<T>).data), { once: true }));
}

/** Closes every channel opened through here and puts the real class back. */
export function closeChannels(): void {
  for (const channel of open.splice(0)) channel.close();
  vi.unstubAllGlobals();
}
