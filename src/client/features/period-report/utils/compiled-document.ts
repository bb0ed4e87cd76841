// The province's compiled report of a reporting period (docs/reports.md "The province's compiled
// view") in the Decree 30/2020 layout the commune reports use (report-document.ts): issued by the
// Department of Science and Technology under the provincial People's Committee, section I the
// communes' results summed (the same figure lines as one commune's report), sections II and III
// the communes' difficulties and proposals grouped by barrier (computed on the server,
// shared/reports/barrier-groups.ts), each item naming its communes, and the appendix of the units that
// reported with their document numbers and dates — the table the Sở's own reports carry.
import type { TFunction } from 'i18next';
import type { BarrierGroupView, CompiledReport } from '../../../../shared/reports/compiled';
import type { Barrier } from '../../../../shared/schemas/assistance-log';
import { formatDate, type LocalDate } from '../../../../shared/text/dates';
import { dateParts, figureLines, lines, type DocSection, type ReportDocument } from './report-document';

export interface CompiledInput {
  report: CompiledReport;
  /** The province's name; null when the phone does not know it (the heading leaves it to fill). */
  provinceName: string | null;
  today: LocalDate;
}

/** A group's heading: the barrier's name, capitalised, or "Khác" for the untagged items. */
export function barrierGroupLabel(barrier: Barrier | null, t: TFunction<'periodReport'>): string {
  if (barrier === null) return t('compiled.otherGroup');
  const label = t(`barrier.${barrier}`);
  return label.charAt(0).toLocaleUpperCase('vi') + label.slice(1);
}

/** "1. Mạng yếu (2 đơn vị):" then "- the item (Xã A, Xã B)" for every group, as the Sở writes them. */
function byBarrier(groups: readonly BarrierGroupView[], t: TFunction<'periodReport'>): string[] {
  const out = groups.flatMap((group, i) => [
    t('compiled.doc.group', { n: i + 1, label: barrierGroupLabel(group.barrier, t), count: group.communes }),
    ...group.items.map((item) => `- ${item.text.replace(/\s*\n+\s*/g, '; ')} (${item.communes.map((c) => c.name).join(', ')})`),
  ]);
  return out.length > 0 ? out : [t('doc.nothing')];
}

export function buildCompiledDocument({ report, provinceName, today }: CompiledInput, t: TFunction<'periodReport'>): ReportDocument {
  const start = formatDate(report.period.start);
  const end = formatDate(report.period.end);
  const province = provinceName ?? t('compiled.doc.provinceUnknown');
  const sent = report.communes.filter((c) => c.submission !== null);
  const missing = report.communes.filter((c) => c.submission === null);
  const late = sent.filter((c) => c.status === 'late');
  const reporting = t('compiled.doc.reporting', { reported: sent.length, total: report.communes.length, late: late.length });
  const notSent = missing.length > 0 ? t('compiled.doc.notSent', { names: missing.map((c) => c.communeName).join(', ') }) : null;
  const sections: DocSection[] = [
    { heading: t('doc.results'), paragraphs: [reporting, ...(notSent ? [notSent] : []), ...figureLines(report.totals, t)] },
    { heading: t('doc.difficulties'), paragraphs: byBarrier(report.difficultyGroups, t) },
    { heading: t('doc.proposals'), paragraphs: byBarrier(report.proposalGroups, t) },
  ];
  return {
    nation: t('doc.nation'),
    motto: t('doc.motto'),
    issuerParent: t('compiled.doc.issuerParent', { province: province.toLocaleUpperCase('vi') }),
    issuer: t('compiled.doc.issuer'),
    number: t('compiled.doc.numberBlank'),
    placeDate: t('doc.placeDate', { place: province, ...dateParts(today) }),
    title: t('doc.title'),
    summary: t('compiled.doc.summary', { start, end }),
    intro: t('compiled.doc.intro', { start, end }),
    sections,
    closing: t('compiled.doc.closing'),
    recipientsTitle: t('doc.recipients'),
    recipients: lines(t('compiled.doc.recipients')).map((s) => `- ${s}`),
    signature: [t('compiled.doc.signer')],
    signerName: '',
    appendix: {
      title: t('compiled.doc.appendix', { start, end }),
      header: [t('compiled.doc.colNo'), t('compiled.doc.colUnit'), t('compiled.doc.colDocument'), t('compiled.doc.colNote')],
      rows: sent.map((c, i) => [
        String(i + 1),
        c.communeName,
        t('compiled.doc.document', { number: c.submission!.documentNumber, date: formatDate(c.submission!.documentDate) }),
        [c.status === 'late' ? t('compiled.status.late') : '', c.status === 'returned' ? t('compiled.doc.returned') : '', c.submission!.version > 1 ? t('compiled.doc.correction', { version: c.submission!.version }) : ''].filter((s) => s !== '').join('; '),
      ]),
    },
  };
}
