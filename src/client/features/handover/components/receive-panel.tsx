// The receiver's side: a bundle arrives (receive-methods.tsx: a file, or QR frames), the code is
// typed, the phone shows what will be imported, and imports it through the data layer's one path
// for handed-over changes. Every refusal is named in Vietnamese
// and writes nothing: the bundle is refused before the import's transaction opens.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../data/session-repository';
import { HandOverImportError, importHandOver, previewHandOver, type ImportProblem } from '../../../data/handover-repository';
import { LockedError } from '../../../data/vault/vault';
import { log } from '../../../lib/log';
import { BundleError, CODE_LENGTH, normalizeCode, openBundle, readBundleHeader, type HandOverContent, type OpenProblem } from '../../../../shared/handover/bundle';
import type { SyncTable } from '../../../../shared/schemas/tables';
import { formatDateTime } from '../../../../shared/text/dates';
import { CodeField } from '../../../components/ui/code-field';
import { ReceiveMethods, type ReceivedBundle } from './receive-methods';

type Opened = { content: HandOverContent; byTable: Partial<Record<SyncTable, number>>; alreadyHere: number; followUps: number };
type Stage = { kind: 'source' } | { kind: 'code'; bundle: ReceivedBundle } | { kind: 'preview'; opened: Opened } | { kind: 'done'; count: number; name: string };

type Problem = OpenProblem | ImportProblem | 'locked' | 'failed';

/** The message key of a refusal: the bundle's own problems, the import's, a locked app, or anything else. */
function problemOf(error: unknown): Problem {
  if (error instanceof BundleError || error instanceof HandOverImportError) return error.problem;
  if (error instanceof LockedError) return 'locked';
  log.warn('hand-over import failed', error instanceof Error ? error.name : error);
  return 'failed';
}

export function ReceivePanel({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('handover');
  const [stage, setStage] = useState<Stage>({ kind: 'source' });
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const communeId = user.communeId ?? '';

  const open = async (bundle: ReceivedBundle, typed: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const content = await openBundle(bundle.bytes, typed, communeId);
      setStage({ kind: 'preview', opened: { content, ...(await previewHandOver(user, content)) } });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const received = (bundle: ReceivedBundle) => {
    setProblem(null);
    try {
      // The clear header names a bundle of another commune (or not a bundle at all) before any code is asked.
      if (readBundleHeader(bundle.bytes).header.communeId !== communeId) throw new BundleError('foreign');
    } catch (error) {
      setProblem(problemOf(error));
      return;
    }
    setStage({ kind: 'code', bundle });
  };
  const importNow = async (opened: Opened) => {
    setBusy(true);
    setProblem(null);
    try {
      const count = await importHandOver(user, opened.content);
      setStage({ kind: 'done', count, name: opened.content.author.displayName });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const restart = () => {
    setStage({ kind: 'source' });
    setCode('');
    setProblem(null);
  };

  return (
    <section className="card" aria-labelledby="ho-receive-title">
      <h2 id="ho-receive-title">{t('receive.title')}</h2>
      {stage.kind === 'source' && <ReceiveMethods onBundle={received} />}
      {stage.kind === 'code' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void open(stage.bundle, code);
          }}
        >
          <p>{stage.bundle.opened}</p>
          <CodeField id="ho-code" className="ho-code-input" label={t('receive.code')} hint={t('receive.codeHint')} value={code} onChange={setCode} autoCapitalize="characters" />
          <div className="button-row ho-actions">
            <button type="submit" className="button primary" disabled={busy || normalizeCode(code).length !== CODE_LENGTH}>
              {busy ? t('receive.opening') : t('receive.open')}
            </button>
          </div>
        </form>
      )}
      {stage.kind === 'preview' && <Preview opened={stage.opened} busy={busy} onImport={() => void importNow(stage.opened)} />}
      {stage.kind === 'done' && (
        <p className="notice" role="status">
          {t('receive.imported', { count: stage.count, name: stage.name })}
        </p>
      )}
      {problem && (
        <p className="notice ho-problem" role="alert">
          {t(`problem.${problem}`)}
        </p>
      )}
      {stage.kind !== 'source' && (
        <div className="button-row ho-actions">
          <button type="button" className="button" onClick={restart}>
            {t('receive.another')}
          </button>
        </div>
      )}
    </section>
  );
}

function Preview({ opened, busy, onImport }: { opened: Opened; busy: boolean; onImport: () => void }): ReactElement {
  const { t } = useTranslation('handover');
  const { t: ts } = useTranslation('sync');
  const { content, byTable, alreadyHere, followUps } = opened;
  return (
    <div aria-labelledby="ho-preview-title" role="group">
      <h3 id="ho-preview-title">{t('receive.previewTitle')}</h3>
      <p>{t('receive.from', { name: content.author.displayName, when: formatDateTime(content.createdAt) })}</p>
      <ul>
        {Object.entries(byTable).map(([table, count]) => (
          <li key={table}>{t('receive.count', { table: ts(`table.${table as SyncTable}`), count })}</li>
        ))}
      </ul>
      {followUps > 0 && <p>{t('receive.followUps', { count: followUps })}</p>}
      {alreadyHere > 0 && <p className="hint">{t('receive.alreadyHere', { count: alreadyHere })}</p>}
      <div className="button-row ho-actions">
        <button type="button" className="button primary" disabled={busy} onClick={onImport}>
          {busy ? t('receive.importing') : t('receive.import')}
        </button>
      </div>
    </div>
  );
}
