// After a withdrawn phone wiped itself (docs/security.md "Revoke and wipe"): why, and what was
// sent and what was lost, counted before the wipe — never a silent loss, least of all of another
// member's drafts. Shown once; "Understood" leads to the sign-in screen, and installs the app
// again for offline use (lib/pwa.ts waits for it).
import type { ReactElement } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { dismissWipeNotice, type WipeNotice } from '../../../data/wipe-notice';
import { registerServiceWorker } from '../../../lib/pwa';
import '../auth.css';

const LOSSES = ['unsent', 'refused', 'ownDrafts', 'otherDrafts'] as const;

export function WipedScreen({ notice }: { notice: WipeNotice }): ReactElement {
  const { t } = useTranslation('wipe');
  const navigate = useNavigate();
  const losses = LOSSES.filter((key) => notice[key] > 0);
  return (
    <Screen title={t('wiped.title')}>
      <p className="lead">{t(`wiped.${notice.reason}`)}</p>
      <ul className="card wipe-counts" data-testid="wipe-counts">
        {notice.sent > 0 && <li>{t('wiped.sent', { count: notice.sent })}</li>}
        {losses.map((key) => (
          <li key={key} className="wipe-loss">
            {t(`wiped.${key}`, { count: notice[key] })}
          </li>
        ))}
        {losses.length === 0 && <li>{t('wiped.nothingLost')}</li>}
      </ul>
      <p className="hint">{t('wiped.whatNext')}</p>
      <button
        type="button"
        className="button primary"
        onClick={() => {
          dismissWipeNotice();
          registerServiceWorker();
          void navigate('/sign-in');
        }}
      >
        {t('wiped.ok')}
      </button>
    </Screen>
  );
}
