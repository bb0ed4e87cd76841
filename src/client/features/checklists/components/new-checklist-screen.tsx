// A leader makes a checklist from the newest version of a template, choosing its scope (commune,
// village — with its village — or the team) and its name.
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useNavigate } from 'react-router';
import { createChecklist } from '../../../data/checklist-repository';
import type { SessionUser } from '../../../data/session-repository';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { checklistAccess } from '../../../../shared/checklists/access';
import { CHECKLIST_SCOPES, type ChecklistScope } from '../../../../shared/schemas/checklist';
import { useLatestTemplates, useVillages } from '../hooks/use-checklists';
import { useLabels } from '../hooks/use-labels';

export function NewChecklistScreen({ user }: { user: SessionUser }): ReactElement {
  const { t, localized, errorMessage, fieldErrors } = useLabels();
  const id = useId();
  const navigate = useNavigate();
  const templates = useLatestTemplates();
  const villages = useVillages();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [scope, setScope] = useState<ChecklistScope | null>(null);
  const [villageId, setVillageId] = useState('');
  const [title, setTitle] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  if (!checklistAccess(user.role).create) {
    return (
      <Screen title={t('create.title')}>
        <p className="notice">{t('create.forbidden')}</p>
        <Link className="button link-button" to="/checklists">{t('back')}</Link>
      </Screen>
    );
  }
  if (templates === undefined) {
    return (
      <Screen title={t('create.title')}>
        <p role="status">{t('loading')}</p>
      </Screen>
    );
  }
  const template = templates.find((tpl) => tpl.templateId === templateId) ?? templates[0];
  if (!template) {
    return (
      <Screen title={t('create.title')}>
        <EmptyState>{t('create.noTemplates')}</EmptyState>
      </Screen>
    );
  }
  // Until the leader changes them, scope and name follow the chosen template.
  const chosenScope = scope ?? template.scope;
  const name = title ?? localized(template.title).slice(0, 200);
  const errors = fieldErrors(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    createChecklist({ templateId: template.templateId, scope: chosenScope, villageId: villageId || null, title: name }).then(
      (checklist) => void navigate(`/checklists/${checklist.id}`, { replace: true }),
      (failure: unknown) => {
        setSaving(false);
        setError(failure);
      },
    );
  };

  return (
    <Screen title={t('create.title')}>
      <Link className="back-link" to="/checklists">{t('back')}</Link>
      <form onSubmit={submit} noValidate>
        <fieldset className="card">
          <legend>{t('create.templateLegend')}</legend>
          {templates.map((tpl) => (
            <label key={tpl.templateId} className="choice template-choice">
              <input
                type="radio"
                name={`${id}-template`}
                value={tpl.templateId}
                checked={tpl.templateId === template.templateId}
                onChange={() => {
                  setTemplateId(tpl.templateId);
                  setScope(null);
                  setTitle(null);
                }}
              />
              <span>
                {localized(tpl.title)}
                <span className="hint choice-hint">{t('create.templateInfo', { count: tpl.items.length, version: tpl.version })}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="card">
          <legend>{t('create.scopeLegend')}</legend>
          {CHECKLIST_SCOPES.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name={`${id}-scope`} value={option} checked={chosenScope === option} onChange={() => setScope(option)} />
              {t(`scope.${option}`)}
            </label>
          ))}
          {chosenScope === 'village' &&
            (villages && villages.length > 0 ? (
              <div className="field">
                <label htmlFor={`${id}-village`}>{t('create.village')}</label>
                <select id={`${id}-village`} value={villageId} onChange={(e) => setVillageId(e.target.value)} aria-describedby={errors.villageId ? `${id}-village-error` : undefined}>
                  <option value="">{t('create.chooseVillage')}</option>
                  {villages.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
                </select>
                {errors.villageId && <p className="field-error" id={`${id}-village-error`}>{errors.villageId}</p>}
              </div>
            ) : (
              <p className="notice">{t('create.noVillages')}</p>
            ))}
        </fieldset>
        <div className="field card">
          <label htmlFor={`${id}-title`}>{t('create.name')}</label>
          <input id={`${id}-title`} type="text" value={name} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-describedby={errors.title ? `${id}-title-error` : undefined} />
          {errors.title && <p className="field-error" id={`${id}-title-error`}>{errors.title}</p>}
        </div>
        {error !== null && Object.keys(errors).length === 0 && <p role="alert" className="field-error">{errorMessage(error)}</p>}
        <button type="submit" className="button primary" disabled={saving}>{t('create.submit')}</button>
      </form>
    </Screen>
  );
}
