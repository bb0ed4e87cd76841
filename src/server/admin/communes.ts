// The communes of a province, run by its admin without HTTP (docs/accounts.md "Communes"): create,
// rename, deactivate, reactivate. A commune's id is permanent and its records are never deleted.
// Deactivating disables its accounts in the same transaction (their phones push what they hold and
// wipe themselves, docs/security.md "Revoke and wipe"); reactivating leaves them disabled, for the
// admin to enable those who carry on. Of two changes at once one wins and the other is a conflict.
import type { CommuneResponse, CommuneSummary, CreateCommuneInput, UpdateCommuneInput } from '../../shared/admin/communes';
import { can } from '../../shared/permissions';
import { AccountError, createCommune } from '../accounts';
import type { AuditLog } from '../privacy/audit-log';
import type { CommuneRow } from '../storage/account-types';
import type { SyncStore } from '../storage/types';
import type { Actor } from './account-scope';
import { AccountsRefusal } from './accounts';
import { publishRoster } from './roster';

export class CommunesService {
  constructor(
    private readonly store: SyncStore,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  async create(actor: Actor, input: CreateCommuneInput): Promise<CommuneResponse> {
    const provinceId = await this.provinceOf(actor, 'commune.create');
    const now = this.now();
    let commune: CommuneRow;
    try {
      commune = await createCommune(this.store, { id: input.id, name: input.name, provinceId }, now);
    } catch (error) {
      if (error instanceof AccountError) throw new AccountsRefusal(error.reason === 'duplicate' ? 'conflict' : 'bad_request', error.reason === 'duplicate' ? 'A commune already has this id; choose another.' : error.message);
      throw error;
    }
    await this.audit.append({ kind: 'commune.created', actor, subjectId: commune.id, communeId: commune.id, details: {} });
    return { commune: await this.summary(commune), disabledAccounts: 0 };
  }

  async update(actor: Actor, communeId: string, patch: UpdateCommuneInput): Promise<CommuneResponse> {
    const provinceId = await this.provinceOf(actor, 'commune.update');
    const commune = await this.store.accounts.getCommune(communeId);
    // Another province's commune does not exist for this admin: 404, never a hint.
    if (!commune || commune.provinceId !== provinceId) return this.refuse(actor, 'commune.update', 'not_found');
    if (commune.name !== patch.basedOn) throw stale(commune);
    const now = this.now();
    const about = { actor, subjectId: commune.id, communeId: commune.id };
    let disabledAccounts = 0;
    if (patch.name !== undefined) {
      if (patch.name === commune.name) throw new AccountsRefusal('bad_request', 'The name is unchanged.');
      if (!(await this.store.accounts.renameCommune(commune.id, patch.name, patch.basedOn))) throw stale((await this.store.accounts.getCommune(commune.id)) ?? commune);
      await this.audit.append({ ...about, kind: 'commune.renamed', details: { from: commune.name, to: patch.name } });
    } else if (patch.active !== undefined) {
      if (patch.active === commune.active) throw notInState(commune);
      const disabled = await this.store.accounts.setCommuneActive(commune.id, patch.active, now);
      if (disabled === undefined) throw notInState({ ...commune, active: patch.active });
      disabledAccounts = disabled.length;
      await this.audit.appendAll([
        { ...about, kind: patch.active ? 'commune.reactivated' : 'commune.deactivated', details: {} },
        ...disabled.map((subjectId) => ({ actor, subjectId, communeId: commune.id, kind: 'account.disabled' as const, details: {} })),
      ]);
    }
    // The commune's phones learn its new name or state (and their accounts') at their next pull.
    await publishRoster(this.store, commune.id, now);
    const after = await this.store.accounts.getCommune(commune.id);
    return { commune: await this.summary(after ?? commune), disabledAccounts };
  }

  private async summary(commune: CommuneRow): Promise<CommuneSummary> {
    const users = await this.store.accounts.listCommuneUsers(commune.id);
    return { id: commune.id, name: commune.name, active: commune.active, accounts: users.filter((user) => !user.disabled).length };
  }

  /** Only a province admin runs communes, and only those of their province. */
  private async provinceOf(actor: Actor, action: string): Promise<string> {
    if (can(actor.role, 'communes.manage') && actor.provinceId) return actor.provinceId;
    return this.refuse(actor, action, 'forbidden');
  }

  private async refuse(actor: Actor, action: string, code: 'forbidden' | 'not_found'): Promise<never> {
    await this.audit.append({ kind: 'access.refused', actor, details: { action, role: actor.role } });
    throw new AccountsRefusal(code, code === 'forbidden' ? 'Only the province admin runs communes.' : 'No such commune.');
  }
}

/** Another admin renamed the commune first: the answer names what it is called now. */
function stale(commune: CommuneRow): AccountsRefusal {
  return new AccountsRefusal('conflict', `The commune was renamed meanwhile; it is now called "${commune.name}".`);
}

function notInState(commune: Pick<CommuneRow, 'active'>): AccountsRefusal {
  return new AccountsRefusal('conflict', commune.active ? 'The commune is already active.' : 'The commune is already deactivated.');
}
