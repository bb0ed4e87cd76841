// /admin/accounts: the accounts a province admin or a commune leader runs (docs/accounts.md
// "Accounts"): search and filters, a new account with its one-time code, and per account a new
// code, the role, disable/enable. Online only: the accounts live on the server.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { STALE_SYNC_DAYS, type SignInCodeResponse } from '../../../../shared/admin/accounts';
import { ROLES, type Role } from '../../../../shared/permissions';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { useNow } from '../../../hooks/use-now';
import type { AccountFilters } from '../../../sync/admin-api';
import { useAccounts, useConsoleCommunes } from '../hooks/use-accounts';
import { AccountItem } from './account-item';
import { CodePanel } from './code-panel';
import { CreateAccountForm } from './create-account-form';
import { SearchAndCommune, StaleBox } from './list-filters';
import { ManagersOnly } from './managers-only';
import '../console.css';

export function AccountsScreen(): ReactElement {
  const { t } = useTranslation('console');
  return (
    <ManagersOnly title={t('accounts.title')} loading={t('accounts.loading')}>
      {(isAdmin) => <AccountsConsole isAdmin={isAdmin} />}
    </ManagersOnly>
  );
}

function AccountsConsole({ isAdmin }: { isAdmin: boolean }): ReactElement {
  const { t } = useTranslation('console');
  const [filters, setFilters] = useState<AccountFilters>({});
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<SignInCodeResponse | null>(null);
  const { state, more, replace, reload } = useAccounts(filters);
  const communes = useConsoleCommunes();
  const set = (patch: AccountFilters) => setFilters((now) => ({ ...now, ...patch }));
  const now = useNow();

  return (
    <Screen title={t('accounts.title')}>
      {issued && (
        <CodePanel
          issued={issued}
          onDone={() => {
            setIssued(null);
            reload();
          }}
        />
      )}
      {!issued && !creating && (
        <button type="button" className="button primary" onClick={() => setCreating(true)}>{t('create.open')}</button>
      )}
      {!issued && creating && (
        <CreateAccountForm
          isAdmin={isAdmin}
          communes={communes}
          onCancel={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setIssued(created.signInCode);
          }}
        />
      )}
      <div className="console-filters">
        <SearchAndCommune isAdmin={isAdmin} communes={communes} searchLabel={t('accounts.search')} set={set} />
        <select aria-label={t('accounts.role')} defaultValue="" onChange={(event) => set({ role: (event.target.value || undefined) as Role | undefined })}>
          <option value="">{t('accounts.allRoles')}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>{t(`role.${role}`, { ns: 'auth' })}</option>
          ))}
        </select>
        <select aria-label={t('accounts.state')} defaultValue="" onChange={(event) => set({ disabled: event.target.value === '' ? undefined : event.target.value === 'disabled' })}>
          <option value="">{t('accounts.allStates')}</option>
          <option value="active">{t('accounts.active')}</option>
          <option value="disabled">{t('accounts.disabled')}</option>
        </select>
        <StaleBox label={t('accounts.stale', { days: STALE_SYNC_DAYS })} set={set} />
      </div>
      {state.kind === 'loading' && <p role="status">{t('accounts.loading')}</p>}
      {state.kind === 'failed' && <p className="notice" role="alert">{t(`accounts.${state.why}`)}</p>}
      {state.kind === 'ready' && (
        <>
          <p role="status">{t('accounts.total', { count: state.total })}</p>
          {state.items.length === 0 && <EmptyState>{t('accounts.empty')}</EmptyState>}
          <ul className="console-list" aria-label={t('accounts.listLabel')}>
            {state.items.map((account) => (
              <AccountItem key={account.id} account={account} isAdmin={isAdmin} now={now} onChanged={replace} onCode={setIssued} />
            ))}
          </ul>
          {state.next !== null && (
            <button type="button" className="button" onClick={more} disabled={state.loadingMore}>{t('accounts.more')}</button>
          )}
        </>
      )}
    </Screen>
  );
}
