import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../lib/format';
import { useStorageInfo } from '../hooks/use-storage-info';

export function StorageSection(): ReactElement {
  const { t, i18n } = useTranslation();
  const { info, requestPersist } = useStorageInfo();
  const size = (bytes: number) => {
    const { unit, value } = formatBytes(bytes, i18n.language);
    return t(`units.${unit}`, { value });
  };
  return (
    <section className="card" aria-labelledby="storage-title">
      <h2 id="storage-title">{t('settings.storage')}</h2>
      {info && (
        <>
          <p data-testid="persist-state" data-state={info.persist}>
            {info.persist === 'persisted' ? t('settings.persisted') : info.persist === 'unsupported' ? t('settings.persistUnsupported') : t('settings.notPersisted')}
          </p>
          {info.persist === 'not-persisted' && (
            <button type="button" className="button" onClick={requestPersist}>{t('settings.requestPersist')}</button>
          )}
          <p data-testid="storage-usage">
            {info.usageBytes !== null && info.quotaBytes !== null
              ? t('settings.usage', { used: size(info.usageBytes), quota: size(info.quotaBytes) })
              : t('settings.usageUnknown')}
          </p>
        </>
      )}
    </section>
  );
}
