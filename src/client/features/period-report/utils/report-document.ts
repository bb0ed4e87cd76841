// The period report as an administrative document (docs/reports.md "The document's layout",
// Decree 30/2020/NĐ-CP): the national motto block beside the issuing body and the number, the
// place and date, the title and its summary line, the body in numbered sections, the recipients
// and the signature block. One model, rendered twice: on screen for A4 printing and as .docx.
import type { TFunction } from 'i18next';
import type { PeriodResults, ReportItem, SignerCapacity } from '../../../../shared/schemas/period-report';
import { textOfItems } from '../../../../shared/reports/report-items';
import { BARRIERS } from '../../../../shared/schemas/assistance-log';
import { indicatorsOf } from '../../../../shared/reports/indicators';
import { amountText, targetStatus, type TargetRow } from '../../../../shared/reports/targets';
import { formatDate, type LocalDate } from '../../../../shared/text/dates';

export interface DocSection {
  heading: string;
  paragraphs: string[];
}

export interface ReportDocument {
  nation: string;
  motto: string;
  issuerParent: string;
  issuer: string;
  number: string;
  placeDate: string;
  title: string;
  summary: string;
  intro: string;
  sections: DocSection[];
  closing: string;
  recipientsTitle: string;
  recipients: string[];
  signature: string[];
  signerName: string;
  /** The compiled report's appendix: the units that reported, with their documents (compiled-document.ts). */
  appendix?: { title: string; header: string[]; rows: string[][] };
}

export interface DocumentInput {
  communeName: string;
  range: { start: LocalDate; end: LocalDate };
  results: PeriodResults;
  summary: string | null | undefined;
  resultsNote: string | null | undefined;
  /** The items (shared/reports/report-items.ts `itemsOf`), each printed as its own paragraph. */
  difficulties: readonly ReportItem[];
  proposals: readonly ReportItem[];
  nextPlan: string | null | undefined;
  recipients: string | null | undefined;
  signerCapacity: SignerCapacity | undefined;
  signerName: string | null | undefined;
  /** Set once the report is sent; a draft prints a blank number for the office to fill. */
  documentNumber: string | null;
  /** The document's date; a draft prints today's. */
  documentDate: LocalDate;
  /** The province's indicators of the period against the commune's targets (none: no line 8). */
  targets?: readonly TargetRow[];
}

/** "Xã Ngọk Bay" → "Ngọk Bay": the place name before the date drops the kind of unit. */
export function placeOf(communeName: string): string {
  return communeName.replace(/\s*\(.*\)\s*$/, '').replace(/^(Xã|Phường|Đặc khu|Thị trấn)\s+/u, '');
}

/** Decree 30 writes days below 10 and the months January and February with a leading zero. */
export function dateParts(date: LocalDate): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = date.split('-');
  const m = Number(month);
  return { day: day.padStart(2, '0'), month: m <= 2 ? String(m).padStart(2, '0') : String(m), year };
}

export const lines = (text: string | null | undefined): string[] => (text ?? '').split(/\n+/).map((s) => s.trim()).filter((s) => s !== '');

/** The numbered figure lines of section I, from a report's results (one commune's, or the province's sums). */
export function figureLines(r: PeriodResults, t: TFunction<'periodReport'>): string[] {
  const barriers = BARRIERS.filter((b) => r.barriers[b] > 0).map((b) => `${t(`barrier.${b}`)} (${r.barriers[b]})`);
  const indicator = new Map(indicatorsOf(r).map((i) => [i.key, i]));
  const share = indicator.get('onlineFullShare');
  const people = (value: number | null | undefined) => (value === null || value === undefined ? t('figures.unknown') : String(value));
  return [
    `1. ${t('figures.logs')}: ${r.logs}. ${t('figures.outcomes', { ...r.outcomes })}.`,
    `2. ${t('figures.groups', { ...r.byGroup, publicService: r.byGroup['public-service'] })}.`,
    `3. ${t('figures.online', r.onlineSubmission)}. ${t('figures.helped', { ...r.helped, business: r.helped.household_business })}. ${t('figures.onTeamDevice')}: ${r.onTeamDevice}.`,
    `4. ${t('figures.sessions')}: ${r.sessions}; ${t('figures.participants')}: ${r.participants}. ${t('figures.trained', { ...r.trained, officials: r.trained.full_time_officials })}.`,
    `5. ${t('figures.barriers')}: ${barriers.length > 0 ? barriers.join('; ') : t('doc.nothing')}`,
    `6. ${t('figures.readiness')}: ${r.readinessPercent === null ? t('figures.readinessNone') : `${r.readinessPercent}%`}; ${t('figures.blocked')}: ${r.blockedItems}; ${t('figures.overdue')}: ${r.overdueItems}; ${t('figures.followUps')}: ${r.followUpsOpen}.`,
    `7. ${t('figures.indicators', {
      share: share?.value == null ? t('figures.shareNone') : t('figures.shareOf', { percent: share.value, of: share.of }),
      accounts: people(indicator.get('paymentAccounts')?.value),
      smartphones: people(indicator.get('smartphoneSetups')?.value),
    })}.`,
  ];
}

/** Figure line 8: each of the province's indicators with the value, the target and Đạt / Chưa đạt / Chưa có số liệu. */
export function targetLines(rows: readonly TargetRow[], t: TFunction<'periodReport'>): string[] {
  if (rows.length === 0) return [];
  const row = (r: TargetRow) =>
    t('targets.docRow', { name: r.name, value: r.value === null ? '—' : amountText(r.value, r.unit), target: amountText(r.target, r.unit), status: t(`targets.${targetStatus(r)}`) });
  return [t('targets.docHeading'), ...rows.map(row)];
}

export function buildReportDocument(input: DocumentInput, t: TFunction<'periodReport'>): ReportDocument {
  const { results: r } = input;
  const start = formatDate(input.range.start);
  const end = formatDate(input.range.end);
  const commune = input.communeName.replace(/\s*\(.*\)\s*$/, '');
  const figures = figureLines(r, t);
  const orNothing = (text: string | null | undefined) => (lines(text).length > 0 ? lines(text) : [t('doc.nothing')]);
  const chair = input.signerCapacity !== 'deputy';
  return {
    nation: t('doc.nation'),
    motto: t('doc.motto'),
    issuerParent: '',
    issuer: `${t('doc.issuer')} ${commune.toLocaleUpperCase('vi')}`,
    number: input.documentNumber ? t('doc.numberLine', { number: input.documentNumber }) : t('doc.numberBlank'),
    placeDate: t('doc.placeDate', { place: placeOf(input.communeName), ...dateParts(input.documentDate) }),
    title: t('doc.title'),
    summary: input.summary?.trim() || t('doc.summaryDefault', { start, end }),
    intro: t('doc.intro', { commune, start, end }),
    sections: [
      { heading: t('doc.results'), paragraphs: [...figures, ...targetLines(input.targets ?? [], t), ...lines(input.resultsNote)] },
      { heading: t('doc.difficulties'), paragraphs: orNothing(textOfItems(input.difficulties)) },
      { heading: t('doc.proposals'), paragraphs: orNothing(textOfItems(input.proposals)) },
      { heading: t('doc.nextPlan'), paragraphs: orNothing(input.nextPlan) },
    ],
    closing: t('doc.closing', { commune }),
    recipientsTitle: t('doc.recipients'),
    recipients: lines(input.recipients ?? t('doc.recipientsDefault')).map((s) => `- ${s}`),
    signature: chair ? [t('doc.onBehalf'), t('doc.chair')] : [t('doc.onBehalf'), t('doc.deputyFor'), t('doc.deputy')],
    signerName: input.signerName?.trim() ?? '',
  };
}
