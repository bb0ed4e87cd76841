// Sign-offs of a checklist: who signed, when, and their comment; reviewers sign off a completed
// checklist here (a new signOffs record each time, so the history stays).
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { signOffChecklist, type SignOff } from '../../../data/checklist-repository';
import type { SessionUser } from '../../../data/session-repository';
import { formatDateTime } from '../../../../shared/text/dates';
import { useLabels } from '../hooks/use-labels';

interface SignOffSectionProps {
  checklistId: string;
  signOffs: readonly SignOff[];
  user: SessionUser;
  canSignOff: boolean;
  complete: boolean;
}

export function SignOffSection({ checklistId, signOffs, user, canSignOff, complete }: SignOffSectionProps): ReactElement | null {
  const { t } = useLabels();
  if (signOffs.length === 0 && !canSignOff) return null;
  return (
    <section className="card" aria-labelledby="sign-off-title" data-testid="sign-offs">
      <h2 id="sign-off-title">{t('signOff.title')}</h2>
      {signOffs.length === 0 ? (
        <p className="hint">{t('signOff.none')}</p>
      ) : (
        <ul className="sign-off-list">
          {signOffs.map((signOff) => (
            <li key={signOff.id}>
              <p>
                {t('signOff.by', {
                  // Only the signer's id travels with the record; other people's names need the
                  // commune's member list, which this phone may not have.
                  name: signOff.signedBy === user.id ? t('signOff.you') : t('signOff.someone', { id: signOff.signedBy.slice(-6) }),
                  time: formatDateTime(signOff.signedAt),
                })}
              </p>
              {signOff.comment && <p className="pre-line">{t('signOff.comment', { comment: signOff.comment })}</p>}
            </li>
          ))}
        </ul>
      )}
      {canSignOff && (complete ? <SignOffForm checklistId={checklistId} /> : <p className="hint">{t('signOff.notComplete')}</p>)}
    </section>
  );
}

function SignOffForm({ checklistId }: { checklistId: string }): ReactElement {
  const { t, errorMessage } = useLabels();
  const id = useId();
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    signOffChecklist(checklistId, comment).then(
      () => {
        setSaving(false);
        setComment('');
        setMessage({ kind: 'ok', text: t('signOff.done') });
      },
      (failure: unknown) => {
        setSaving(false);
        setMessage({ kind: 'error', text: errorMessage(failure) });
      },
    );
  };
  return (
    <form onSubmit={submit} className="sign-off-form">
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('signOff.commentLabel')}</label>
        <textarea id={`${id}-comment`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</p>}
      <button type="submit" className="button primary" disabled={saving}>{t('signOff.submit')}</button>
    </form>
  );
}
