// The group sessions ("Bình dân học vụ số" classes) of a period as CSV rows, the export's second file
// beside the logs (log-export.ts). A session is counted as a group, never as a list of people
// (docs/privacy.md), so this file holds no personal data and needs no confirmation. Labels come
// from the caller (the UI's language); dates are dd/mm/yyyy in Vietnam's zone.
import type { Audience } from '../schemas/group-session';
import { formatDate, formatTime } from '../text/dates';
import { toCsv, type CsvValue } from './csv';
import type { GroupSessionFact } from './facts';

export const SESSION_COLUMNS = [
  'date',
  'time',
  'topic',
  'place',
  'village',
  'audience',
  'participants',
  'women',
  'elderly',
  'ethnicMinority',
  'durationMin',
  'member',
  'note',
] as const;
export type SessionColumn = (typeof SESSION_COLUMNS)[number];

/** A session's facts, with the sub-counts blank (null) where the member did not record them. */
export interface ExportSession extends Omit<GroupSessionFact, 'women' | 'elderly' | 'ethnicMinority'> {
  women: number | null;
  elderly: number | null;
  ethnicMinority: number | null;
  topic: string;
  place: string;
  durationMin: number | null;
  createdBy: string;
  note: string | null;
}

export interface SessionExportLabels {
  header: Record<SessionColumn, string>;
  audience: Record<Audience, string>;
  villageName: (id: string) => string;
  memberName: (id: string) => string;
}

function cells(session: ExportSession, labels: SessionExportLabels): CsvValue[] {
  const value = (column: SessionColumn): CsvValue => {
    switch (column) {
      case 'date':
        return formatDate(session.occurredAt);
      case 'time':
        return formatTime(session.occurredAt);
      case 'topic':
        return session.topic;
      case 'place':
        return session.place;
      case 'village':
        return session.villageId === null ? '' : labels.villageName(session.villageId);
      case 'audience':
        return session.audience === null ? '' : labels.audience[session.audience];
      case 'participants':
      case 'women':
      case 'elderly':
      case 'ethnicMinority':
        return session[column];
      case 'durationMin':
        return session.durationMin;
      case 'member':
        return labels.memberName(session.createdBy);
      case 'note':
        return session.note;
    }
  };
  return SESSION_COLUMNS.map(value);
}

/** The CSV file of the group sessions (deleted ones left out), oldest first. */
export function buildSessionCsv(sessions: Iterable<ExportSession>, labels: SessionExportLabels): string {
  const kept = [...sessions]
    .filter((session) => !session.deleted)
    .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : 1));
  return toCsv([SESSION_COLUMNS.map((c) => labels.header[c]), ...kept.map((session) => cells(session, labels))]);
}
