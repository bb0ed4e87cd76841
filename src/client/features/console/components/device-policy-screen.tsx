// /admin/device-policy: the province admin sets the lock rules of every phone of the province
// (docs/security.md "The province's settings"): the idle time before the lock, the days a phone may
// go without reaching the server, the wrong passwords before an online sign-in. The server keeps
// them and each phone receives them at its next sign-in or token refresh, so this needs the network.
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DEVICE_POLICY_BOUNDS, devicePolicyChangeSchema, type DevicePolicy, type DevicePolicySetting } from '../../../../shared/device-policy';
import { can } from '../../../../shared/permissions';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { fetchDevicePolicy, putDevicePolicy } from '../../../sync/admin-api';
import { NetworkError } from '../../../sync/errors';
import { formText } from '../form-text';
import '../console.css';

const FIELDS = ['lockAfterMinutes', 'offlineDays', 'maxFailedUnlocks'] as const satisfies readonly (keyof DevicePolicy)[];

type State = { kind: 'loading' } | { kind: 'shown'; setting: DevicePolicySetting } | { kind: 'failed'; offline: boolean };

export function DevicePolicyScreen(): ReactElement {
  const { t } = useTranslation('console');
  return (
    <SessionGate text={{ title: t('devicePolicy.title'), loading: t('accounts.loading'), signInFirst: t('accounts.signInFirst'), signIn: t('accounts.signIn') }}>
      {(user) =>
        can(user.role, 'devicePolicy.manage') ? (
          <DevicePolicyForm />
        ) : (
          <Screen title={t('devicePolicy.title')}>
            <EmptyState>{t('devicePolicy.notAllowed')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

function DevicePolicyForm(): ReactElement {
  const { t } = useTranslation('console');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const failed = (error: unknown) => setNote({ ok: false, text: t(error instanceof NetworkError ? 'devicePolicy.offline' : 'devicePolicy.failed') });

  useEffect(() => {
    fetchDevicePolicy()
      .then((setting) => setState({ kind: 'shown', setting }))
      .catch((error: unknown) => setState({ kind: 'failed', offline: error instanceof NetworkError }));
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = Object.fromEntries(FIELDS.map((field) => [field, Number(formText(data, field))]));
    const parsed = devicePolicyChangeSchema.safeParse(input);
    if (!parsed.success) {
      const field = FIELDS.find((name) => parsed.error.issues.some((issue) => issue.path[0] === name)) ?? FIELDS[0];
      setNote({ ok: false, text: t('devicePolicy.outOfRange', { field: t(`devicePolicy.${field}`), ...DEVICE_POLICY_BOUNDS[field] }) });
      return;
    }
    setBusy(true);
    try {
      const setting = await putDevicePolicy(parsed.data);
      setState({ kind: 'shown', setting });
      setNote({ ok: true, text: t('devicePolicy.saved') });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={t('devicePolicy.title')}>
      <p>{t('devicePolicy.intro')}</p>
      {state.kind === 'loading' && <p role="status">{t('accounts.loading')}</p>}
      {state.kind === 'failed' && <p className="notice" role="alert">{t(state.offline ? 'devicePolicy.offline' : 'devicePolicy.failed')}</p>}
      {state.kind === 'shown' && (
        <form className="card console-form" onSubmit={(event) => void submit(event)} noValidate>
          {FIELDS.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`policy-${field}`}>{t(`devicePolicy.${field}`)}</label>
              <input
                id={`policy-${field}`}
                name={field}
                type="number"
                inputMode="numeric"
                min={DEVICE_POLICY_BOUNDS[field].min}
                max={DEVICE_POLICY_BOUNDS[field].max}
                defaultValue={state.setting.policy[field]}
                aria-describedby={`policy-${field}-hint`}
                required
              />
              <p className="hint" id={`policy-${field}-hint`}>
                {t(`devicePolicy.${field}Hint`, { ...DEVICE_POLICY_BOUNDS[field], fallback: state.setting.defaults[field] })}
              </p>
            </div>
          ))}
          {note && <p className={note.ok ? 'notice' : 'field-error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
          <button type="submit" className="button primary" disabled={busy}>{t('devicePolicy.save')}</button>
        </form>
      )}
    </Screen>
  );
}
