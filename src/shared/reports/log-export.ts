// The assistance logs of a period as CSV rows (docs/product.md job 5). Which columns a role gets is
// decided here, once: citizens' personal data only with `citizen.export` (leaders) AND the
// caller's explicit request (the screen asks for confirmation first, docs/privacy.md "no export of
// citizen fields except by a leader"). Labels come from the caller, so the file is in the UI's
// language; dates are dd/mm/yyyy in Vietnam's zone.
import { can, type Role } from '../permissions';
import type { Barrier, Citizen, Outcome } from '../schemas/assistance-log';
import type { ServiceGroup } from '../schemas/service';
import { formatDate, formatTime } from '../text/dates';
import { formatPhone } from '../text/phone';
import { toCsv, type CsvValue } from './csv';
import type { LogFact } from './activity';

export const LOG_COLUMNS = [
  'date',
  'time',
  'service',
  'group',
  'outcome',
  'barriers',
  'village',
  'member',
  'durationMin',
  'teamDevice',
  'followUpAt',
  'followUpDone',
  'note',
] as const;
export const CITIZEN_COLUMNS = ['citizenName', 'citizenPhone', 'citizenBirthYear', 'citizenGender', 'consentMethod', 'consentRecordedAt'] as const;
export type LogColumn = (typeof LOG_COLUMNS)[number] | (typeof CITIZEN_COLUMNS)[number];

export interface ExportLog extends LogFact {
  note: string | null;
  /** Present only when the reader's role may see it; ignored unless the export includes citizens. */
  citizen: Citizen | null;
}

export interface LogExportLabels {
  header: Record<LogColumn, string>;
  outcome: Record<Outcome, string>;
  barrier: Record<Barrier, string>;
  group: Record<ServiceGroup, string>;
  gender: Record<NonNullable<Citizen['gender']>, string>;
  consentMethod: Record<Citizen['consentEvidence']['method'], string>;
  yes: string;
  no: string;
  serviceName: (code: string) => string;
  serviceGroup: (code: string) => ServiceGroup;
  villageName: (id: string) => string;
  memberName: (id: string) => string;
}

export interface LogExportOptions {
  role: Role;
  /** The user asked for citizens' details and confirmed it. */
  includeCitizen: boolean;
  labels: LogExportLabels;
}

export class CitizenExportNotAllowedError extends Error {
  override readonly name = 'CitizenExportNotAllowedError';
  constructor() {
    super('citizen.export is not allowed for this role');
  }
}

/** The columns of an export. Throws when citizens' details are asked for by a role that may not export them. */
export function exportColumns(role: Role, includeCitizen: boolean): LogColumn[] {
  if (includeCitizen && !can(role, 'citizen.export')) throw new CitizenExportNotAllowedError();
  return includeCitizen ? [...LOG_COLUMNS, ...CITIZEN_COLUMNS] : [...LOG_COLUMNS];
}

function cells(log: ExportLog, columns: readonly LogColumn[], labels: LogExportLabels): CsvValue[] {
  const citizen = log.citizen;
  const value = (column: LogColumn): CsvValue => {
    switch (column) {
      case 'date':
        return formatDate(log.occurredAt);
      case 'time':
        return formatTime(log.occurredAt);
      case 'service':
        return labels.serviceName(log.serviceId);
      case 'group':
        return labels.group[labels.serviceGroup(log.serviceId)];
      case 'outcome':
        return labels.outcome[log.outcome];
      case 'barriers':
        return log.barriers.map((b) => labels.barrier[b]).join('; ');
      case 'village':
        return log.villageId === null ? '' : labels.villageName(log.villageId);
      case 'member':
        return labels.memberName(log.createdBy);
      case 'durationMin':
        return log.durationMin;
      case 'teamDevice':
        return log.assistedOnTeamDevice ? labels.yes : labels.no;
      case 'followUpAt':
        return log.followUpAt === null ? '' : formatDate(log.followUpAt);
      case 'followUpDone':
        return log.followUpAt === null ? '' : log.followUpDone ? labels.yes : labels.no;
      case 'note':
        return log.note;
      case 'citizenName':
        return citizen?.name;
      case 'citizenPhone':
        // Grouped as the app shows it ("0912 345 678"): Excel reads a bare "0912345678" as a number
        // and drops the leading 0; with the spaces it stays text, and no formula is needed.
        return citizen?.phone === undefined || citizen.phone === null ? citizen?.phone : formatPhone(citizen.phone);
      case 'citizenBirthYear':
        return citizen?.birthYear;
      case 'citizenGender':
        return citizen?.gender === undefined ? '' : labels.gender[citizen.gender];
      case 'consentMethod':
        return citizen ? labels.consentMethod[citizen.consentEvidence.method] : '';
      case 'consentRecordedAt':
        return citizen ? formatDate(citizen.consentEvidence.recordedAt) : '';
    }
  };
  return columns.map(value);
}

/**
 * The CSV file of the logs (deleted ones left out), oldest first. Citizens' details appear only
 * when `includeCitizen` is set and the role has `citizen.export`; otherwise no citizen column exists.
 */
export function buildLogCsv(logs: Iterable<ExportLog>, options: LogExportOptions): string {
  const columns = exportColumns(options.role, options.includeCitizen);
  const kept = [...logs].filter((log) => !log.deleted).sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : 1));
  return toCsv([columns.map((c) => options.labels.header[c]), ...kept.map((log) => cells(log, columns, options.labels))]);
}
