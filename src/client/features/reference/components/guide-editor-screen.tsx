// /admin/guides/:code: edit a service's guide and publish the next version (docs/field-aids.md §3):
// the summary, the steps (text and one picture each, added, removed, reordered), what to bring, the
// common failures and the official source. The server numbers the version and refuses it when
// another was published since the one being edited (409): the admin is told in words and can load
// the newest and edit again. Publishing needs the network; the phones get the version at their
// next sync.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { EmptyState, Screen } from '../../../components/ui/screen';
import type { GuideWithImages } from '../../../data/guide-repository';
import { useLiveQuery } from 'dexie-react-hooks';
import { getGuide } from '../../../data/guide-repository';
import { HttpError } from '../../../sync/errors';
import { publishGuide } from '../../../sync/guide-api';
import { refreshReferenceData } from '../../../sync/reference-admin-api';
import { failureOf, useCatalogue } from '../hooks/use-reference';
import { AdminGate } from './admin-gate';
import { GuideFailureEditor, GuideStepEditor } from './guide-parts-editor';
import { draftOfGuide, failureKey, nextStepId, publishBodyOf, type GuideDraft } from '../utils/guide-draft';

export function GuideEditorScreen(): ReactElement {
  const { t } = useTranslation('guides');
  return <AdminGate title={t('editor.listTitle')} action="guides.manage">{() => <Loader />}</AdminGate>;
}

function Loader(): ReactElement {
  const { t, i18n } = useTranslation('guides');
  const { t: tr } = useTranslation('reference');
  const { code = '' } = useParams();
  const services = useCatalogue();
  const guide = useLiveQuery(async () => (await getGuide(code)) ?? null, [code]);
  // Bumped by "reload": the editor starts again from the newest version this phone has.
  const [round, setRound] = useState(0);
  const service = services?.find((one) => one.code === code && one.active);
  if (!service || guide === undefined) {
    return (
      <Screen title={t('editor.listTitle')}>
        {services === undefined || guide === undefined ? <p role="status">{tr('common.loading')}</p> : <EmptyState>{t('missing')}</EmptyState>}
        <Link className="ref-back" to="/admin/guides">{t('editor.listTitle')}</Link>
      </Screen>
    );
  }
  const name = i18n.language === 'en' && service.name.en ? service.name.en : service.name.vi;
  return <Editor key={round} code={code} name={name} latest={guide} onReload={() => void refreshReferenceData().finally(() => setRound((n) => n + 1))} />;
}

/** The words for a field the schema refused, from its path ("steps.2.text"). */
function fieldLabel(path: string, t: ReturnType<typeof useTranslation<'guides'>>['t']): string {
  const [field, index] = path.split('.');
  const number = Number(index) + 1;
  if (field === 'steps') return Number.isNaN(number) ? t('steps') : t('editor.stepText', { number });
  if (field === 'failures') return t('editor.failure', { number });
  if (field === 'bring') return t('editor.bring');
  if (field === 'sourceUrl') return t('editor.sourceUrl');
  if (field === 'sourceTitle') return t('editor.sourceTitle');
  return t('editor.summary');
}

function Editor({ code, name, latest, onReload }: { code: string; name: string; latest: GuideWithImages | null; onReload: () => void }): ReactElement {
  const { t } = useTranslation('guides');
  const { t: tr } = useTranslation('reference');
  const navigate = useNavigate();
  // The version being edited, kept while sync brings newer ones: publishing says it was based on this one.
  const [basedOn] = useState(latest?.guide.version ?? 0);
  const [draft, setDraft] = useState<GuideDraft>(() => draftOfGuide(latest));
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (next: Partial<GuideDraft>) => setDraft((all) => ({ ...all, ...next }));
  const steps = draft.steps;
  const move = (index: number, by: -1 | 1) => {
    const moved = [...steps];
    const [step] = moved.splice(index, 1);
    moved.splice(index + by, 0, step!);
    set({ steps: moved });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = publishBodyOf(draft, basedOn);
    if ('path' in checked) return setError({ text: t('editor.invalid', { reason: fieldLabel(checked.path, t) }), stale: false });
    setBusy(true);
    setError(null);
    publishGuide(code, checked.body).then(
      () => void navigate('/admin/guides', { state: { published: basedOn + 1 } }),
      (failure: unknown) => {
        setBusy(false);
        if (failure instanceof HttpError && failure.status === 409) setError({ text: t('editor.conflict'), stale: true });
        else if (failure instanceof HttpError && failure.message === 'validation.noChange') setError({ text: t('editor.noChange', { version: basedOn }), stale: false });
        else if (failure instanceof HttpError && failure.message.startsWith('validation.imageTooLarge')) setError({ text: t('editor.budget'), stale: false });
        else setError({ text: failureOf(failure) === 'offline' ? t('editor.offline') : tr(`common.${failureOf(failure)}`), stale: false });
      },
    );
  };

  const title = t('editor.title', { name });
  return (
    <Screen title={title}>
      <Link className="ref-back" to="/admin/guides">{t('editor.listTitle')}</Link>
      <p className="hint">{basedOn > 0 ? t('editor.basedOn', { version: basedOn }) : t('editor.firstVersion')}</p>
      <form className="ref-form" onSubmit={submit} noValidate aria-label={title}>
        <div className="field">
          <label htmlFor="guide-summary">{t('editor.summary')}</label>
          <textarea id="guide-summary" rows={3} value={draft.summary} onChange={(e) => set({ summary: e.target.value })} />
        </div>
        <ol className="ref-list ref-items" aria-label={t('steps')}>
          {steps.map((step, index) => (
            <li key={step.id}>
              <GuideStepEditor
                number={index + 1}
                count={steps.length}
                step={step}
                onChange={(changed) => set({ steps: steps.map((one, i) => (i === index ? changed : one)) })}
                onMove={(by) => move(index, by)}
                onRemove={() => set({ steps: steps.filter((_, i) => i !== index) })}
              />
            </li>
          ))}
        </ol>
        <button type="button" className="button" onClick={() => set({ steps: [...steps, { id: nextStepId(steps), text: '', imageId: null, newImage: null, src: null }] })}>{t('editor.addStep')}</button>
        <div className="field">
          <label htmlFor="guide-bring">{t('editor.bring')}</label>
          <textarea id="guide-bring" rows={4} value={draft.bring} onChange={(e) => set({ bring: e.target.value })} />
        </div>
        <ul className="ref-list ref-items" aria-label={t('failures')}>
          {draft.failures.map((failure, index) => (
            <li key={failure.key}>
              <GuideFailureEditor
                number={index + 1}
                failure={failure}
                onChange={(changed) => set({ failures: draft.failures.map((one, i) => (i === index ? changed : one)) })}
                onRemove={() => set({ failures: draft.failures.filter((_, i) => i !== index) })}
              />
            </li>
          ))}
        </ul>
        <button type="button" className="button" onClick={() => set({ failures: [...draft.failures, { key: failureKey(), problem: '', action: '', barrier: '', contactRoleId: '' }] })}>{t('editor.addFailure')}</button>
        <div className="field">
          <label htmlFor="guide-source-title">{t('editor.sourceTitle')}</label>
          <input id="guide-source-title" value={draft.sourceTitle} onChange={(e) => set({ sourceTitle: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="guide-source-url">{t('editor.sourceUrl')}</label>
          <input id="guide-source-url" type="url" inputMode="url" value={draft.sourceUrl} onChange={(e) => set({ sourceUrl: e.target.value })} />
        </div>
        {error && (
          <div role="alert" className="notice">
            <p className="ref-error">{error.text}</p>
            {error.stale && <button type="button" className="button" onClick={onReload}>{t('editor.reload')}</button>}
          </div>
        )}
        <button type="submit" className="button primary" disabled={busy}>{busy ? t('editor.publishing') : t('editor.publish')}</button>
      </form>
    </Screen>
  );
}
