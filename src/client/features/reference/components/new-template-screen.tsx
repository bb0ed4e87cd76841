// /admin/templates/new: a brand-new checklist template (docs/reference-data.md "Checklist
// templates"): its name, its scope and its tasks, published by the server as version 1 and pulled
// by every phone of the province like the other reference data. Its id is made from the Vietnamese
// name (shown before publishing) and never changes: checklists name it with their version.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Screen } from '../../../components/ui/screen';
import type { ChecklistTemplate } from '../../../data/checklist-template-repository';
import { CHECKLIST_SCOPES, type ChecklistScope } from '../../../../shared/schemas/checklist';
import { newTemplateSchema } from '../../../../shared/reference/admin-api';
import { HttpError } from '../../../sync/errors';
import { addTemplate } from '../../../sync/reference-admin-api';
import { failureOf, useTemplates } from '../hooks/use-reference';
import { AdminGate } from './admin-gate';
import { codeFor } from './service-form';
import { emptyTask, taskProblem, TemplateTaskList, TemplateTitleFields } from './template-form-parts';
import { itemOf, type ItemDraft } from './template-item-editor';

export function NewTemplateScreen(): ReactElement {
  const { t } = useTranslation('reference');
  return <AdminGate title={t('templates.newTitle')} action="template.manage">{() => <Loader />}</AdminGate>;
}

function Loader(): ReactElement {
  const { t } = useTranslation('reference');
  const templates = useTemplates();
  if (templates === undefined) {
    return (
      <Screen title={t('templates.newTitle')}>
        <p role="status">{t('common.loading')}</p>
      </Screen>
    );
  }
  return <NewTemplateForm categories={groupsOf(templates)} />;
}

/** The task groups a new template offers: those the province's templates use (each has its label), in their order. */
function groupsOf(templates: readonly ChecklistTemplate[]): string[] {
  const groups = [...new Set(templates.flatMap((template) => template.categories))];
  return groups.includes('other') ? groups : [...groups, 'other'];
}

function NewTemplateForm({ categories }: { categories: string[] }): ReactElement {
  const { t } = useTranslation('reference');
  const { t: tc } = useTranslation('checklists');
  const navigate = useNavigate();
  const [title, setTitle] = useState({ vi: '', en: '' });
  const [scope, setScope] = useState<ChecklistScope>('commune');
  const [items, setItems] = useState<ItemDraft[]>(() => [emptyTask(categories[0]!)]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const templateId = codeFor(title.vi);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.vi.trim() === '' || templateId === '') return setError(t('templates.nameRequired'));
    const problem = taskProblem(items, t);
    if (problem) return setError(problem);
    const used = new Set(items.map((draft) => draft.category));
    const parsed = newTemplateSchema.safeParse({ templateId, title, scope, categories: categories.filter((c) => used.has(c)), items: items.map(itemOf) });
    if (!parsed.success) return setError(t('common.invalid'));
    setBusy(true);
    setError(null);
    addTemplate(parsed.data).then(
      () => void navigate('/admin/templates', { state: { created: title.vi.trim() } }),
      (failure: unknown) => {
        setBusy(false);
        setError(failure instanceof HttpError && failure.status === 409 ? t('templates.taken', { code: templateId }) : t(`common.${failureOf(failure)}`));
      },
    );
  };

  return (
    <Screen title={t('templates.newTitle')}>
      <Link className="ref-back" to="/admin/templates">{t('templates.title')}</Link>
      <p className="hint">{t('templates.newIntro')}</p>
      <form className="ref-form" onSubmit={submit} noValidate aria-label={t('templates.newTitle')}>
        <div className="card ref-form">
          <TemplateTitleFields idPrefix="new-template" title={title} onChange={setTitle} />
          <div className="field">
            <label htmlFor="new-template-scope">{t('templates.scope')}</label>
            <select id="new-template-scope" value={scope} onChange={(e) => setScope(e.target.value as ChecklistScope)}>
              {CHECKLIST_SCOPES.map((one) => (
                <option key={one} value={one}>{tc(`scope.${one}`)}</option>
              ))}
            </select>
          </div>
          <p className="hint">
            {t('templates.code', { code: templateId || '…' })} {t('templates.codeHint')}
          </p>
        </div>
        <TemplateTaskList items={items} setItems={setItems} categories={categories} />
        {error && (
          <p role="alert" className="notice ref-error">{error}</p>
        )}
        <button type="submit" className="button primary" disabled={busy}>{t('templates.create')}</button>
      </form>
    </Screen>
  );
}
