// How far a member got with a service's guide while helping: recorded on the log
// (assistance-log.ts `guideProgress`, docs/field-aids.md §3). Apart from service-guide.ts, which
// imports the log's barriers, so the two schemas do not import each other.
import type { z } from 'zod';
import { intSchema, slugSchema, strictObject, uniqueListSchema } from './common';

/** The most steps a guide has. */
export const GUIDE_MAX_STEPS = 30;

/** A step's permanent id within its guide ("s1", "s2"…): what a log's progress names. */
export const stepIdSchema = slugSchema;

export const guideProgressSchema = strictObject({
  /** The guide's version the steps were ticked on. */
  version: intSchema(1, 1_000_000),
  /** The ids of the steps ticked, in the guide's order. */
  done: uniqueListSchema(stepIdSchema, GUIDE_MAX_STEPS),
  /** How many steps that version had. */
  total: intSchema(1, GUIDE_MAX_STEPS),
}).refine((value) => value.done.length <= value.total, { error: 'validation.tooMany', path: ['done'] });
export type GuideProgress = z.infer<typeof guideProgressSchema>;
