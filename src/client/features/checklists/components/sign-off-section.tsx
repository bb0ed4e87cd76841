// Sign-offs of a checklist: who signs (the commune leader, the reviewer role), what is still missing
// before they can, and once signed the signed state (who, when, their comment) instead of the form.
// Each signing is a new signOffs record, so the history stays; a reviewer may sign again later.
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { signOffChecklist, type SignOff } from '../../../data/checklist-repository';
import type { SessionUser } from '../../../data/session-repository';
import type { ItemView } from '../../../../shared/checklists/progress';
import { formatDateTime } from '../../../../shared/text/dates';
import { useLabels } from '../hooks/use-labels';
import { usePersonName } from '../../../hooks/use-people';

interface SignOffSectionProps {
  checklistId: string;
  signOffs: readonly SignOff[];
  user: SessionUser;
  canSignOff: boolean;
  complete: boolean;
  /** The applicable items not yet done, in template order: what stands between the checklist and its sign-off. */
  pending: readonly ItemView[];
  onOpenItem: (itemId: string) => void;
}

/** How many missing items are named; the rest are counted. */
const NAMED_PENDING = 3;

export function SignOffSection({ checklistId, signOffs, user, canSignOff, complete, pending, onOpenItem }: SignOffSectionProps): ReactElement {
  const { t } = useLabels();
  const [signingAgain, setSigningAgain] = useState(false);
  const signed = signOffs.length > 0;
  // Newest first: the state that counts now is the last signing.
  const history = [...signOffs].sort((a, b) => b.signedAt.localeCompare(a.signedAt));
  const personName = usePersonName();
  return (
    <section className="card" aria-labelledby="sign-off-title" data-testid="sign-offs">
      <h2 id="sign-off-title">{t('signOff.title')}</h2>
      {signed ? (
        <>
          <p className="sign-off-state" role="status">{t('signOff.signed')}</p>
          <ul className="sign-off-list">
            {history.map((signOff) => (
              <li key={signOff.id}>
                <p>
                  {t('signOff.by', {
                    // The signer's name comes from the commune's roster (hooks/use-people.ts), never the id.
                    name: signOff.signedBy === user.id ? t('signOff.you') : personName(signOff.signedBy),
                    time: formatDateTime(signOff.signedAt),
                  })}
                </p>
                {signOff.comment && <p className="pre-line">{t('signOff.comment', { comment: signOff.comment })}</p>}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="hint">{t('signOff.who')}</p>
      )}
      {!complete && <PendingItems pending={pending} onOpenItem={onOpenItem} />}
      {complete && !signed && !canSignOff && <p className="hint">{t('signOff.waiting')}</p>}
      {canSignOff && complete && (!signed || signingAgain) && <SignOffForm checklistId={checklistId} onSigned={() => setSigningAgain(false)} />}
      {canSignOff && complete && signed && !signingAgain && (
        <button type="button" className="button" onClick={() => setSigningAgain(true)}>{t('signOff.again')}</button>
      )}
    </section>
  );
}

function PendingItems({ pending, onOpenItem }: { pending: readonly ItemView[]; onOpenItem: (itemId: string) => void }): ReactElement {
  const { t, localized } = useLabels();
  if (pending.length === 0) return <p className="hint">{t('signOff.nothingApplies')}</p>;
  const named = pending.slice(0, NAMED_PENDING);
  return (
    <div className="sign-off-missing">
      <p>{t('signOff.missing', { count: pending.length })}</p>
      <ul>
        {named.map((view) => (
          <li key={view.item.id}>
            <button type="button" onClick={() => onOpenItem(view.item.id)}>{localized(view.item.title)}</button>
          </li>
        ))}
      </ul>
      {pending.length > named.length && <p className="hint">{t('signOff.missingMore', { count: pending.length - named.length })}</p>}
    </div>
  );
}

function SignOffForm({ checklistId, onSigned }: { checklistId: string; onSigned: () => void }): ReactElement {
  const { t, errorMessage } = useLabels();
  const id = useId();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    signOffChecklist(checklistId, comment).then(
      () => {
        setSaving(false);
        setComment('');
        // The signed state replaces the form (the record arrives through the live query).
        onSigned();
      },
      (failure: unknown) => {
        setSaving(false);
        setError(errorMessage(failure));
      },
    );
  };
  return (
    <form onSubmit={submit} className="sign-off-form">
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('signOff.commentLabel')}</label>
        <textarea id={`${id}-comment`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {error && <p role="alert">{error}</p>}
      <button type="submit" className="button primary" disabled={saving}>{t('signOff.submit')}</button>
    </form>
  );
}
