// The province's view of its communes' registers of citizens' requests (docs/privacy.md "Requests
// register"): counts only — open, overdue, due soon, done, refused, by kind — never who asked.
// The deadlines are the phones' own (src/shared/privacy/rights-deadlines.ts), so the province and the
// commune's leader see the same overdue requests.
import { addCounts, countRequest, emptyCounts, isRequestStatus, type ProvinceRequestCounts } from '../../shared/privacy/rights-requests';
import { RIGHTS_REQUEST_KINDS, type RightsRequestKind } from '../../shared/schemas/rights-request';
import { todayLocal } from '../../shared/text/dates';
import { compareVi } from '../../shared/text/vietnamese';
import type { SyncStore } from '../storage/types';

const isKind = (value: unknown): value is RightsRequestKind => (RIGHTS_REQUEST_KINDS as readonly unknown[]).includes(value);

/** Every commune of the province with its requests counted on the server's today. */
export async function provinceRequestCounts(store: SyncStore, provinceId: string, now: number): Promise<ProvinceRequestCounts> {
  const today = todayLocal(now);
  const communes = (await store.accounts.listCommunes()).filter((commune) => commune.provinceId === provinceId);
  const total = emptyCounts();
  const rows: ProvinceRequestCounts['communes'] = [];
  for (const commune of communes) {
    const counts = emptyCounts();
    for (const { record } of await store.records.listRecords({ scope: commune.id, tables: ['rightsRequests'] })) {
      const { kind, status, receivedOn, extendedAt } = record;
      if (record.deleted === true || !isKind(kind) || !isRequestStatus(status) || typeof receivedOn !== 'string') continue;
      countRequest(counts, { kind, status, receivedOn, extendedAt: typeof extendedAt === 'string' ? extendedAt : null }, today);
    }
    addCounts(total, counts);
    rows.push({ communeId: commune.id, communeName: commune.name, counts });
  }
  rows.sort((a, b) => compareVi(a.communeName, b.communeName));
  return { today, communes: rows, total };
}
