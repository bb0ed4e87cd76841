// Horizontal bars in hand-written SVG: one row per item (label above its bar, value after it),
// readable at 360 px, no chart library. The SVG carries a text summary for screen readers, and the
// same numbers are a table underneath (folded on the dashboard, always shown on the print page).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartFrame } from '../../../components/ui/chart-frame';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
}

const WIDTH = 320;
const ROW = 40;
const BAR = 14;
const VALUE_SPACE = 52;
const MAX_LABEL = 44;

const clip = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1).trimEnd()}…` : label);

export function BarChart({ title, data, total, table = 'folded' }: { title: string; data: readonly BarDatum[]; total?: number; table?: 'folded' | 'shown' }): ReactElement {
  const { t } = useTranslation('reports');
  const max = Math.max(1, ...data.map((d) => d.value));
  const height = data.length * ROW + 4;
  const summary = t('chart.summary', { title, values: data.map((d) => `${d.label} ${d.value}`).join('; ') });
  const share = (value: number) => (total ? `${Math.round((value * 100) / total)}%` : '');
  const rows = (
    <table className="rp-table">
      <caption className="rp-visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.item')}</th>
          <th scope="col" className="rp-num">{t('chart.count')}</th>
          {total !== undefined && <th scope="col" className="rp-num">{t('chart.share')}</th>}
        </tr>
      </thead>
      <tbody>
        {data.map((d) => (
          <tr key={d.key}>
            <th scope="row">{d.label}</th>
            <td className="rp-num">{d.value}</td>
            {total !== undefined && <td className="rp-num">{share(d.value)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame title={title} summary={summary} svgClassName="rp-bars" width={WIDTH} height={height} table={rows} tableMode={table}>
      {data.map((d, i) => {
        const y = i * ROW;
        const w = Math.max(d.value > 0 ? 2 : 0, Math.round(((WIDTH - VALUE_SPACE) * d.value) / max));
        return (
          <g key={d.key}>
            <text x={0} y={y + 13} className="rp-bar-label">{clip(d.label)}</text>
            <rect x={0} y={y + 19} width={WIDTH - VALUE_SPACE} height={BAR} rx={3} className="rp-bar-track" />
            <rect x={0} y={y + 19} width={w} height={BAR} rx={3} className="rp-bar" />
            <text x={w + 6} y={y + 31} className="rp-bar-value">{d.value}</text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
