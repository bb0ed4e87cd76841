// Live reads of the province's reference data for the admin's editors: what this phone pulled
// (the editors write through the server, then pull; docs/reference-data.md "One publishing path");
// the report settings and the communes' names are read from the server (an online editor).
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { listLatestTemplates, type ChecklistTemplate } from '../../../data/checklist-template-repository';
import { listProvinceContacts, type ProvinceContact } from '../../../data/province-contact-repository';
import { ensureServiceCatalogue, listServices, type ServiceItem } from '../../../data/service-repository';
import { fetchConsoleCommunes } from '../../../sync/admin-api';
import { HttpError, NetworkError } from '../../../sync/errors';
import { fetchReportSettings } from '../../../sync/reference-admin-api';
import { log } from '../../../lib/log';
import type { ReportSettingsFields } from '../../../../shared/schemas/report-settings';
import type { CommuneSummary } from '../../../../shared/admin/communes';

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

export type SettingsState = { kind: 'loading' } | { kind: 'failed'; why: Failure } | { kind: 'ready'; settings: ReportSettingsFields | null };

/** The province's report settings read from the server (the editor needs the latest version to publish the next); `reload` reads them again. */
export function useReportSettings(): { state: SettingsState; reload: () => void } {
  const [state, setState] = useState<SettingsState>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    fetchReportSettings().then(
      (answer) => live && setState({ kind: 'ready', settings: answer.settings }),
      (error: unknown) => live && setState({ kind: 'failed', why: failureOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [round]);
  return { state, reload: useCallback(() => setRound((n) => n + 1), []) };
}

/** The province's communes by name, from the server (the per-commune targets); [] until read or when offline. */
export function useProvinceCommunes(): CommuneSummary[] {
  const [communes, setCommunes] = useState<CommuneSummary[]>([]);
  useEffect(() => {
    let live = true;
    fetchConsoleCommunes().then(
      (answer) => live && setCommunes(answer.communes),
      (error: unknown) => log.warn('communes not read', error instanceof Error ? error.message : error),
    );
    return () => {
      live = false;
    };
  }, []);
  return communes;
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
