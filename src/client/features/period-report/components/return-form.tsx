// "Trả lại để xã sửa" on a commune's card of the compiled view (docs/reports.md "Returned for
// correction"): the province admin writes why and sends it; online only, like the view itself.
// After the server took it the view is read again, so the card shows the commune as returned.
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { returnReport } from '../../../sync/reports-api';
import { HttpError } from '../../../sync/errors';
import { log } from '../../../lib/log';

export function ReturnForm({ communeId, submissionId, onReturned }: { communeId: string; submissionId: string; onReturned: () => void }): ReactElement {
  const { t } = useTranslation('periodReport');
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<'short' | 'conflict' | 'failed' | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('compiled.return')}</button>;
  const send = async () => {
    if (reason.trim().length < 3) return setProblem('short');
    setBusy(true);
    try {
      await returnReport({ communeId, submissionId, reason: reason.trim() });
      setOpen(false);
      onReturned();
    } catch (error) {
      log.warn('returning a report failed', error instanceof Error ? error.message : error);
      setProblem(error instanceof HttpError && error.status === 409 ? 'conflict' : 'failed');
    } finally {
      setBusy(false);
    }
  };
  const message = problem === 'short' ? t('compiled.returnShort') : problem === 'conflict' ? t('compiled.returnConflict') : problem === 'failed' ? t('compiled.returnFailed') : null;
  return (
    <div className="pr-text">
      <label htmlFor={`${id}-reason`} className="pr-label">{t('compiled.returnReason')}</label>
      <textarea id={`${id}-reason`} rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={problem === 'short'} aria-describedby={message ? `${id}-problem` : undefined} />
      {message && <p className="field-error" id={`${id}-problem`} role="alert">{message}</p>}
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} onClick={() => void send()}>{t('compiled.returnSend')}</button>
        <button type="button" className="button" onClick={() => setOpen(false)}>{t('compiled.returnCancel')}</button>
      </div>
    </div>
  );
}
