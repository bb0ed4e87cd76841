// The summary's figures laid out in words (docs/field-aids.md): headings and labels in the UI
// language, kinds of help by their catalogue name, barriers by the reports' labels, dates
// dd/mm/yyyy. The text to paste and the PNG card are both drawn from this one document.
import type { TFunction } from 'i18next';
import type { SummaryData } from '../../../data/summary-repository';
import { serviceName } from '../../../data/service-repository';
import { formatDate, type LocalDate } from '../../../../shared/text/dates';
import type { SummaryDoc, SummarySection } from '../../../../shared/reports/summary';

export type SummaryT = TFunction<['summary', 'reports']>;

const number = (value: number, language: string) => value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB');

export function buildSummaryDoc(data: SummaryData, t: SummaryT, language: string, today: LocalDate): SummaryDoc {
  const { summary, names } = data;
  const n = (value: number) => number(value, language);
  const service = (code: string) => {
    const item = names.services.get(code);
    return item ? serviceName(item, language) : code;
  };
  const sections: SummarySection[] = [
    {
      heading: t('doc.helped'),
      value: n(summary.helped),
      items: [
        ...summary.topServices.map((entry) => ({ label: service(entry.key), value: n(entry.count) })),
        ...(summary.otherServices > 0 ? [{ label: t('doc.otherServices'), value: n(summary.otherServices) }] : []),
      ],
    },
    {
      heading: t('doc.groupSessions'),
      value: n(summary.groupSessions.sessions),
      items: [{ label: t('doc.participants'), value: n(summary.groupSessions.participants) }],
    },
    {
      heading: t('doc.followUps'),
      value: n(summary.followUps.open),
      items: summary.followUps.overdue > 0 ? [{ label: t('doc.overdue'), value: n(summary.followUps.overdue) }] : [],
    },
    {
      heading: t('doc.barriers'),
      value: summary.topBarriers.length === 0 ? t('doc.barriersNone') : '',
      items: summary.topBarriers.map((entry) => ({ label: t(`reports:labels.barriers.${entry.key}`), value: n(entry.count) })),
    },
    summary.readiness
      ? {
          heading: t('doc.readiness'),
          value: `${n(summary.readiness.percent)}%`,
          items: [
            { label: t('doc.readinessDone', { done: n(summary.readiness.done), applicable: n(summary.readiness.applicable) }), value: '' },
            { label: t('doc.readinessChecklists'), value: n(summary.readiness.checklists) },
          ],
        }
      : { heading: t('doc.readiness'), value: t('doc.readinessNone'), items: [] },
  ];
  return {
    title: t('doc.title'),
    subtitle: t('doc.subtitle', { name: data.scopeName, start: formatDate(summary.range.start), end: formatDate(summary.range.end) }),
    sections,
    footer: t('doc.footer', { date: formatDate(today) }),
  };
}
