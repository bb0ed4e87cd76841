// What dates and notes make sense, checked by the same schema on the phone and on the server, so a
// phone with a bad form (or a bad clock) cannot push an absurd value to every phone of the commune.
// The reasons for each bound are in docs/data-rules.md.
//
// These rules read the clock (Date.now), unlike text/dates.ts: "not in the future" has no other
// meaning. Each side uses its own clock; the margin absorbs a phone that is a few hours off.
import type { z } from 'zod';
import { addDays, isIsoDateTime, localDateOf, todayLocal } from '../text/dates';
import { findSensitiveText } from '../text/privacy-guard';
import { isoDateTimeSchema, localDateSchema, nfcString } from './common';

/** Community digital technology teams were set up from 2021: no help is logged before that. */
export const FIRST_LOG_DATE = '2021-01-01';
/** How far ahead of the checking side's clock an instant may be (a phone set a few hours fast). */
export const CLOCK_MARGIN_MS = 12 * 60 * 60 * 1000;
/** A follow-up is planned within a year of the help. */
export const FOLLOW_UP_HORIZON_DAYS = 366;
/** Checklist due dates: the oldest plan in the templates is from 2022; plans look at most five years ahead. */
export const FIRST_DUE_DATE = '2020-01-01';
export const DUE_HORIZON_DAYS = 5 * 366;
/** The longest free-text note, in characters after trimming. */
export const NOTE_MAX = 2000;

const FIRST_LOG_INSTANT = `${FIRST_LOG_DATE}T00:00:00.000Z`;

/**
 * An instant something happened: not before the teams existed and not later than now (plus the
 * clock margin). Used for occurredAt of logs and group sessions.
 */
export const pastInstantSchema = isoDateTimeSchema
  .refine((s) => s >= FIRST_LOG_INSTANT, { error: 'validation.dateTooEarly', abort: true })
  .refine((s) => Date.parse(s) <= Date.now() + CLOCK_MARGIN_MS, { error: 'validation.dateInFuture' });

/** A checklist item's due date, within the plans' horizon. */
export const dueDateSchema = localDateSchema
  .refine((d) => d >= FIRST_DUE_DATE, { error: 'validation.dateTooEarly', abort: true })
  .refine((d) => d <= addDays(todayLocal(Date.now()), DUE_HORIZON_DAYS), { error: 'validation.dateTooLate' });

/** True when the text holds a 12-digit citizen ID number (CCCD). */
export const hasCitizenId = (text: string): boolean => findSensitiveText(text).some((w) => w.kind === 'citizenId');

/**
 * A free-text note about a citizen's visit or a task. A CCCD number is refused, not just warned
 * about: the note syncs to every phone of the commune and the app never needs the number. The
 * form offers to remove it (components/note-field).
 */
export const noteSchema = nfcString(0, NOTE_MAX).refine((s) => !hasCitizenId(s), { error: 'validation.citizenIdInNote' });

type FollowUpInput = { occurredAt?: string | undefined; followUpAt?: string | null | undefined };

/** A follow-up is on or after the day of the help, and within a year of it. */
export function followUpAfterHelp(value: FollowUpInput, ctx: z.RefinementCtx): void {
  const { occurredAt, followUpAt } = value;
  if (typeof followUpAt !== 'string' || typeof occurredAt !== 'string' || !isIsoDateTime(occurredAt)) return;
  const helpDay = localDateOf(occurredAt);
  if (followUpAt < helpDay) ctx.addIssue({ code: 'custom', message: 'validation.followUpBeforeHelp', path: ['followUpAt'] });
  else if (followUpAt > addDays(helpDay, FOLLOW_UP_HORIZON_DAYS)) ctx.addIssue({ code: 'custom', message: 'validation.dateTooLate', path: ['followUpAt'] });
}
