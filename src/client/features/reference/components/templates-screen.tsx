// /admin/templates: the newest version of each checklist template, each with a way to edit it and
// publish the next version, and a way to create a new one (docs/reference-data.md "Checklist templates").
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Screen } from '../../../components/ui/screen';
import { useTemplates } from '../hooks/use-reference';
import { AdminGate, BackToAdmin } from './admin-gate';

export function TemplateListScreen(): ReactElement {
  const { t } = useTranslation('reference');
  return <AdminGate title={t('templates.title')} action="template.manage">{() => <TemplateList />}</AdminGate>;
}

function TemplateList(): ReactElement {
  const { t, i18n } = useTranslation('reference');
  const templates = useTemplates();
  const { published, created } = (useLocation().state as { published?: number; created?: string } | null) ?? {};
  return (
    <Screen title={t('templates.title')}>
      <BackToAdmin />
      <p className="hint">{t('templates.intro')}</p>
      <p className="hint">{t('common.online')}</p>
      {published !== undefined && <p role="status" className="notice reference-saved">{t('templates.published', { version: published })}</p>}
      {created !== undefined && <p role="status" className="notice reference-saved">{t('templates.created', { title: created })}</p>}
      <Link className="button" to="/admin/templates/new">{t('templates.new')}</Link>
      {templates === undefined && <p role="status">{t('common.loading')}</p>}
      <ul className="ref-list" aria-label={t('templates.listLabel')}>
        {(templates ?? []).map((template) => {
          const title = i18n.language === 'en' && template.title.en !== '' ? template.title.en : template.title.vi;
          return (
            <li key={template.templateId} className="card">
              <p className="ref-name">{title}</p>
              <p className="hint">{t('templates.info', { version: template.version, count: template.items.length })}</p>
              <Link className="button" to={`/admin/templates/${encodeURIComponent(template.templateId)}`} aria-label={`${t('templates.edit')}: ${title}`}>
                {t('templates.edit')}
              </Link>
            </li>
          );
        })}
      </ul>
    </Screen>
  );
}
