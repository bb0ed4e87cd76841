// What shows while the lock check has not answered yet: the app's name only, never a screen.
// Its own file so the gate and its lazy check both use it without importing each other.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function Opening(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="screen">
      <h1>{t('app.name')}</h1>
      <p role="status">{t('app.loading')}</p>
    </section>
  );
}
