// The way to the hand-over screen from Settings' field tools. Its words are in the hand-over's own
// namespace, loaded with Settings' chunk (not the first screen's).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function HandOverLink(): ReactElement {
  const { t } = useTranslation('handover');
  return (
    <p>
      <Link to="/settings/hand-over">{t('link')}</Link>
    </p>
  );
}
