// Creating an account (docs/accounts.md "Accounts"): no password is typed by the admin or leader;
// the answer is a one-time code for the member. Checked with the shared schema before sending.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LEADER_ASSIGNABLE_ROLES, createAccountSchema, type CommuneListResponse, type CreateAccountResponse } from '../../../../shared/admin/accounts';
import { COMMUNE_ROLES } from '../../../../shared/schemas/team-member';
import { createAccount } from '../../../sync/admin-api';
import { HttpError } from '../../../sync/errors';
import { formText } from '../form-text';
import { failureOf } from '../hooks/use-accounts';

interface Props {
  isAdmin: boolean;
  communes: CommuneListResponse['communes'];
  onCreated: (created: CreateAccountResponse) => void;
  onCancel: () => void;
}

export function CreateAccountForm({ isAdmin, communes, onCreated, onCancel }: Props): ReactElement {
  const { t } = useTranslation('console');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roles = isAdmin ? COMMUNE_ROLES : LEADER_ASSIGNABLE_ROLES;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => formText(data, name);
    const phone = text('phone').trim();
    const parsed = createAccountSchema.safeParse({
      username: text('username'),
      displayName: text('displayName'),
      role: text('role'),
      ...(isAdmin ? { communeId: text('communeId') } : {}),
      ...(phone ? { phone } : {}),
    });
    if (!parsed.success) {
      setError(t('create.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await createAccount(parsed.data));
    } catch (failure) {
      setError(failure instanceof HttpError && failure.status === 409 ? t('create.taken') : t(`accounts.${failureOf(failure)}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card console-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="create-title">
      <h2 id="create-title">{t('create.title')}</h2>
      <div className="field">
        <label htmlFor="new-username">{t('create.username')}</label>
        <input id="new-username" name="username" autoComplete="off" autoCapitalize="none" spellCheck={false} required />
      </div>
      <div className="field">
        <label htmlFor="new-name">{t('create.displayName')}</label>
        <input id="new-name" name="displayName" autoComplete="off" required />
      </div>
      <div className="field">
        <label htmlFor="new-role">{t('create.role')}</label>
        <select id="new-role" name="role" defaultValue="member">
          {roles.map((role) => (
            <option key={role} value={role}>{t(`role.${role}`, { ns: 'auth' })}</option>
          ))}
        </select>
      </div>
      {isAdmin && (
        <div className="field">
          <label htmlFor="new-commune">{t('create.commune')}</label>
          <select id="new-commune" name="communeId" defaultValue="" required>
            <option value="" disabled>{t('create.chooseCommune')}</option>
            {communes.filter((c) => c.active).map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="new-phone">{t('create.phone')}</label>
        <input id="new-phone" name="phone" type="tel" inputMode="tel" autoComplete="off" />
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>{t('create.submit')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('create.cancel')}</button>
      </div>
    </form>
  );
}
