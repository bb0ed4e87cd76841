// /assistance/guides and /assistance/guides/:code: the province's service guides, searchable without
// diacritics, readable offline with their pictures (docs/field-aids.md §3).
import { useState, type ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SearchField } from '../../../components/ui/search-field';
import { useServiceNames } from '../hooks/use-reference-data';
import { useGuide, useGuideSearch } from '../hooks/use-guides';
import { AssistanceTabs } from './assistance-tabs';
import { GuideView } from './guide-view';

export function GuidesScreen(): ReactElement {
  const { t } = useTranslation('guides');
  const [query, setQuery] = useState('');
  const nameOf = useServiceNames();
  const guides = useGuideSearch(query, nameOf);
  return (
    <Screen title={t('title')}>
      <AssistanceTabs />
      <SearchField id="guide-search" label={t('search')} value={query} onChange={setQuery} describedBy="guide-search-hint" />
      <p id="guide-search-hint" className="guide-meta">{t('searchHint')}</p>
      {guides === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : guides.length === 0 ? (
        <EmptyState>{query ? t('noMatch') : t('none')}</EmptyState>
      ) : (
        <ul className="plain-list guide-list">
          {guides.map((guide) => (
            <li key={guide.id}>
              <Link to={`/assistance/guides/${guide.serviceCode}`} className="list-card">
                <span className="guide-list-name">{nameOf(guide.serviceCode)}</span>
                <span className="log-row-meta">{t('stepsCount', { count: guide.steps.length })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}

export function GuideScreen(): ReactElement {
  const { t } = useTranslation('guides');
  const { code = '' } = useParams();
  const nameOf = useServiceNames();
  const data = useGuide(code);
  return (
    <Screen title={t('title')}>
      <Link to="/assistance/guides" className="guide-back">{t('backToList')}</Link>
      {data === undefined ? <p role="status">{t('loading')}</p> : data === null ? <EmptyState>{t('missing')}</EmptyState> : <GuideView data={data} serviceName={nameOf(code)} />}
    </Screen>
  );
}
