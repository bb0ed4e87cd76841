// What the browser lets us keep. Field phones lose IndexedDB when storage is short unless the
// origin is "persisted" (docs/product.md: the top complaint of web field tools), so we ask and show it.

export type PersistState = 'persisted' | 'not-persisted' | 'unsupported';

export interface StorageInfo {
  persist: PersistState;
  usageBytes: number | null;
  quotaBytes: number | null;
}

const storage = (): StorageManager | undefined =>
  typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : undefined;

/** Asks for persistent storage once; returns the resulting state without prompting again if granted. */
export async function requestPersistentStorage(): Promise<PersistState> {
  const manager = storage();
  if (!manager?.persist || !manager.persisted) return 'unsupported';
  if (await manager.persisted()) return 'persisted';
  return (await manager.persist()) ? 'persisted' : 'not-persisted';
}

export async function readStorageInfo(): Promise<StorageInfo> {
  const manager = storage();
  const persisted = manager?.persisted ? await manager.persisted() : undefined;
  const estimate = manager?.estimate ? await manager.estimate() : undefined;
  return {
    persist: persisted === undefined ? 'unsupported' : persisted ? 'persisted' : 'not-persisted',
    usageBytes: estimate?.usage ?? null,
    quotaBytes: estimate?.quota ?? null,
  };
}
