import { useCallback, useEffect, useState } from 'react';
import { readStorageInfo, requestPersistentStorage, type StorageInfo } from '../../../data/storage-info';
import { log } from '../../../lib/log';

/** The browser's storage state for Settings, with a way to ask again for persistence. */
export function useStorageInfo(): { info: StorageInfo | null; requestPersist: () => void } {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const refresh = useCallback(() => {
    readStorageInfo().then(setInfo, (error: unknown) => log.warn('storage estimate failed', error));
  }, []);
  useEffect(refresh, [refresh]);
  const requestPersist = useCallback(() => {
    requestPersistentStorage().then(refresh, (error: unknown) => log.warn('persist request failed', error));
  }, [refresh]);
  return { info, requestPersist };
}
