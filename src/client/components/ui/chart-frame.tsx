// The frame every chart sits in: a figure named for screen readers, the hand-drawn SVG with a text
// summary as its label (the chart itself is not read out), an optional legend, and the same numbers
// as a table — folded under "Show as a table" on a screen, shown in full where it is printed. The
// SVG's drawing is the caller's (bar-chart.tsx, trend-chart.tsx in reports): no chart library.
import { useId, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './chart-frame.css';

export interface ChartFrameProps {
  title: string;
  /** What the chart shows, in words: the SVG's accessible name. */
  summary: string;
  /** The SVG's class (its size and look) and its drawing size in user units. */
  svgClassName: string;
  width: number;
  height: number;
  /** The numbers as a <table>. */
  table: ReactNode;
  tableMode?: 'folded' | 'shown';
  legend?: ReactNode;
  children: ReactNode;
}

export function ChartFrame({ title, summary, svgClassName, width, height, table, tableMode = 'folded', legend, children }: ChartFrameProps): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  return (
    <figure className="chart-frame" aria-labelledby={`${id}-c`}>
      <figcaption id={`${id}-c`} className="visually-hidden">{title}</figcaption>
      <svg className={svgClassName} role="img" aria-label={summary} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {children}
      </svg>
      {legend}
      {tableMode === 'shown' ? table : (
        <details className="chart-frame-details">
          <summary>{t('chart.showTable')}</summary>
          {table}
        </details>
      )}
    </figure>
  );
}
