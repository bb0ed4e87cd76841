// The communes of the province in rank order, with the province's totals as the last row. Short
// column names (explained above the table) keep it readable at 360 px; the full names are in the
// CSV. The table scrolls sideways on a narrower screen; the scroll area is focusable so a keyboard
// can scroll it.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommuneRow, ProvinceTotals } from '../../../../shared/reports/province';

export function ProvinceTable({ rows, totals, caption }: { rows: readonly CommuneRow[]; totals: ProvinceTotals; caption: string }): ReactElement {
  const { t } = useTranslation('reports');
  const readiness = (value: number | null) => (value === null ? t('province.noChecklist') : `${value}%`);
  return (
    <>
      <p className="hint">{t('province.columnsHint')}</p>
      <div className="rp-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="rp-table rp-province" data-testid="province-table">
          <caption>{caption} · {t('province.communes', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col" className="rp-num">{t('province.columns.rank')}</th>
              <th scope="col">{t('province.columns.commune')}</th>
              <th scope="col" className="rp-num">{t('province.shortColumns.citizensAssisted')}</th>
              <th scope="col" className="rp-num">{t('province.shortColumns.participants')}</th>
              <th scope="col" className="rp-num">{t('province.shortColumns.readiness')}</th>
              <th scope="col" className="rp-num">{t('province.shortColumns.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.communeId} data-commune-id={row.communeId}>
                <td className="rp-num">{index + 1}</td>
                <th scope="row">{row.communeName}</th>
                <td className="rp-num">{row.citizensAssisted}</td>
                <td className="rp-num">{row.participants}</td>
                <td className="rp-num">{readiness(row.readinessPercent)}</td>
                <td className="rp-num">{row.overdueItems}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <th scope="row">{t('province.totals')}</th>
              <td className="rp-num">{totals.citizensAssisted}</td>
              <td className="rp-num">{totals.participants}</td>
              <td className="rp-num">{readiness(totals.readinessPercent)}</td>
              <td className="rp-num">{totals.overdueItems}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
