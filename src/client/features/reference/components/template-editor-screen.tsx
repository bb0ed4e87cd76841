// /admin/templates/:templateId: edit a template's newest version and publish the next (docs/
// reference-data.md "Checklist templates"): its name, and its tasks added, removed, reordered and
// edited. The server numbers the new version and refuses it when another was published since the
// one being edited (409): the admin is told in words and can load the newest and edit again.
// Older versions, and the communes' checklists made from them, are never touched.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { EmptyState, Screen } from '../../../components/ui/screen';
import type { ChecklistTemplate } from '../../../data/checklist-template-repository';
import { templateVersionSchema } from '../../../../shared/reference/admin-api';
import { HttpError } from '../../../sync/errors';
import { publishTemplateVersion, refreshReferenceData } from '../../../sync/reference-admin-api';
import { failureOf, useTemplates } from '../hooks/use-reference';
import { AdminGate } from './admin-gate';
import { taskProblem, TemplateTaskList, TemplateTitleFields } from './template-form-parts';
import { draftOf, itemOf, type ItemDraft } from './template-item-editor';

export function TemplateEditorScreen(): ReactElement {
  const { t } = useTranslation('reference');
  return <AdminGate title={t('templates.title')} action="template.manage">{() => <Loader />}</AdminGate>;
}

function Loader(): ReactElement {
  const { t } = useTranslation('reference');
  const { templateId = '' } = useParams();
  const templates = useTemplates();
  // Bumped by "reload": the editor starts again from the newest version this phone has.
  const [round, setRound] = useState(0);
  const template = templates?.find((tpl) => tpl.templateId === templateId);
  if (!template) {
    return (
      <Screen title={t('templates.title')}>
        {templates === undefined ? <p role="status">{t('common.loading')}</p> : <EmptyState>{t('templates.notFound')}</EmptyState>}
        <Link className="ref-back" to="/admin/templates">{t('templates.title')}</Link>
      </Screen>
    );
  }
  return <Editor key={round} latest={template} onReload={() => void refreshReferenceData().finally(() => setRound((n) => n + 1))} />;
}

function Editor({ latest, onReload }: { latest: ChecklistTemplate; onReload: () => void }): ReactElement {
  // The version being edited, kept while sync brings newer ones: publishing says it was based on this one.
  const [base] = useState(latest);
  const { t } = useTranslation('reference');
  const navigate = useNavigate();
  const [title, setTitle] = useState(base.title);
  const [items, setItems] = useState<ItemDraft[]>(() => base.items.map(draftOf));
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const next = base.version + 1;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = taskProblem(items, t);
    if (problem) return setError({ text: problem, stale: false });
    const { templateId, version: _version, title: _title, items: _items, scope, categories, source, notes } = base;
    const parsed = templateVersionSchema.safeParse({
      title,
      scope,
      categories,
      items: items.map(itemOf),
      ...(source === undefined ? {} : { source }),
      ...(notes === undefined ? {} : { notes }),
      basedOn: base.version,
    });
    if (!parsed.success) return setError({ text: t('common.invalid'), stale: false });
    setBusy(true);
    setError(null);
    publishTemplateVersion(templateId, parsed.data).then(
      (answer) => void navigate('/admin/templates', { state: { published: answer.record.version } }),
      (failure: unknown) => {
        setBusy(false);
        if (failure instanceof HttpError && failure.status === 409) setError({ text: t('templates.stale'), stale: true });
        else if (failure instanceof HttpError && failure.message === 'validation.noChange') setError({ text: t('templates.noChange', { version: base.version }), stale: false });
        else setError({ text: t(`common.${failureOf(failure)}`), stale: false });
      },
    );
  };

  return (
    <Screen title={t('templates.editTitle', { title: base.title.vi })}>
      <Link className="ref-back" to="/admin/templates">{t('templates.title')}</Link>
      <p className="hint">{t('templates.editIntro', { version: base.version, next })}</p>
      <form className="ref-form" onSubmit={submit} noValidate aria-label={t('templates.editTitle', { title: base.title.vi })}>
        <div className="card ref-form">
          <TemplateTitleFields idPrefix="template-title" title={title} onChange={setTitle} />
        </div>
        <TemplateTaskList items={items} setItems={setItems} categories={base.categories} />
        {error && (
          <div role="alert" className="notice">
            <p className="ref-error">{error.text}</p>
            {error.stale && (
              <button type="button" className="button" onClick={onReload}>{t('templates.reload')}</button>
            )}
          </div>
        )}
        <button type="submit" className="button primary" disabled={busy}>{t('templates.publish', { next })}</button>
      </form>
    </Screen>
  );
}
