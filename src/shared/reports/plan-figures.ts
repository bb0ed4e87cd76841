// The figures the province's plans ask for beside the team's own counts (docs/reports.md): the
// dossiers of online public services sent fully or partly online, who was helped (citizen,
// household business, official), people trained per audience of the group sessions, and the
// people the team got to a payment account or a working smartphone (indicators.ts).
// Records written before these facts existed count as "not recorded", never as a guess.
import { HELPED_PARTIES, ONLINE_SUBMISSIONS, type HelpedParty, type OnlineSubmission } from '../schemas/assistance-log';
import { AUDIENCES, type Audience } from '../schemas/group-session';

/**
 * The kinds of help whose completed logs count towards a plan target (docs/reports.md
 * "Indicators"): the catalogue's own codes, which the province keeps when it renames an entry.
 */
export const REACHED_SERVICES = { paymentAccount: 'bank-account-open', smartphone: 'connectivity-smartphone' } as const;
export const REACHED = ['paymentAccount', 'smartphone'] as const;
export type Reached = (typeof REACHED)[number];

export interface PlanFigures {
  /** Logs per submission mode; only logs that recorded one are counted. */
  onlineSubmission: Record<OnlineSubmission, number>;
  /** Logs per party helped; `unrecorded` = logs without it. */
  helped: Record<HelpedParty | 'unrecorded', number>;
  /** Sessions and participants per audience; `unrecorded` = sessions without one. */
  audiences: Record<Audience | 'unrecorded', { sessions: number; participants: number }>;
  /** Logs of a kind of help in REACHED_SERVICES whose outcome is done. */
  reached: Record<Reached, number>;
}

export function emptyPlanFigures(): PlanFigures {
  return {
    onlineSubmission: Object.fromEntries(ONLINE_SUBMISSIONS.map((k) => [k, 0])) as Record<OnlineSubmission, number>,
    helped: Object.fromEntries([...HELPED_PARTIES, 'unrecorded'].map((k) => [k, 0])) as PlanFigures['helped'],
    audiences: Object.fromEntries([...AUDIENCES, 'unrecorded'].map((k) => [k, { sessions: 0, participants: 0 }])) as PlanFigures['audiences'],
    reached: { paymentAccount: 0, smartphone: 0 },
  };
}

export const isOnlineSubmission = (value: unknown): value is OnlineSubmission => typeof value === 'string' && (ONLINE_SUBMISSIONS as readonly string[]).includes(value);
export const isHelpedParty = (value: unknown): value is HelpedParty => typeof value === 'string' && (HELPED_PARTIES as readonly string[]).includes(value);
export const isAudience = (value: unknown): value is Audience => typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);

export function countLog(figures: PlanFigures, log: { serviceId: string; outcome: string; onlineSubmission: OnlineSubmission | null; helped: HelpedParty | null }): void {
  if (log.onlineSubmission !== null) figures.onlineSubmission[log.onlineSubmission] += 1;
  figures.helped[log.helped ?? 'unrecorded'] += 1;
  if (log.outcome !== 'done') return;
  if (log.serviceId === REACHED_SERVICES.paymentAccount) figures.reached.paymentAccount += 1;
  else if (log.serviceId === REACHED_SERVICES.smartphone) figures.reached.smartphone += 1;
}

export function countSession(figures: PlanFigures, session: { audience: Audience | null; participants: number }): void {
  const bucket = figures.audiences[session.audience ?? 'unrecorded'];
  bucket.sessions += 1;
  bucket.participants += session.participants;
}
