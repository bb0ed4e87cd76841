// /admin/communes: the province admin's communes (docs/accounts.md "Communes"): create one (its id,
// proposed from the name, never changes afterwards), rename, deactivate and reactivate. Online only:
// the communes live on the server.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { communeIdFromName, createCommuneSchema } from '../../../../shared/admin/communes';
import { CodeField } from '../../../components/ui/code-field';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { createCommune } from '../../../sync/admin-api';
import { HttpError } from '../../../sync/errors';
import { failureOf } from '../hooks/use-paged-list';
import { useCommunes } from '../hooks/use-communes';
import { CommuneItem } from './commune-item';
import { ManagersOnly } from './managers-only';
import '../console.css';

export function CommunesScreen(): ReactElement {
  const { t } = useTranslation('console');
  return (
    <ManagersOnly title={t('communes.title')} loading={t('communes.loading')}>
      {(isAdmin) =>
        isAdmin ? (
          <CommunesConsole />
        ) : (
          <Screen title={t('communes.title')}>
            <EmptyState>{t('communes.adminOnly')}</EmptyState>
          </Screen>
        )
      }
    </ManagersOnly>
  );
}

function CommunesConsole(): ReactElement {
  const { t } = useTranslation('console');
  const { state, reload } = useCommunes();
  const [message, setMessage] = useState<string | null>(null);

  return (
    <Screen title={t('communes.title')}>
      <p>{t('communes.intro')}</p>
      <CreateCommuneForm
        onCreated={(name) => {
          setMessage(t('communes.created', { name }));
          void reload();
        }}
      />
      {message && <p className="notice" role="status">{message}</p>}
      {state.kind === 'loading' && <p role="status">{t('communes.loading')}</p>}
      {state.kind === 'failed' && <p className="notice" role="alert">{t(`accounts.${state.why}`)}</p>}
      {state.kind === 'ready' && (
        <>
          <p>{t('communes.total', { count: state.communes.length })}</p>
          <ul className="console-list" aria-label={t('communes.listLabel')}>
            {state.communes.map((commune) => (
              <CommuneItem key={commune.id} commune={commune} reload={reload} />
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}

function CreateCommuneForm({ onCreated }: { onCreated: (name: string) => void }): ReactElement {
  const { t } = useTranslation('console');
  const [name, setName] = useState('');
  // The id follows the name until the admin edits it.
  const [id, setId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shownId = id ?? communeIdFromName(name);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const parsed = createCommuneSchema.safeParse({ id: shownId, name });
    if (!parsed.success) {
      setError(parsed.error.issues.some((issue) => issue.path[0] === 'id') && name.trim() ? t('communes.badId') : t('communes.nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { commune } = await createCommune(parsed.data);
      setName('');
      setId(null);
      onCreated(commune.name);
    } catch (failure) {
      setError(failure instanceof HttpError && failure.status === 409 ? t('communes.idTaken', { id: parsed.data.id }) : t(`accounts.${failureOf(failure)}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card console-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-commune-title">
      <h2 id="new-commune-title">{t('communes.createTitle')}</h2>
      <div className="field">
        <label htmlFor="new-commune-name">{t('communes.name')}</label>
        <input id="new-commune-name" value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" required />
      </div>
      <CodeField id="new-commune-id" label={t('communes.id')} hint={t('communes.idHint')} value={shownId} onChange={setId} />
      {error && <p className="notice" role="alert">{error}</p>}
      <button type="submit" className="button primary" disabled={busy}>{t('communes.create')}</button>
    </form>
  );
}
