// The province's support contacts (VNPT, Viettel, the Sở's help desk, the police's VNeID team) as
// this phone knows them: published by the province admin through the server and pulled by sync,
// so they are here offline after a sync. Read-only on the phone (docs/reference-data.md "The
// province's support contacts"): only the admin changes them, online, through /api/admin/*.
import { db } from './db';
import type { ProvinceContactRecord } from '../../shared/schemas/province-contact';
import { compareVi } from '../../shared/text/vietnamese';

export type ProvinceContact = ProvinceContactRecord;

/**
 * The province's contacts in Vietnamese order of their names; retired ones (active false) only
 * when asked for (the admin's editor brings them back, the directory never shows them).
 */
export async function listProvinceContacts(provinceId: string | null, options: { withRetired?: boolean } = {}): Promise<ProvinceContact[]> {
  if (provinceId === null) return [];
  const rows = await db.records('provinceContacts').toArray();
  return rows
    .filter((row) => !row.deleted && row.provinceId === provinceId && (options.withRetired === true || row.active))
    .sort((a, b) => compareVi(a.name, b.name));
}
