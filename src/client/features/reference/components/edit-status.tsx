// The status line of an editor: what the last edit did, in words (never a raw server message).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, type Outcome } from '../hooks/use-reference';

/** `explain` names failures the screen knows better (a taken code, a stale version); undefined: the common words. */
export function EditStatus({ outcome, explain }: { outcome: Outcome; explain?: (error: unknown) => string | undefined }): ReactElement {
  const { t } = useTranslation('reference');
  return (
    <>
      <p role="status" className={outcome?.kind === 'saved' ? 'notice reference-saved' : 'ref-sr-only'}>
        {outcome?.kind === 'saved' ? outcome.message : ''}
      </p>
      {outcome?.kind === 'failed' && (
        <p role="alert" className="ref-error">
          {explain?.(outcome.error) ?? t(`common.${failureOf(outcome.error)}`)}
        </p>
      )}
    </>
  );
}
