// A quiet banner when a new version is waiting; it never reloads by itself.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dismissUpdate, usePendingUpdate } from '../lib/pwa';

export function UpdatePrompt(): ReactElement | null {
  const { t } = useTranslation();
  const apply = usePendingUpdate();
  if (!apply) return null;
  return (
    <div className="update-prompt" role="status">
      <p>{t('update.available')}</p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={apply}>{t('update.apply')}</button>
        <button type="button" className="button" onClick={dismissUpdate}>{t('update.later')}</button>
      </div>
    </div>
  );
}
