// The activity figures of a period: key numbers, then each breakdown as a chart with its table.
// Used by the dashboard (tables folded) and the printable report (tables shown). Renders only:
// every number comes from computeActivity (src/shared/reports/activity.ts).
import type { ReactElement, ReactNode } from 'react';
import type { ActivityReport, Count } from '../../../../shared/reports/activity';
import type { ReportLabels } from '../../../hooks/use-report-labels';
import { BarChart, type BarDatum } from './bar-chart';
import { TrendChart } from './trend-chart';

const TOP_SERVICES = 10;
const TOP_BARRIERS = 5;

/** The first `limit` rows, and the rest summed under "other" so the bars still add up. */
function topWithOther(rows: readonly BarDatum[], limit: number, otherLabel: string): BarDatum[] {
  if (rows.length <= limit) return [...rows];
  const rest = rows.slice(limit - 1).reduce((sum, row) => sum + row.value, 0);
  return [...rows.slice(0, limit - 1), { key: '__other', label: otherLabel, value: rest }];
}

const bars = <K extends string | null>(counts: readonly Count<K>[], label: (key: K) => string): BarDatum[] =>
  counts.map((c) => ({ key: c.key ?? '__none', label: label(c.key), value: c.count }));

export function KeyFigures({ report, labels }: { report: ActivityReport; labels: ReportLabels }): ReactElement {
  const { t } = labels;
  const g = report.groupSessions;
  return (
    <section className="card" aria-labelledby="rp-figures">
      <h2 id="rp-figures">{t('figures.title')}</h2>
      <dl className="rp-figures">
        <div className="rp-figure" data-figure="citizens">
          <dt>{t('figures.citizens')}</dt>
          <dd>{report.citizensAssisted}</dd>
        </div>
        <div className="rp-figure" data-figure="follow-ups">
          <dt>{t('figures.followUps')}</dt>
          <dd>
            {report.followUps.open}
            {report.followUps.overdue > 0 && <span className="rp-figure-note">{t('figures.followUpsOverdue', { count: report.followUps.overdue })}</span>}
          </dd>
        </div>
        <div className="rp-figure" data-figure="sessions">
          <dt>{t('figures.sessions')}</dt>
          <dd>{g.sessions}</dd>
        </div>
        <div className="rp-figure" data-figure="participants">
          <dt>{t('figures.participants')}</dt>
          <dd>{g.participants}</dd>
        </div>
      </dl>
      <p className="hint">{t('figures.minutes', { hours: Math.floor(report.minutes / 60), minutes: report.minutes % 60 })}</p>
      <p className="hint">{t('figures.teamDevice', { count: report.onTeamDevice })}</p>
      <p className="hint">{t('figures.separateNote')}</p>
    </section>
  );
}

export function ActivityCharts({ report, labels, table = 'folded' }: { report: ActivityReport; labels: ReportLabels; table?: 'folded' | 'shown' }): ReactElement {
  const { t } = labels;
  const g = report.groupSessions;
  const total = report.logs;
  return (
    <>
      {total === 0 ? (
        <p className="empty-state">{t('sections.nothing')}</p>
      ) : (
        <>
          <Section id="rp-groups" title={t('sections.groups')}>
            <BarChart title={t('sections.groups')} data={bars(report.byGroup, (k) => t(`labels.groups.${k}`))} total={total} table={table} />
          </Section>
          <Section id="rp-outcomes" title={t('sections.outcomes')}>
            <BarChart
              title={t('sections.outcomes')}
              data={Object.entries(report.outcomes).map(([key, value]) => ({ key, label: t(`labels.outcomes.${key as keyof typeof report.outcomes}`), value }))}
              total={total}
              table={table}
            />
          </Section>
          <Section id="rp-weeks" title={t('sections.weeks')}>
            <TrendChart title={t('sections.weeks')} weeks={report.byWeek} table={table} />
          </Section>
          <Section id="rp-barriers" title={t('sections.barriers')}>
            <p className="hint">{t('sections.barriersHint', { count: report.logsWithBarrier })}</p>
            {report.barriers.length > 0 && (
              <BarChart title={t('sections.barriers')} data={bars(report.barriers.slice(0, TOP_BARRIERS), (k) => t(`labels.barriers.${k}`))} total={total} table={table} />
            )}
          </Section>
          <Section id="rp-services" title={t('sections.services')}>
            <BarChart title={t('sections.services')} data={topWithOther(bars(report.byService, labels.service), TOP_SERVICES, t('labels.other'))} total={total} table={table} />
          </Section>
          <Section id="rp-villages" title={t('sections.villages')}>
            <BarChart title={t('sections.villages')} data={bars(report.byVillage, labels.village)} total={total} table={table} />
          </Section>
          <Section id="rp-members" title={t('sections.members')}>
            <BarChart title={t('sections.members')} data={bars(report.byMember, labels.member)} total={total} table={table} />
          </Section>
        </>
      )}
      <Section id="rp-group-sessions" title={t('sections.groupSessions')}>
        <table className="rp-table">
          <tbody>
            {(['sessions', 'participants', 'women', 'elderly', 'ethnicMinority'] as const).map((key) => (
              <tr key={key}>
                <th scope="row">{t(`groupSessions.${key}`)}</th>
                <td className="rp-num" data-figure={`group-${key}`}>{g[key]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }): ReactElement {
  return (
    <section className="card rp-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
