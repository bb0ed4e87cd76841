// assistanceLogs: one help session with one citizen (docs/product.md job 1). Anonymous by default;
// citizen details only with recorded consent (docs/privacy.md).
import { z } from 'zod';
import {
  boolSchema,
  clearable,
  enumSchema,
  EVEN_WHEN_FIELDS_FAIL,
  idSchema,
  intSchema,
  localDateSchema,
  nfcString,
  patchExtras,
  recordMetaSchema,
  slugSchema,
  strictObject,
  uniqueListSchema,
} from './common';
import { CONSENT_GIVERS, CONSENT_PURPOSES, surelyUnderGuardianAge } from '../privacy/notice';
import { followUpAfterHelp, noteSchema, pastInstantSchema } from './bounds';
import { vnPhoneSchema } from './phone';
import { guideProgressSchema } from './guide-progress';

export const OUTCOMES = ['done', 'partial', 'referred', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const BARRIERS = [
  'no_smartphone',
  'no_chip_id',
  'vneid_not_level2',
  'no_bank_account',
  'portal_down',
  'weak_network',
  'language',
  'disability',
  'other',
] as const;
export type Barrier = (typeof BARRIERS)[number];

/**
 * Barriers that are health data, "sensitive" under Decree 356 Art. 4: allowed on an anonymous log
 * (they count towards the commune's barrier figures) but never beside an identified citizen.
 */
export const SENSITIVE_BARRIERS: readonly Barrier[] = ['disability'];

/**
 * How the dossier of an online public service went in (the plans' "toàn trình / một phần"): fully
 * online, or partly (some step on paper or at the desk). Only for the catalogue's public-service kinds.
 */
export const ONLINE_SUBMISSIONS = ['full', 'partial'] as const;
export type OnlineSubmission = (typeof ONLINE_SUBMISSIONS)[number];

/** Who was helped, as the plans count them: a citizen, a household business, an official. */
export const HELPED_PARTIES = ['citizen', 'household_business', 'official'] as const;
export type HelpedParty = (typeof HELPED_PARTIES)[number];

/**
 * A dossier's receipt code as the procedure system prints it (e.g. "000.00.10.H55-250718-0001"):
 * capitals, digits, dots and dashes. Digits alone are refused, because a bare number is more
 * likely an ID card or a phone number than a dossier code (docs/privacy.md: no personal data here).
 */
export const dossierCodeSchema = nfcString(5, 40)
  .regex(/^[A-Z0-9][A-Z0-9.-]*$/, { error: 'validation.dossierCode' })
  .regex(/[A-Z.-]/, { error: 'validation.dossierCode' });

export const GENDERS = ['female', 'male', 'other'] as const;
export const CONSENT_METHODS = ['spoken', 'signed'] as const;

/**
 * Evidence of the citizen's consent: who heard it, when, which notice text, how, what it covers
 * and who gave it (the citizen, or a guardian for a child). The server checks that `recordedBy` is
 * the member pushing the change (sync/write-rules.ts). `purposes` and `agreedBy` came with the notice's
 * first published version; evidence recorded before them lacks them, and `agreedBy` absent means
 * the citizen.
 */
export const consentEvidenceSchema = strictObject(
  {
    method: enumSchema(CONSENT_METHODS),
    noticeVersion: nfcString(1, 32),
    // Bounded by the checking side's clock (docs/data-rules.md): the server will not take a consent
    // dated days ahead by a phone whose clock is wrong, nor one from before the teams existed.
    recordedAt: pastInstantSchema,
    recordedBy: idSchema,
    purposes: uniqueListSchema(enumSchema(CONSENT_PURPOSES), CONSENT_PURPOSES.length).optional(),
    agreedBy: enumSchema(CONSENT_GIVERS).optional(),
  },
  'validation.consentRequired',
);
export type ConsentEvidence = z.infer<typeof consentEvidenceSchema>;

// A citizen surely under 16 when the consent was recorded needs a guardian's consent.
function guardianForChild(value: { birthYear?: number | undefined; consentEvidence: { recordedAt: string; agreedBy?: string | undefined } }, ctx: z.RefinementCtx): void {
  const { birthYear, consentEvidence } = value;
  if (birthYear === undefined || consentEvidence.agreedBy === 'guardian') return;
  if (surelyUnderGuardianAge(birthYear, Number(consentEvidence.recordedAt.slice(0, 4)))) {
    ctx.addIssue({ code: 'custom', message: 'validation.guardianRequired', path: ['consentEvidence', 'agreedBy'] });
  }
}

/**
 * The citizen sub-object: the minimum of B.3 and nothing else (no ID number, no address, no
 * ethnicity). `consent: true` is docs/sync.md §4's fixed wire type; the evidence travels beside it in
 * `consentEvidence`, which is required, so "consent: true" alone is refused. The whole object is
 * one field for the sync merge, so details and their consent always change together.
 */
export const citizenSchema = strictObject(
  {
    name: nfcString(1, 100).optional(),
    phone: vnPhoneSchema.optional(),
    // Bounds are wide on purpose: a schema cannot read the clock, and the form checks plausibility.
    birthYear: intSchema(1900, 2100).optional(),
    gender: enumSchema(GENDERS).optional(),
    consent: z.literal(true, { error: 'validation.consentRequired' }),
    consentEvidence: consentEvidenceSchema,
  },
  'validation.consentRequired',
).superRefine(guardianForChild);
export type Citizen = z.infer<typeof citizenSchema>;

/** The fields a client writes, without cross-field rules (used to build patches). */
export const assistanceLogFieldsObject = strictObject({
  /** The catalogue code of the service (services.code, e.g. "vneid-install-register"), docs/domain.md §8.2. */
  serviceId: slugSchema,
  outcome: enumSchema(OUTCOMES),
  occurredAt: pastInstantSchema,
  villageId: clearable(idSchema),
  barriers: uniqueListSchema(enumSchema(BARRIERS), BARRIERS.length).optional(),
  durationMin: clearable(intSchema(0, 600)),
  note: clearable(noteSchema),
  followUpAt: clearable(localDateSchema),
  followUpDone: boolSchema().optional(),
  /**
   * The colleague the author handed the follow-up to (docs/field-aids.md §2 "Handing over a
   * follow-up"): they may record it, and nothing else of the log (write-rules.ts).
   */
  followUpBy: clearable(idSchema),
  /** Done on the team's phone for a citizen with no smartphone (docs/domain.md §8.4). */
  assistedOnTeamDevice: boolSchema().optional(),
  /** Fully or partly online; optional, so logs written before it stay valid. */
  onlineSubmission: clearable(enumSchema(ONLINE_SUBMISSIONS)),
  dossierCode: clearable(dossierCodeSchema),
  helped: clearable(enumSchema(HELPED_PARTIES)),
  /** The steps of the service's guide the member ticked while helping (docs/field-aids.md §3). */
  guideProgress: clearable(guideProgressSchema),
  citizen: clearable(citizenSchema),
});

type CrossFieldInput = { barriers?: readonly string[] | undefined; citizen?: unknown; occurredAt?: string | undefined; followUpAt?: string | null | undefined };

// docs/privacy.md: no health/disability code on an identified citizen.
function noSensitiveBarrierOnCitizen(value: CrossFieldInput, ctx: z.RefinementCtx): void {
  const barriers: unknown = value.barriers;
  if (value.citizen == null || !Array.isArray(barriers)) return;
  const index = barriers.findIndex((b: unknown) => (SENSITIVE_BARRIERS as readonly unknown[]).includes(b));
  if (index >= 0) ctx.addIssue({ code: 'custom', message: 'validation.sensitiveBarrier', path: ['barriers', index] });
}

function crossFieldRules(value: CrossFieldInput, ctx: z.RefinementCtx): void {
  if (typeof value !== 'object' || value === null) return; // runs even on garbage (EVEN_WHEN_FIELDS_FAIL)
  noSensitiveBarrierOnCitizen(value, ctx);
  followUpAfterHelp(value, ctx);
}

/** A complete set of fields, as a form submits it. */
export const assistanceLogFieldsSchema = assistanceLogFieldsObject.superRefine(crossFieldRules, EVEN_WHEN_FIELDS_FAIL);
/**
 * One mutation's fields: any subset, plus `deleted`. Cross-field rules cannot be judged on a
 * subset; validate the merged result with assistanceLogRecordSchema.
 */
export const assistanceLogPatchSchema = assistanceLogFieldsObject.partial().extend(patchExtras);
/** A stored record: metadata plus fields, with the cross-field rules. */
export const assistanceLogRecordSchema = recordMetaSchema
  .extend(assistanceLogFieldsObject.shape)
  .superRefine(crossFieldRules, EVEN_WHEN_FIELDS_FAIL);

export type AssistanceLogFields = z.infer<typeof assistanceLogFieldsSchema>;
export type AssistanceLogPatch = z.infer<typeof assistanceLogPatchSchema>;
export type AssistanceLogRecord = z.infer<typeof assistanceLogRecordSchema>;
