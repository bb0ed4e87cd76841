// The province admin's view of the communes' registers (docs/privacy.md "Requests register"):
// counts only, read from the server (the province's phones never receive the communes' registers).
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProvinceRequestCounts as Counts, RequestCounts } from '../../../../shared/privacy/rights-requests';
import { Screen } from '../../../components/ui/screen';
import { NetworkError } from '../../../sync/errors';
import { readRequestCounts } from '../../../sync/privacy-api';

const COLUMNS = ['open', 'overdue', 'dueSoon', 'done', 'refused'] as const;

export function ProvinceRequestCounts(): ReactElement {
  const { t } = useTranslation('privacy');
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'shown'; counts: Counts } | { kind: 'failed'; offline: boolean }>({ kind: 'loading' });
  useEffect(() => {
    readRequestCounts()
      .then((counts) => setState({ kind: 'shown', counts }))
      .catch((error: unknown) => setState({ kind: 'failed', offline: error instanceof NetworkError }));
  }, []);
  const row = (label: string, counts: RequestCounts, key: string) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      {COLUMNS.map((column) => <td key={column}>{counts[column]}</td>)}
    </tr>
  );
  return (
    <Screen title={t('requests.provinceTitle')}>
      <p>{t('requests.provinceIntro')}</p>
      {state.kind === 'failed' && <p className="notice" role="alert">{t(state.offline ? 'requests.provinceOffline' : 'requests.failed')}</p>}
      {state.kind === 'shown' && (
        <div className="table-scroll">
          <table className="request-counts">
            <thead>
              <tr>
                <th scope="col">{t('requests.columns.commune')}</th>
                {COLUMNS.map((column) => <th key={column} scope="col">{t(`requests.columns.${column}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {state.counts.communes.map((commune) => row(commune.communeName, commune.counts, commune.communeId))}
              {row(t('requests.total'), state.counts.total, 'total')}
            </tbody>
          </table>
        </div>
      )}
    </Screen>
  );
}
