// Suggestions for the texts of a period report (docs/reports.md "Period reports"): each barrier
// met in the period suggests a difficulty and a proposal, each blocked checklist item a difficulty
// and a step for the next period, open follow-ups and overdue items a step too. The leader accepts
// (the text is added to the section: an item tagged with its barrier, or a line of the plan), edits or drops each; both leave its key in the draft's
// handledSuggestions so it is not offered again. The wording lives in the locales.
import type { Barrier } from '../schemas/assistance-log';
import type { PeriodResults, TextSection } from '../schemas/period-report';

export type Suggestion =
  | { key: string; section: TextSection; kind: 'barrier' | 'barrierProposal'; barrier: Barrier; count: number }
  | { key: string; section: TextSection; kind: 'blocked' | 'unblock'; item: string; reason: string | null }
  | { key: string; section: TextSection; kind: 'followUps' | 'overdue'; count: number };

/** A blocked checklist item as the suggestions need it. */
export interface BlockedItem {
  checklistId: string;
  itemId: string;
  /** The item's text in the reader's language. */
  title: string;
  reason: string | null;
}

export function suggestionsFor(results: PeriodResults, blocked: readonly BlockedItem[], handled: readonly string[] = []): Suggestion[] {
  const out: Suggestion[] = [];
  const barriers = (Object.entries(results.barriers) as [Barrier, number][]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [barrier, count] of barriers) out.push({ key: `barrier:${barrier}`, section: 'difficulties', kind: 'barrier', barrier, count });
  for (const item of blocked) out.push({ key: `blocked:${item.checklistId}:${item.itemId}`, section: 'difficulties', kind: 'blocked', item: item.title, reason: item.reason });
  for (const [barrier, count] of barriers) out.push({ key: `proposal:${barrier}`, section: 'proposals', kind: 'barrierProposal', barrier, count });
  for (const item of blocked) out.push({ key: `unblock:${item.checklistId}:${item.itemId}`, section: 'nextPlan', kind: 'unblock', item: item.title, reason: item.reason });
  if (results.followUpsOpen > 0) out.push({ key: 'followUps', section: 'nextPlan', kind: 'followUps', count: results.followUpsOpen });
  if (results.overdueItems > 0) out.push({ key: 'overdue', section: 'nextPlan', kind: 'overdue', count: results.overdueItems });
  const done = new Set(handled);
  return out.filter((s) => !done.has(s.key));
}
