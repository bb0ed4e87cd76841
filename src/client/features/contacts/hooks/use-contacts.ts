// Live reads of the directory: screens re-render when a local write or a sync changes a contact.
import { useLiveQuery } from 'dexie-react-hooks';
import { findDuplicatePhones, getContact, listContacts } from '../../../data/contacts-repository';
import { listProvinceContacts, type ProvinceContact } from '../../../data/province-contact-repository';
import type { Contact } from '../../../../shared/contacts/directory';
import type { DuplicatePhone } from '../../../../shared/contacts/duplicates';

/** The commune's live contacts; undefined while loading. */
export function useContactList(communeId: string | null): Contact[] | undefined {
  return useLiveQuery(async () => listContacts(communeId), [communeId]);
}

/** The province's support contacts in use (read-only here); undefined while loading. */
export function useProvinceContacts(provinceId: string | null): ProvinceContact[] | undefined {
  return useLiveQuery(async () => listProvinceContacts(provinceId), [provinceId]);
}

/** One contact (also when deleted, for undo); null when absent, undefined while loading. */
export function useContact(id: string, communeId: string | null): Contact | null | undefined {
  return useLiveQuery(async () => (await getContact(id, communeId)) ?? null, [id, communeId]);
}

/** Other contacts that already have one of these numbers. */
export function useDuplicatePhones(numbers: readonly string[], communeId: string | null, excludeId: string | undefined): DuplicatePhone[] {
  const key = numbers.join(',');
  return (
    useLiveQuery(
      () => findDuplicatePhones(key === '' ? [] : key.split(','), { communeId, excludeId }),
      [key, communeId, excludeId],
    ) ?? []
  );
}
