// /settings/hand-over: handing unsent changes to a colleague's phone without a network, and receiving
// them (docs/field-aids.md §2). The sender picks changes and gets a code and a bundle; the receiver
// opens the bundle, types the code, sees what comes and imports it. The bundle travels as a file or
// as a sequence of QR codes (SendMethods, ReceiveMethods).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { CommuneGate } from '../../../components/ui/commune-gate';
import type { SessionUser } from '../../../data/session-repository';
import { SendPanel } from './send-panel';
import { ReceivePanel } from './receive-panel';
import '../handover.css';

const MODES = ['send', 'receive'] as const;
type Mode = (typeof MODES)[number];

export function HandOverScreen(): ReactElement {
  const { t } = useTranslation('handover');
  return (
    <CommuneGate text={{ title: t('title'), loading: t('loading'), signInFirst: t('signInFirst'), signIn: t('signIn'), notForRole: t('notForRole') }}>
      {(user) => <HandOverBody user={user} />}
    </CommuneGate>
  );
}

function HandOverBody({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('handover');
  const [mode, setMode] = useState<Mode>('send');
  return (
    <Screen title={t('title')}>
      <p className="lead">{t('intro')}</p>
      <fieldset className="ho-mode">
        <legend>{t('mode.legend')}</legend>
        {MODES.map((choice) => (
          <label key={choice} className="choice">
            <input type="radio" name="ho-mode" value={choice} checked={mode === choice} onChange={() => setMode(choice)} />
            {t(`mode.${choice}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'send' ? <SendPanel user={user} /> : <ReceivePanel user={user} />}
    </Screen>
  );
}
