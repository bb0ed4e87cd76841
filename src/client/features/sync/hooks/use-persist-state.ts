// Whether the browser keeps this phone's data for good (docs/sync.md §7.2 item 14): read once per
// screen; the Home warning and the sync section of Settings share it.
import { useEffect, useState } from 'react';
import { readStorageInfo, type PersistState } from '../../../data/storage-info';
import { log } from '../../../lib/log';

export function usePersistState(): PersistState | undefined {
  const [persist, setPersist] = useState<PersistState>();
  useEffect(() => {
    readStorageInfo().then((info) => setPersist(info.persist), (error: unknown) => log.warn('storage estimate failed', error));
  }, []);
  return persist;
}
