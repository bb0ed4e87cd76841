// /privacy/retention: how long citizens' details are kept in this province (docs/privacy.md
// "Retention"). The province admin chooses 1 to 12 months; the commune leader reads it. The
// server keeps the setting and purges by it, so this needs the network; phones keep less anyway.
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/permissions';
import { DEFAULT_RETENTION_MONTHS, PHONE_RETENTION_DAYS, type RetentionSetting } from '../../../../shared/privacy/retention';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import type { SessionUser } from '../../../data/session-repository';
import { NetworkError } from '../../../sync/errors';
import { readRetention, setRetention } from '../../../sync/privacy-api';
import '../privacy.css';

type State = { kind: 'loading' } | { kind: 'shown'; setting: RetentionSetting; saved?: boolean } | { kind: 'failed'; offline: boolean };

export function RetentionScreen(): ReactElement {
  const { t } = useTranslation('privacy');
  return (
    <SessionGate text={{ title: t('retention.title'), loading: t('retention.loading'), signInFirst: t('retention.signInFirst'), signIn: t('retention.signIn') }}>
      {(user) =>
        can(user.role, 'retention.view') ? (
          <RetentionSettingView user={user} />
        ) : (
          <Screen title={t('retention.title')}>
            <EmptyState>{t('retention.notForRole', { days: PHONE_RETENTION_DAYS })}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

const MONTHS = Array.from({ length: DEFAULT_RETENTION_MONTHS }, (_, i) => i + 1);

function RetentionSettingView({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('privacy');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [months, setMonths] = useState(DEFAULT_RETENTION_MONTHS);
  const [saving, setSaving] = useState(false);
  const manages = can(user.role, 'retention.manage');
  const failed = (error: unknown) => setState({ kind: 'failed', offline: error instanceof NetworkError });

  useEffect(() => {
    readRetention()
      .then((setting) => {
        setMonths(setting.months);
        setState({ kind: 'shown', setting });
      })
      .catch(failed);
  }, []);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setRetention(months)
      .then((setting) => setState({ kind: 'shown', setting, saved: true }))
      .catch(failed)
      .finally(() => setSaving(false));
  };

  return (
    <Screen title={t('retention.title')}>
      <p>{t('retention.intro', { days: PHONE_RETENTION_DAYS })}</p>
      {state.kind === 'loading' && <p role="status">{t('retention.loading')}</p>}
      {state.kind === 'failed' && <p className="notice" role="alert">{t(state.offline ? 'retention.offline' : 'retention.failed')}</p>}
      {state.kind === 'shown' && !manages && (
        <p className="card" data-testid="retention-months">{t('retention.current', { count: state.setting.months })}</p>
      )}
      {state.kind === 'shown' && manages && (
        <form className="card" onSubmit={save}>
          <div className="field">
            <label htmlFor="retention-months">{t('retention.months')}</label>
            <select id="retention-months" value={months} disabled={saving} onChange={(e) => setMonths(Number(e.target.value))} aria-describedby="retention-hint">
              {MONTHS.map((m) => (
                <option key={m} value={m}>{t('retention.monthOption', { count: m })}</option>
              ))}
            </select>
          </div>
          <p className="hint" id="retention-hint">{t('retention.hint', { max: DEFAULT_RETENTION_MONTHS })}</p>
          <button type="submit" className="button primary" disabled={saving}>{t('retention.save')}</button>
          {state.saved && <p className="notice" role="status">{t('retention.saved', { count: state.setting.months })}</p>}
        </form>
      )}
    </Screen>
  );
}
