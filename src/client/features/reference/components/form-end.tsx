// The end of the service and province-contact forms: the sentence shown when the shared schema
// refuses the input, then Save and Cancel.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function FormEnd({ invalid, busy, onCancel }: { invalid: boolean; busy: boolean; onCancel: () => void }): ReactElement {
  const { t } = useTranslation('reference');
  return (
    <>
      {invalid && <p role="alert" className="ref-error">{t('common.invalid')}</p>}
      <div className="ref-actions">
        <button type="submit" className="button primary" disabled={busy}>{t('common.save')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </>
  );
}
