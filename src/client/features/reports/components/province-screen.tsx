// /reports (admins): the province's communes ranked by activity or readiness, computed on the
// server from synced data (GET /api/reports/province), with the table as CSV. The last figures
// loaded stay on the phone (counts only) and are shown offline with the time they were computed.
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Screen } from '../../../components/ui/screen';
import { getSavedProvinceReport, saveProvinceReport } from '../../../data/reports-repository';
import { fetchProvinceReport } from '../../../sync/reports-api';
import { HttpError, NetworkError, SignedOutError } from '../../../sync/errors';
import { log } from '../../../lib/log';
import { buildProvinceCsv, PROVINCE_COLUMNS, RANKINGS, rankCommunes, type Ranking } from '../../../../shared/reports/province';
import { formatDate, formatTime } from '../../../../shared/text/dates';
import { usePeriod } from '../hooks/use-period';
import { downloadText, fileName } from '../../../lib/save-file';
import { PeriodPicker } from './period-picker';
import { ProvinceTable } from './province-table';

type Failure = 'offline' | 'signedOut' | 'forbidden' | 'failed';
/** The answer to the request for one period (the period as "start/end"). */
type Answer = { key: string; outcome: 'ok' | Failure };

function failureOf(error: unknown): Failure {
  if (error instanceof NetworkError) return 'offline';
  if (error instanceof SignedOutError) return 'signedOut';
  if (error instanceof HttpError && error.status === 403) return 'forbidden';
  return 'failed';
}

export function ProvinceScreen(): ReactElement {
  const { t } = useTranslation('reports');
  const [period, choose] = usePeriod();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [ranking, setRanking] = useState<Ranking>('activity');
  const saved = useLiveQuery(async () => getSavedProvinceReport(), []);
  const start = period.range?.start;
  const end = period.range?.end;

  const key = start && end ? `${start}/${end}` : null;

  useEffect(() => {
    if (!start || !end) return;
    let live = true;
    const requested = `${start}/${end}`;
    fetchProvinceReport({ start, end })
      .then(async (report) => {
        await saveProvinceReport(report);
        if (live) setAnswer({ key: requested, outcome: 'ok' });
      })
      .catch((error: unknown) => {
        log.warn('province report failed', error instanceof Error ? error.message : error);
        if (live) setAnswer({ key: requested, outcome: failureOf(error) });
      });
    return () => {
      live = false;
    };
  }, [start, end]);
  const loading = key !== null && answer?.key !== key;
  const failure = answer !== null && answer.key === key && answer.outcome !== 'ok' ? answer.outcome : null;

  const rows = useMemo(() => (saved ? rankCommunes(saved.communes, ranking) : []), [saved, ranking]);
  const exportCsv = () => {
    if (!saved) return;
    const header = Object.fromEntries(PROVINCE_COLUMNS.map((c) => [c, t(`province.columns.${c}`)])) as Record<(typeof PROVINCE_COLUMNS)[number], string>;
    downloadText(fileName('so-tay-so', saved.provinceId, saved.range.start, `${saved.range.end}.csv`), buildProvinceCsv(rows, header));
  };

  return (
    <Screen title={t('province.title')}>
      <p className="hint">{t('province.intro')}</p>
      <p>
        <Link className="button" to="/period-report/province">{t('province.compiled')}</Link>
      </p>
      <PeriodPicker period={period} onChange={choose} />
      <p role="status" className="rp-status">
        {loading ? t('province.loading') : failure ? t(`province.${failure}`) : null}
      </p>
      {saved && (
        <>
          <p className="hint" data-testid="province-saved">
            {t('province.saved', { time: formatTime(saved.generatedAt), date: formatDate(saved.generatedAt), start: formatDate(saved.range.start), end: formatDate(saved.range.end) })}
          </p>
          <fieldset className="card rp-period">
            <legend>{t('province.rankBy')}</legend>
            <div className="rp-presets">
              {RANKINGS.map((r) => (
                <label key={r} className="rp-preset">
                  <input type="radio" name="rp-ranking" value={r} checked={ranking === r} onChange={() => setRanking(r)} />
                  <span>{t(`province.rankings.${r}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {saved.communes.length === 0 ? (
            <p className="empty-state">{t('province.empty')}</p>
          ) : (
            <ProvinceTable rows={rows} totals={saved.totals} caption={t('province.tableLabel', { by: t(`province.rankings.${ranking}`) })} />
          )}
          <div className="button-row">
            <button type="button" className="button primary" onClick={exportCsv} disabled={saved.communes.length === 0}>{t('province.csv')}</button>
          </div>
        </>
      )}
    </Screen>
  );
}
