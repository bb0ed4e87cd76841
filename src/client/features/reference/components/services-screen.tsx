// /admin/services: the province's service catalogue (docs/reference-data.md "The service
// catalogue"): the list in Vietnamese order with a search that ignores diacritics, add, rename,
// retire and bring back. Retired services stay on every phone, so old logs keep their name; the
// log form no longer offers them. Each change is published by the server at once (online).
import { useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { SearchField } from '../../../components/ui/search-field';
import { matchesSearch, sortVi } from '../../../../shared/text/vietnamese';
import type { NewService, ServiceChange } from '../../../../shared/reference/admin-api';
import type { ServiceItem } from '../../../data/service-repository';
import { HttpError } from '../../../sync/errors';
import { addService, changeService } from '../../../sync/reference-admin-api';
import { useCatalogue, useEdit } from '../hooks/use-reference';
import { AdminGate, BackToAdmin } from './admin-gate';
import { EditStatus } from './edit-status';
import { ServiceForm } from './service-form';

export function ServicesScreen(): ReactElement {
  const { t } = useTranslation('reference');
  return <AdminGate title={t('services.title')} action="services.manage">{() => <Catalogue />}</AdminGate>;
}

function Catalogue(): ReactElement {
  const { t } = useTranslation('reference');
  const services = useCatalogue();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  /** The code or id of the entry being edited. */
  const [editing, setEditing] = useState<string | null>(null);
  const [attempted, setAttempted] = useState('');
  const { busy, outcome, run } = useEdit();
  const sorted = useMemo(() => sortVi(services ?? [], (s) => s.name.vi), [services]);
  const shown = useMemo(() => sorted.filter((s) => matchesSearch([s.name.vi, s.name.en, s.code], query)), [sorted, query]);

  const save = (label: string, edit: () => Promise<unknown>, message: string) => {
    setAttempted(label);
    void run(edit, message).then((ok) => {
      if (!ok) return;
      setEditing(null);
      setAdding(false);
    });
  };
  const explain = (error: unknown) => (error instanceof HttpError && error.status === 409 ? t('services.codeTaken', { code: attempted }) : undefined);
  const setActive = (service: ServiceItem, active: boolean) =>
    save(service.code, () => changeService(service.code, { active }), t(active ? 'services.restored' : 'services.retired', { name: service.name.vi }));

  return (
    <Screen title={t('services.title')}>
      <BackToAdmin />
      <p className="hint">{t('services.intro')}</p>
      <p className="hint">{t('common.online')}</p>
      <EditStatus outcome={outcome} explain={explain} />
      {adding ? (
        <ServiceForm
          busy={busy}
          onCancel={() => setAdding(false)}
          onSubmit={({ code, body }) => save(code, () => addService(body as NewService), t('common.saved'))}
        />
      ) : (
        <button type="button" className="button primary" onClick={() => setAdding(true)}>{t('services.add')}</button>
      )}
      <div role="search">
        <SearchField id="service-search" label={t('services.search')} value={query} onChange={setQuery} describedBy="service-search-hint" />
        <p id="service-search-hint" className="hint">{t('services.searchHint')}</p>
      </div>
      {services === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <p className="hint">{shown.length === 0 && query !== '' ? t('services.none', { query }) : t('services.count', { shown: shown.length, total: sorted.length })}</p>
      )}
      <ul className="ref-list" aria-label={t('services.listLabel')}>
        {shown.map((service) =>
          editing === service.code ? (
            <li key={service.id}>
              <ServiceForm
                service={service}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSubmit={({ body }) => save(service.code, () => changeService(service.code, body as ServiceChange), t('common.saved'))}
              />
            </li>
          ) : (
            <li key={service.id} className={service.active ? 'card' : 'card ref-retired'}>
              <p className="ref-name">{service.name.vi}</p>
              {service.name.en !== '' && <p lang="en">{service.name.en}</p>}
              <p className="hint">
                {t(`services.groups.${service.group}`)} · {service.code}
              </p>
              {!service.active && <p><span className="ref-flag">{t('common.retiredFlag')}</span></p>}
              <div className="ref-actions">
                <button type="button" className="button" onClick={() => setEditing(service.code)} aria-label={`${t('services.rename')}: ${service.name.vi}`}>
                  {t('services.rename')}
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => setActive(service, !service.active)} aria-label={`${t(service.active ? 'services.retire' : 'services.restore')}: ${service.name.vi}`}>
                  {t(service.active ? 'services.retire' : 'services.restore')}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
    </Screen>
  );
}
