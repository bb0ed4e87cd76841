// /assistance/villages: the commune's villages and residential groups. Leaders add and
// (de)activate; everyone else reads the list.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { can } from '../../../../shared/permissions';
import { setVillageActive } from '../../../data/village-repository';
import type { SessionUser } from '../../../data/session-repository';
import { log } from '../../../lib/log';
import { useVillages } from '../hooks/use-reference-data';
import { AddVillageForm } from './add-village-form';

export function VillagesScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const villages = useVillages(true);
  const manager = can(user.role, 'villages.manage');
  return (
    <Screen title={t('villages.title')}>
      <p className="hint">{manager ? t('villages.hintLeader') : t('villages.askLeader')}</p>
      {manager && (
        <section className="card" aria-labelledby="add-village-title">
          <h2 id="add-village-title">{t('villages.addTitle')}</h2>
          <AddVillageForm onAdded={() => undefined} />
        </section>
      )}
      {villages === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : villages.length === 0 ? (
        <EmptyState>{t('villages.empty')}</EmptyState>
      ) : (
        <ul className="plain-list">
          {villages.map((v) => (
            <li key={v.id} className={`village-row ${v.active ? '' : 'inactive'}`}>
              <span>
                <span className="block">{v.name}</span>
                <span className="hint">{t(`villages.kinds.${v.kind}`)}{v.active ? '' : ` · ${t('villages.inactive')}`}</span>
              </span>
              {manager && (
                <button type="button" className="button" aria-label={v.active ? t('villages.deactivateNamed', { name: v.name }) : t('villages.activateNamed', { name: v.name })} onClick={() => {
                  setVillageActive(v.id, !v.active).catch((error: unknown) => log.error('village toggle failed', error));
                }}>
                  {v.active ? t('villages.deactivate') : t('villages.activate')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="list-footer"><Link to="/assistance">{t('detail.back')}</Link></p>
    </Screen>
  );
}
