// groupSessions: a digital-skills class ("Bình dân học vụ số", docs/domain.md §8.11), counted as a group,
// never as a list of people. Ethnic-minority reach is a count here and nowhere per person
// (docs/privacy.md: ethnic origin is sensitive data).
import type { z } from 'zod';
import { noteSchema, pastInstantSchema } from './bounds';
import { clearable, enumSchema, EVEN_WHEN_FIELDS_FAIL, idSchema, intSchema, nfcString, patchExtras, recordMetaSchema, strictObject } from './common';

// A commune hall seats a few hundred; the cap only stops typos such as 2000 for 20.
const MAX_PARTICIPANTS = 10_000;

/**
 * Who a class was for, as the plans count people trained in digital skills: commune leaders,
 * full-time officials (cán bộ, công chức chuyên trách), other staff, citizens.
 */
export const AUDIENCES = ['leaders', 'full_time_officials', 'staff', 'citizens'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The fields a client writes, without cross-field rules (used to build patches). */
export const groupSessionFieldsObject = strictObject({
  topic: nfcString(1, 200),
  place: nfcString(1, 200),
  occurredAt: pastInstantSchema,
  villageId: clearable(idSchema),
  participants: intSchema(1, MAX_PARTICIPANTS),
  women: clearable(intSchema(0, MAX_PARTICIPANTS)),
  elderly: clearable(intSchema(0, MAX_PARTICIPANTS)),
  ethnicMinority: clearable(intSchema(0, MAX_PARTICIPANTS)),
  durationMin: clearable(intSchema(0, 600)),
  /** Optional, so sessions written before it stay valid (they count as "not recorded"). */
  audience: clearable(enumSchema(AUDIENCES)),
  note: clearable(noteSchema),
});

/** The sub-counts that can never exceed the number of participants. */
export const PARTICIPANT_SUBCOUNTS = ['women', 'elderly', 'ethnicMinority'] as const;

type Counts = { participants: number } & Partial<Record<(typeof PARTICIPANT_SUBCOUNTS)[number], number | null>>;

function subcountsWithinParticipants(value: Counts, ctx: z.RefinementCtx): void {
  if (typeof value !== 'object' || value === null) return; // runs even on garbage (EVEN_WHEN_FIELDS_FAIL)
  const participants: unknown = value.participants;
  if (typeof participants !== 'number' || !Number.isInteger(participants) || participants < 1) return;
  for (const key of PARTICIPANT_SUBCOUNTS) {
    const n: unknown = value[key];
    if (typeof n === 'number' && n > participants) ctx.addIssue({ code: 'custom', message: 'validation.exceedsParticipants', path: [key] });
  }
}

/** A complete set of fields, as a form submits it. */
export const groupSessionFieldsSchema = groupSessionFieldsObject.superRefine(subcountsWithinParticipants, EVEN_WHEN_FIELDS_FAIL);
/** One mutation's fields: any subset, plus `deleted`; validate the merged record afterwards. */
export const groupSessionPatchSchema = groupSessionFieldsObject.partial().extend(patchExtras);
/** A stored record: metadata plus fields, with the cross-field rules. */
export const groupSessionRecordSchema = recordMetaSchema.extend(groupSessionFieldsObject.shape).superRefine(subcountsWithinParticipants, EVEN_WHEN_FIELDS_FAIL);

export type GroupSessionFields = z.infer<typeof groupSessionFieldsSchema>;
export type GroupSessionPatch = z.infer<typeof groupSessionPatchSchema>;
export type GroupSessionRecord = z.infer<typeof groupSessionRecordSchema>;
