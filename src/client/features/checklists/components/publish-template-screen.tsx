// Publishing version N+1 of a template: a copy of the newest version in which the admin edits the
// title, item titles and due dates. Only what differs from the copy is sent as edits.
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { publishTemplateVersion, type ChecklistTemplate } from '../../../data/checklist-template-repository';
import type { SessionUser } from '../../../data/session-repository';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { checklistAccess } from '../../../../shared/checklists/access';
import type { TemplateItemEdit } from '../../../../shared/checklists/versioning';
import type { LocalizedText } from '../../../../shared/schemas/common';
import { useLatestTemplates } from '../hooks/use-checklists';
import { useLabels } from '../hooks/use-labels';
import { TemplateItemFields, type ItemDraft } from './template-item-fields';

export function PublishTemplateScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useLabels();
  const { templateId = '' } = useParams();
  const templates = useLatestTemplates();
  if (!checklistAccess(user.role).manageTemplates) {
    return (
      <Screen title={t('templates.publishTitle')}>
        <p className="notice">{t('templates.forbidden')}</p>
      </Screen>
    );
  }
  const template = templates?.find((tpl) => tpl.templateId === templateId);
  if (!template) {
    return (
      <Screen title={t('templates.publishTitle')}>
        {templates === undefined ? <p role="status">{t('loading')}</p> : <EmptyState>{t('templates.notFound')}</EmptyState>}
        <Link className="button link-button" to="/checklists/templates">{t('back')}</Link>
      </Screen>
    );
  }
  // Keyed by version: a version published meanwhile (by sync) starts a fresh copy.
  return <PublishForm key={`${template.templateId}/${template.version}`} template={template} />;
}

function PublishForm({ template }: { template: ChecklistTemplate }): ReactElement {
  const { t, errorMessage } = useLabels();
  const id = useId();
  const navigate = useNavigate();
  const [title, setTitle] = useState<LocalizedText>(template.title);
  const [items, setItems] = useState<Record<string, ItemDraft>>(() =>
    Object.fromEntries(template.items.map((item) => [item.id, { vi: item.title.vi, en: item.title.en, due: item.due ?? '' }])),
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const next = template.version + 1;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const edits: TemplateItemEdit[] = template.items.flatMap((item) => {
      const draft = items[item.id];
      if (!draft) return [];
      const edit: TemplateItemEdit = { itemId: item.id };
      if (draft.vi !== item.title.vi || draft.en !== item.title.en) edit.title = { vi: draft.vi, en: draft.en };
      if ((draft.due || null) !== (item.due ?? null)) edit.due = draft.due || null;
      return Object.keys(edit).length > 1 ? [edit] : [];
    });
    const titleChanged = title.vi !== template.title.vi || title.en !== template.title.en;
    setSaving(true);
    setError(null);
    publishTemplateVersion(template.templateId, { ...(titleChanged ? { title } : {}), items: edits }).then(
      (published) => void navigate('/checklists/templates', { state: { published: published.version } }),
      (failure: unknown) => {
        setSaving(false);
        setError(errorMessage(failure));
      },
    );
  };

  return (
    <Screen title={t('templates.publishTitle')}>
      <Link className="back-link" to="/checklists/templates">{t('back')}</Link>
      <p className="hint">{t('templates.publishIntro', { version: template.version, next })}</p>
      <form onSubmit={submit} noValidate>
        <div className="card">
          <div className="field">
            <label htmlFor={`${id}-vi`}>{t('templates.titleVi')}</label>
            <textarea id={`${id}-vi`} rows={2} value={title.vi} onChange={(e) => setTitle({ ...title, vi: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-en`}>{t('templates.titleEn')}</label>
            <textarea id={`${id}-en`} rows={2} value={title.en} onChange={(e) => setTitle({ ...title, en: e.target.value })} />
          </div>
        </div>
        {template.items.map((item, index) => (
          <TemplateItemFields
            key={item.id}
            number={index + 1}
            itemId={item.id}
            draft={items[item.id] ?? { vi: '', en: '', due: '' }}
            onChange={(draft) => setItems((all) => ({ ...all, [item.id]: draft }))}
          />
        ))}
        {error && <p role="alert" className="field-error">{error}</p>}
        <button type="submit" className="button primary" disabled={saving}>{t('templates.submit', { next })}</button>
      </form>
    </Screen>
  );
}
