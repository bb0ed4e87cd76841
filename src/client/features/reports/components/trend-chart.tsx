// The weekly trend in hand-written SVG: citizens assisted per week (solid line with dots) and
// digital-skills participants (dashed), on one scale, with a text summary for screen readers and
// the numbers as a table underneath.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartFrame } from '../../../components/ui/chart-frame';
import type { WeekBucket } from '../../../../shared/reports/activity';
import { formatDate } from '../../../../shared/text/dates';

const WIDTH = 320;
const HEIGHT = 170;
const LEFT = 34;
const RIGHT = 10;
const TOP = 12;
const BOTTOM = 28;
const MAX_X_LABELS = 6;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so the axis reads in round numbers. */
export function niceMax(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const dayMonth = (localDate: string) => formatDate(localDate).slice(0, 5);

export function TrendChart({ title, weeks, table = 'folded' }: { title: string; weeks: readonly WeekBucket[]; table?: 'folded' | 'shown' }): ReactElement {
  const { t } = useTranslation('reports');
  const top = niceMax(Math.max(0, ...weeks.map((w) => Math.max(w.logs, w.participants))));
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (weeks.length === 1 ? plotW / 2 : (plotW * i) / (weeks.length - 1));
  const y = (v: number) => TOP + plotH - (plotH * v) / top;
  const line = (pick: (w: WeekBucket) => number) => weeks.map((w, i) => `${x(i).toFixed(1)},${y(pick(w)).toFixed(1)}`).join(' ');
  const step = Math.max(1, Math.ceil(weeks.length / MAX_X_LABELS));
  const busiest = weeks.reduce<WeekBucket | undefined>((best, w) => (best === undefined || w.logs > best.logs ? w : best), undefined);
  const summary = t('chart.trendSummary', { title, weeks: weeks.length, max: busiest?.logs ?? 0, week: busiest ? formatDate(busiest.start) : '' });
  const rows = (
    <table className="rp-table">
      <caption className="rp-visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.week')}</th>
          <th scope="col" className="rp-num">{t('chart.logs')}</th>
          <th scope="col" className="rp-num">{t('chart.participants')}</th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.start}>
            <th scope="row">{t('chart.weekRange', { start: dayMonth(w.start), end: dayMonth(w.end) })}</th>
            <td className="rp-num">{w.logs}</td>
            <td className="rp-num">{w.participants}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const legend = (
    <p className="rp-legend" aria-hidden="true">
      <span className="rp-legend-item"><span className="rp-key rp-key-logs" />{t('chart.logs')}</span>
      <span className="rp-legend-item"><span className="rp-key rp-key-participants" />{t('chart.participants')}</span>
    </p>
  );
  return (
    <ChartFrame title={title} summary={summary} svgClassName="rp-trend" width={WIDTH} height={HEIGHT} table={rows} tableMode={table} legend={legend}>
      {[0, top / 2, top].map((v) => (
        <g key={v}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(v)} y2={y(v)} className="rp-grid" />
          <text x={LEFT - 6} y={y(v) + 4} className="rp-axis" textAnchor="end">{v}</text>
        </g>
      ))}
      {weeks.map((w, i) => (i % step === 0 ? <text key={w.start} x={x(i)} y={HEIGHT - 8} className="rp-axis" textAnchor="middle">{dayMonth(w.start)}</text> : null))}
      <polyline points={line((w) => w.participants)} className="rp-line-participants" />
      <polyline points={line((w) => w.logs)} className="rp-line-logs" />
      {weeks.map((w, i) => <circle key={w.start} cx={x(i)} cy={y(w.logs)} r={3} className="rp-dot" />)}
    </ChartFrame>
  );
}
