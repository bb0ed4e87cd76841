// Home: what a team member needs first — the common tasks, one tap away. It lives in app/
// because it composes pieces of several features (follow-ups due, sync status, …).
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../components/ui/screen';
import { Icon } from '../components/ui/icons';
import { useOnline } from '../lib/use-online';

export function HomeScreen(): ReactElement {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <Screen title={t('home.title')}>
      <p className="lead">{t('home.greeting')} {t('home.intro')}</p>
      {!online && <p className="notice" role="status">{t('home.offlineNow')}</p>}
      <h2>{t('home.quickActions')}</h2>
      <ul className="tile-list">
        <li><Link className="tile" to="/assistance"><Icon name="assistance" />{t('home.logAssistance')}</Link></li>
        <li><Link className="tile" to="/checklists"><Icon name="checklists" />{t('home.openChecklists')}</Link></li>
        <li><Link className="tile" to="/contacts"><Icon name="contacts" />{t('home.callSupport')}</Link></li>
      </ul>
    </Screen>
  );
}
