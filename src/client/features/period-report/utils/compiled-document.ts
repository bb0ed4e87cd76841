// The province's compiled report of a reporting period (docs/reports.md "The province's compiled
// view") in the Decree 30/2020 layout the commune reports use (report-document.ts): issued by the
// Department of Science and Technology under the provincial People's Committee, section I the
// communes' results summed (the same figure lines as one commune's report), sections II and III
// each commune's difficulties and proposals under its name, and the appendix of the units that
// reported with their document numbers and dates — the table the Sở's own reports carry.
import type { TFunction } from 'i18next';
import type { CompiledReport } from '../../../../shared/reports/compiled';
import { formatDate, type LocalDate } from '../../../../shared/text/dates';
import { dateParts, figureLines, lines, type DocSection, type ReportDocument } from './report-document';

export interface CompiledInput {
  report: CompiledReport;
  /** The province's name; null when the phone does not know it (the heading leaves it to fill). */
  provinceName: string | null;
  today: LocalDate;
}

/** "Xã A: line" for every line each commune wrote in one section, communes in the report's order. */
function byCommune(report: CompiledReport, pick: (s: NonNullable<CompiledReport['communes'][number]['submission']>) => string | null, t: TFunction<'periodReport'>): string[] {
  const out = report.communes.flatMap((c) => (c.submission ? lines(pick(c.submission)).map((line) => `- ${c.communeName}: ${line}`) : []));
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
    { heading: t('doc.difficulties'), paragraphs: byCommune(report, (s) => s.difficulties, t) },
    { heading: t('doc.proposals'), paragraphs: byCommune(report, (s) => s.proposals, t) },
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
