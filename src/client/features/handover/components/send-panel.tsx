// The sender's side: pick records with unsent changes (all by default), make the bundle, then show
// the code and the ways to pass the bundle on (send-methods.tsx). The changes stay in this phone's
// outbox: whichever phone reaches the server first sends them, and the server applies each once.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/ui/screen';
import { useLoaded } from '../../../hooks/use-loaded';
import type { SessionUser } from '../../../data/session-repository';
import { handOverContent, listHandOverCandidates, type HandOverCandidate } from '../../../data/handover-repository';
import { hasRelayKey } from '../../../data/relay-key';
import { LockedError } from '../../../data/vault/vault';
import { log } from '../../../lib/log';
import { fileName } from '../../../lib/save-file';
import { newCode, sealBundle } from '../../../../shared/handover/bundle';
import { formatDateTime } from '../../../../shared/text/dates';
import { SendMethods, type ReadyBundle } from './send-methods';
import { FollowUpPicker, type FollowUpChoice } from './follow-up-picker';
import { FollowUpColleagueError, listFollowUpColleagues, listOpenFollowUps } from '../../../data/handover-follow-ups';

const keyOf = (candidate: Pick<HandOverCandidate, 'table' | 'recordId'>) => `${candidate.table}/${candidate.recordId}`;

/** The code in two groups of five, easier to read aloud and to type. */
export const codeGroups = (code: string) => `${code.slice(0, 5)} ${code.slice(5)}`;

export function SendPanel({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('handover');
  const { t: ts } = useTranslation('sync');
  const loaded = useLoaded(
    'hand-over candidates',
    async () => ({
      candidates: await listHandOverCandidates(user),
      keyReady: await hasRelayKey(user.id),
      followUps: await listOpenFollowUps(user),
      colleagues: await listFollowUpColleagues(user),
    }),
    [user.id],
  );
  const [choice, setChoice] = useState<FollowUpChoice>({ logIds: new Set(), to: '' });
  // Records the member unticked; everything else travels (new unsent changes are ticked as they come).
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [bundle, setBundle] = useState<ReadyBundle | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | 'failed' | 'locked' | 'notColleague'>('idle');

  if (bundle) return <BundleReady bundle={bundle} onAgain={() => setBundle(null)} />;
  if (loaded.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.status === 'failed') return <p role="alert">{t('send.loadFailed')}</p>;
  const { candidates, keyReady, followUps, colleagues } = loaded.value;
  if (candidates.length === 0 && followUps.length === 0) return <EmptyState>{t('send.none')}</EmptyState>;
  const picked = candidates.filter((candidate) => !left.has(keyOf(candidate)));
  // Follow-ups travel only once a colleague is chosen for them.
  const handing = choice.to !== '' && choice.logIds.size > 0 ? { logIds: [...choice.logIds], to: choice.to } : undefined;
  const records = new Set([...picked.map(keyOf), ...(handing?.logIds ?? []).map((logId) => keyOf({ table: 'assistanceLogs', recordId: logId }))]).size;

  const toggle = (key: string, on: boolean) =>
    setLeft((before) => {
      const next = new Set(before);
      if (on) next.delete(key);
      else next.add(key);
      return next;
    });
  const make = async () => {
    setState('busy');
    try {
      const content = await handOverContent(user, picked, Date.now(), handing);
      const code = newCode();
      const bytes = await sealBundle(content, code);
      const stamp = content.createdAt.slice(0, 16).replace(/[-:T]/g, '');
      const file = new File([bytes as BlobPart], fileName('so-tay-so', user.username, `${stamp}.sotayso`), { type: 'application/octet-stream' });
      setBundle({ code, bytes, file, changes: content.entries.length, records });
      setState('idle');
    } catch (error) {
      log.warn('hand-over bundle failed', error instanceof Error ? error.name : error);
      setState(error instanceof LockedError ? 'locked' : error instanceof FollowUpColleagueError ? 'notColleague' : 'failed');
    }
  };

  return (
    <section className="card" aria-labelledby="ho-send-title">
      <h2 id="ho-send-title">{t('send.title')}</h2>
      {!keyReady && <p className="notice" role="status">{t('send.noKey')}</p>}
      {candidates.length > 0 && (
      <label className="choice">
        <input type="checkbox" checked={picked.length === candidates.length} onChange={(event) => setLeft(event.target.checked ? new Set() : new Set(candidates.map(keyOf)))} />
        {t('send.all', { count: candidates.length })}
      </label>
      )}
      <div className="ho-list" role="group" aria-label={t('send.title')}>
        {candidates.map((candidate) => (
          <label key={keyOf(candidate)} className="choice ho-item">
            <input type="checkbox" checked={!left.has(keyOf(candidate))} onChange={(event) => toggle(keyOf(candidate), event.target.checked)} />
            <span>
              {t('send.item', { table: ts(`table.${candidate.table}`), when: formatDateTime(candidate.createdAt) })}
              <small>{t('send.changes', { count: candidate.changes })}</small>
            </span>
          </label>
        ))}
      </div>
      <FollowUpPicker followUps={followUps} colleagues={colleagues} choice={choice} onChange={setChoice} />
      <div className="button-row ho-actions">
        <button type="button" className="button primary" disabled={!keyReady || records === 0 || state === 'busy'} onClick={() => void make()}>
          {state === 'busy' ? t('send.creating') : t('send.create', { count: records })}
        </button>
      </div>
      {(state === 'failed' || state === 'locked' || state === 'notColleague') && (
        <p className="notice" role="alert">
          {t(`send.${state}`)}
        </p>
      )}
    </section>
  );
}

function BundleReady({ bundle, onAgain }: { bundle: ReadyBundle; onAgain: () => void }): ReactElement {
  const { t } = useTranslation('handover');
  return (
    <>
      <section className="card" aria-labelledby="ho-code-title">
        <h2 id="ho-code-title">{t('send.codeTitle')}</h2>
        <p className="ho-code" data-testid="hand-over-code">
          {codeGroups(bundle.code)}
        </p>
        <p className="hint">{t('send.codeHint')}</p>
        <p>{t('send.summary', { changes: bundle.changes, records: bundle.records })}</p>
        <p className="hint">{t('send.stillYours')}</p>
      </section>
      <SendMethods bundle={bundle} />
      <div className="button-row ho-actions">
        <button type="button" className="button" onClick={onAgain}>
          {t('send.again')}
        </button>
      </div>
    </>
  );
}
