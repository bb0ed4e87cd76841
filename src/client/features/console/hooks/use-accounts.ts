// The accounts list of the console (docs/accounts.md "Accounts") and the communes of its pickers.
import { useEffect, useState } from 'react';
import type { AccountListResponse, CommuneListResponse } from '../../../../shared/admin/accounts';
import { fetchAccounts, fetchConsoleCommunes, type AccountFilters } from '../../../sync/admin-api';
import { usePagedList } from './use-paged-list';

export { failureOf } from './use-paged-list';

const accountsOf = (page: AccountListResponse) => page.accounts;

export function useAccounts(filters: AccountFilters) {
  return usePagedList(fetchAccounts, accountsOf, filters);
}

export function useConsoleCommunes(): CommuneListResponse['communes'] {
  const [communes, setCommunes] = useState<CommuneListResponse['communes']>([]);
  useEffect(() => {
    let live = true;
    fetchConsoleCommunes().then(
      (answer) => live && setCommunes(answer.communes),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return communes;
}
