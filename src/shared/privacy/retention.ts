// How long citizens' details are kept (docs/privacy.md "Retention"). The server purges them from
// logs older than the province's limit; phones drop them from their synced logs sooner. The
// logs themselves stay: service, outcome, barriers, village and date still count in reports.
import { z } from 'zod';

/** The province's limit when it has set none: 12 months after the log's date. */
export const DEFAULT_RETENTION_MONTHS = 12;
/** What a province may choose: at least a month (follow-ups need it), at most the 12 months the notice promises. */
export const retentionMonthsSchema = z.number().int().min(1).max(DEFAULT_RETENTION_MONTHS);
/** POST /api/privacy/retention (the province admin): the province's new limit. */
export const retentionChangeSchema = z.strictObject({ months: retentionMonthsSchema });
/** GET and POST /api/privacy/retention: the province's limit and the default. */
export const retentionSettingSchema = z.strictObject({ months: retentionMonthsSchema, defaultMonths: z.number().int() });
export type RetentionSetting = z.infer<typeof retentionSettingSchema>;

/** A phone keeps a synced log's citizen details this many days after the log's date. */
export const PHONE_RETENTION_DAYS = 90;

/** The instant (Unix ms) before which a log's citizen details are past `months`, at `now`. */
export function retentionCutoff(now: number, months: number): number {
  const date = new Date(now);
  const month = date.getUTCMonth() - months;
  // Calendar months in UTC, the day clamped to the target month (31 March − 1 month = 28 or 29
  // February), so a detail is never purged before a whole month's worth of days has passed.
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return Date.UTC(date.getUTCFullYear(), month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
}
