// The weekly summary a member or a leader pastes into the team's Zalo group (docs/field-aids.md):
// a handful of figures taken from the activity and readiness reports. It is built only from
// those reports' counts and codes — never from a record — so no citizen's name, phone, note or
// village can reach it (the test feeds it logs full of citizen details and looks for them).
import type { ActivityReport, Count } from './activity';
import type { ReadinessTotals } from './readiness';
import type { Barrier } from '../schemas/assistance-log';
import type { LocalDateRange } from '../text/dates';

/** Whose work a summary counts: the signed-in member's own, or the whole commune's. */
export const SUMMARY_SCOPES = ['mine', 'commune'] as const;
export type SummaryScope = (typeof SUMMARY_SCOPES)[number];

export function isSummaryScope(value: unknown): value is SummaryScope {
  return typeof value === 'string' && (SUMMARY_SCOPES as readonly string[]).includes(value);
}

/** Kinds of help listed by name; the rest are added up as "other kinds" (a chat message stays short). */
export const SUMMARY_TOP_SERVICES = 5;
export const SUMMARY_TOP_BARRIERS = 3;

export interface Summary {
  scope: SummaryScope;
  range: LocalDateRange;
  /** Citizens helped (one log = one citizen helped once; activity.ts). */
  helped: number;
  /** The kinds of help given most, most first (service codes). */
  topServices: Count[];
  /** Citizens helped with any other kind. */
  otherServices: number;
  groupSessions: { sessions: number; participants: number };
  followUps: { open: number; overdue: number };
  topBarriers: Count<Barrier>[];
  /** The commune's checklists on the day the summary is made; null when no checklist applies. */
  readiness: { checklists: number; done: number; applicable: number; percent: number } | null;
}

export function summarize(activity: ActivityReport, readiness: ReadinessTotals | null, scope: SummaryScope): Summary {
  const topServices = activity.byService.slice(0, SUMMARY_TOP_SERVICES);
  const listed = topServices.reduce((sum, entry) => sum + entry.count, 0);
  return {
    scope,
    range: activity.range,
    helped: activity.citizensAssisted,
    topServices,
    otherServices: activity.citizensAssisted - listed,
    groupSessions: { sessions: activity.groupSessions.sessions, participants: activity.groupSessions.participants },
    followUps: { ...activity.followUps },
    topBarriers: activity.barriers.slice(0, SUMMARY_TOP_BARRIERS),
    readiness:
      readiness && readiness.percent !== null
        ? { checklists: readiness.checklists, done: readiness.done, applicable: readiness.applicable, percent: readiness.percent }
        : null,
  };
}

/** A summary laid out for reading: the same document becomes the pasted text and the PNG card. */
export interface SummaryDoc {
  title: string;
  /** Who and when: "Xã Ngọk Bay · 30/11/2026–06/12/2026". */
  subtitle: string;
  sections: SummarySection[];
  footer: string;
}

export interface SummarySection {
  heading: string;
  /** The section's headline figure ("12"), shown large on the card. */
  value: string;
  items: { label: string; value: string }[];
}

/** The summary as text to paste into a chat: plain lines, no markup (Zalo shows it as typed). */
export function summaryText(doc: SummaryDoc): string {
  const lines = [doc.title, doc.subtitle, ''];
  for (const section of doc.sections) {
    lines.push(section.value === '' ? `• ${section.heading}` : `• ${section.heading}: ${section.value}`);
    for (const item of section.items) lines.push(item.value === '' ? `   – ${item.label}` : `   – ${item.label}: ${item.value}`);
  }
  lines.push('', doc.footer);
  return lines.join('\n');
}
