// /admin/guides: each active service of the catalogue with its guide's version (or none yet) and a
// way to edit it and publish the next version (docs/field-aids.md §3).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { Screen } from '../../../components/ui/screen';
import { listGuides } from '../../../data/guide-repository';
import { useCatalogue } from '../hooks/use-reference';
import { AdminGate, BackToAdmin } from './admin-gate';

export function GuidesAdminScreen(): ReactElement {
  const { t } = useTranslation('guides');
  return <AdminGate title={t('editor.listTitle')} action="guides.manage">{() => <GuideList />}</AdminGate>;
}

function GuideList(): ReactElement {
  const { t, i18n } = useTranslation('guides');
  const { t: tr } = useTranslation('reference');
  const services = useCatalogue();
  const guides = useLiveQuery(listGuides, []);
  const published = (useLocation().state as { published?: number } | null)?.published;
  const versionOf = new Map((guides ?? []).map((guide) => [guide.serviceCode, guide.version]));
  const nameOf = (name: { vi: string; en?: string | null }) => (i18n.language === 'en' && name.en ? name.en : name.vi);
  return (
    <Screen title={t('editor.listTitle')}>
      <BackToAdmin />
      <p className="hint">{t('editor.listIntro')}</p>
      <p className="hint">{tr('common.online')}</p>
      {published !== undefined && <p role="status" className="notice reference-saved">{t('editor.published', { version: published })}</p>}
      {(services === undefined || guides === undefined) && <p role="status">{tr('common.loading')}</p>}
      <ul className="ref-list" aria-label={t('editor.listTitle')}>
        {(guides === undefined ? [] : (services ?? []).filter((service) => service.active)).map((service) => {
          const version = versionOf.get(service.code);
          const name = nameOf(service.name);
          return (
            <li key={service.code} className="card">
              <p className="ref-name">{name}</p>
              <p className="hint">{version ? t('editor.hasGuide', { version }) : t('editor.noGuide')}</p>
              <Link className="button" to={`/admin/guides/${encodeURIComponent(service.code)}`} aria-label={`${t('editor.edit')}: ${name}`}>
                {t('editor.edit')}
              </Link>
            </li>
          );
        })}
      </ul>
    </Screen>
  );
}
