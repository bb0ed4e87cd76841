// Live reads of the province's reference data for the admin's editors: what this phone pulled
// (the editors write through the server, then pull; docs/reference-data.md "One publishing path").
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { listLatestTemplates, type ChecklistTemplate } from '../../../data/checklist-template-repository';
import { listProvinceContacts, type ProvinceContact } from '../../../data/province-contact-repository';
import { ensureServiceCatalogue, listServices, type ServiceItem } from '../../../data/service-repository';
import { HttpError, NetworkError } from '../../../sync/errors';
import { log } from '../../../lib/log';

/** Every service, retired ones too (the admin brings them back); undefined while loading. */
export function useCatalogue(): ServiceItem[] | undefined {
  useEffect(() => {
    ensureServiceCatalogue().catch((error: unknown) => log.error('service seed failed', error));
  }, []);
  return useLiveQuery(listServices, []);
}

export function useProvinceContactList(provinceId: string | null): ProvinceContact[] | undefined {
  return useLiveQuery(() => listProvinceContacts(provinceId, { withRetired: true }), [provinceId]);
}

export function useTemplates(): ChecklistTemplate[] | undefined {
  return useLiveQuery(listLatestTemplates, []);
}

/** Why an edit was not saved, as a key of the `common` strings. */
export type Failure = 'offline' | 'tooMany' | 'invalid' | 'failed';

export function failureOf(error: unknown): Failure {
  if (error instanceof NetworkError) return 'offline';
  if (error instanceof HttpError && error.status === 429) return 'tooMany';
  if (error instanceof HttpError && error.status === 400) return 'invalid';
  return 'failed';
}

/** What the last edit did: saved (with its message) or refused (with the error). */
export type Outcome = { kind: 'saved'; message: string } | { kind: 'failed'; error: unknown } | null;

/** Runs one edit at a time and keeps its outcome for the screen's status line. */
export function useEdit() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const run = useCallback(async (edit: () => Promise<unknown>, message: string): Promise<boolean> => {
    setBusy(true);
    setOutcome(null);
    try {
      await edit();
      setOutcome({ kind: 'saved', message });
      return true;
    } catch (error) {
      setOutcome({ kind: 'failed', error });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, outcome, run, clear: useCallback(() => setOutcome(null), []) };
}
