// The commune's checklists with percent done, overdue and blocked items, newest change first.
// A list of cards on the dashboard, a table on the printed page.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadinessReport } from '../../../../shared/reports/readiness';
import { formatDate } from '../../../../shared/text/dates';

export function ReadinessSummary({ report }: { report: ReadinessReport }): ReactElement {
  const { t } = useTranslation('reports');
  const { totals } = report;
  return (
    <p className="rp-overall" data-testid="readiness-overall">
      {totals.percent === null ? t('readiness.overallNone') : t('readiness.overall', { percent: totals.percent })}
    </p>
  );
}

export function ReadinessCards({ report }: { report: ReadinessReport }): ReactElement {
  const { t } = useTranslation('reports');
  return (
    <ul className="rp-readiness">
      {report.active.map((c) => (
        <li key={c.id} className="card" data-checklist-id={c.id}>
          <h2>{c.title}</h2>
          {c.progress ? (
            <>
              <div className="rp-progress">
                <progress max={100} value={c.progress.percent} aria-label={t('readiness.percentDone', { percent: c.progress.percent })} />
                <span>{t('readiness.percentDone', { percent: c.progress.percent })}</span>
              </div>
              <p>{t('readiness.done', { done: c.progress.done, applicable: c.progress.applicable })}</p>
              {(c.progress.overdue > 0 || c.progress.blocked > 0) && (
                <p className="rp-alerts">
                  {c.progress.overdue > 0 && <span className="rp-badge rp-badge-overdue">{t('readiness.overdue', { count: c.progress.overdue })}</span>}
                  {c.progress.blocked > 0 && <span className="rp-badge rp-badge-blocked">{t('readiness.blocked', { count: c.progress.blocked })}</span>}
                </p>
              )}
            </>
          ) : (
            <p className="hint">{t('readiness.noTemplate')}</p>
          )}
          <p className="hint">{t('readiness.changed', { date: formatDate(c.lastChangedAt) })}</p>
        </li>
      ))}
    </ul>
  );
}

export function ReadinessTable({ report }: { report: ReadinessReport }): ReactElement {
  const { t } = useTranslation('reports');
  return (
    <table className="rp-table">
      <thead>
        <tr>
          <th scope="col">{t('readiness.checklist')}</th>
          <th scope="col" className="rp-num">{t('readiness.percent')}</th>
          <th scope="col" className="rp-num">{t('readiness.overdueShort')}</th>
          <th scope="col" className="rp-num">{t('readiness.blockedShort')}</th>
        </tr>
      </thead>
      <tbody>
        {report.active.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.title}</th>
            <td className="rp-num">{c.progress ? `${c.progress.percent}%` : '—'}</td>
            <td className="rp-num">{c.progress?.overdue ?? '—'}</td>
            <td className="rp-num">{c.progress?.blocked ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
