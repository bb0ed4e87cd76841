// Province admins: the newest version of each checklist template, with a way to publish the next.
import type { ReactElement } from 'react';
import { Link, useLocation } from 'react-router';
import type { SessionUser } from '../../../data/session-repository';
import { Screen } from '../../../components/ui/screen';
import { checklistAccess } from '../../../../shared/checklists/access';
import { useLatestTemplates } from '../hooks/use-checklists';
import { useLabels } from '../hooks/use-labels';

export function TemplatesScreen({ user }: { user: SessionUser }): ReactElement {
  const { t, localized } = useLabels();
  const templates = useLatestTemplates();
  const published = (useLocation().state as { published?: number } | null)?.published;
  if (!checklistAccess(user.role).manageTemplates) {
    return (
      <Screen title={t('templates.title')}>
        <p className="notice">{t('templates.forbidden')}</p>
        <Link className="button link-button" to="/checklists">{t('back')}</Link>
      </Screen>
    );
  }
  return (
    <Screen title={t('templates.title')}>
      <Link className="back-link" to="/checklists">{t('back')}</Link>
      <p className="hint">{t('templates.intro')}</p>
      {published !== undefined && <p role="status" className="notice">{t('templates.published', { version: published })}</p>}
      {templates === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <ul className="checklist-cards">
          {templates.map((template) => (
            <li key={template.templateId} className="card">
              <h2>{localized(template.title)}</h2>
              <p className="hint">{t('templates.info', { version: template.version, count: template.items.length, scope: t(`scope.${template.scope}`) })}</p>
              <Link className="button link-button" to={template.templateId}>{t('templates.publish')}</Link>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
