// rightsRequests: the commune's register of citizens' requests about their data (docs/privacy.md
// "Requests register"): who asked (the least that finds them again: a name, a phone if they gave
// one, sealed on the phones like a log's citizen), what they asked for, when it came in, and each
// step of the answer with who took it and when. The deadlines are computed from `receivedOn`
// (src/shared/privacy/rights-deadlines.ts), never stored, so a rule change needs no migration.
import type { z } from 'zod';
import { addDays, todayLocal } from '../text/dates';
import { FIRST_LOG_DATE, hasCitizenId } from './bounds';
import { clearable, enumSchema, EVEN_WHEN_FIELDS_FAIL, idSchema, intSchema, isoDateTimeSchema, localDateSchema, nfcString, patchExtras, recordMetaSchema, strictObject } from './common';
import { vnPhoneSchema } from './phone';

/**
 * The rights a citizen may exercise (Law 91/2025 as docs/privacy.md lists them): see their data,
 * have it corrected, erased, stop its processing for a while, object to it, withdraw consent.
 */
export const RIGHTS_REQUEST_KINDS = ['access', 'correction', 'erasure', 'restriction', 'objection', 'withdrawal'] as const;
export type RightsRequestKind = (typeof RIGHTS_REQUEST_KINDS)[number];

/** received → acknowledged → done or refused (closing may skip the acknowledgement's own step). */
export const RIGHTS_REQUEST_STATUSES = ['received', 'acknowledged', 'done', 'refused'] as const;
export type RightsRequestStatus = (typeof RIGHTS_REQUEST_STATUSES)[number];

/** A reason (extension, refusal) or an answer's note: short, and never a citizen ID number. */
export const REQUEST_REASON_MIN = 3;
export const REQUEST_REASON_MAX = 300;
const reasonSchema = nfcString(REQUEST_REASON_MIN, REQUEST_REASON_MAX).refine((s) => !hasCitizenId(s), { error: 'validation.citizenIdInNote' });

/** Who asked: a name, and a phone number only if the citizen gave one to be called back. */
export const requesterSchema = strictObject({ name: nfcString(1, 100), phone: vnPhoneSchema.optional() });
export type Requester = z.infer<typeof requesterSchema>;

/** The day it came in: not before the teams existed, not after today (a day's margin for a phone's clock). */
const receivedOnSchema = localDateSchema
  .refine((d) => d >= FIRST_LOG_DATE, { error: 'validation.dateTooEarly', abort: true })
  .refine((d) => d <= addDays(todayLocal(Date.now()), 1), { error: 'validation.dateInFuture' });

export const rightsRequestFieldsObject = strictObject({
  kind: enumSchema(RIGHTS_REQUEST_KINDS),
  /** null once the register no longer needs to know who asked. */
  requester: clearable(requesterSchema),
  receivedOn: receivedOnSchema,
  status: enumSchema(RIGHTS_REQUEST_STATUSES),
  acknowledgedAt: clearable(isoDateTimeSchema),
  acknowledgedBy: clearable(idSchema),
  /** The one extension of the answer's deadline, with its reason. */
  extendedAt: clearable(isoDateTimeSchema),
  extendedBy: clearable(idSchema),
  extensionReason: clearable(reasonSchema),
  closedAt: clearable(isoDateTimeSchema),
  closedBy: clearable(idSchema),
  /** Required when refused: why; when done, an optional note of what was done. */
  closeReason: clearable(reasonSchema),
  /** An erasure request answered through the erasure: how many logs lost the citizen's details. */
  erasedLogs: clearable(intSchema(0, 1_000_000)),
  /** An access request answered with an export: how many logs the file held. */
  exportedRows: clearable(intSchema(0, 1_000_000)),
});

type StepInput = Partial<Record<keyof typeof rightsRequestFieldsObject.shape, unknown>>;

const given = (value: unknown): boolean => value !== null && value !== undefined;

/** Each step names who took it and when; a refusal and an extension give their reason. */
function stepsComplete(value: StepInput, ctx: z.RefinementCtx): void {
  if (typeof value !== 'object' || value === null) return;
  const need = (field: keyof StepInput) => {
    if (!given(value[field])) ctx.addIssue({ code: 'custom', message: 'validation.required', path: [field] });
  };
  const status = value.status;
  if (status === 'acknowledged' || status === 'done' || status === 'refused') (['acknowledgedAt', 'acknowledgedBy'] as const).forEach(need);
  if (status === 'done' || status === 'refused') (['closedAt', 'closedBy'] as const).forEach(need);
  if (status === 'refused') need('closeReason');
  if (given(value.extendedAt) || given(value.extendedBy) || given(value.extensionReason)) (['extendedAt', 'extendedBy', 'extensionReason'] as const).forEach(need);
}

/** A complete set of fields, as the register's form submits them. */
export const rightsRequestFieldsSchema = rightsRequestFieldsObject.superRefine(stepsComplete, EVEN_WHEN_FIELDS_FAIL);
/** One change's fields: any subset, plus `deleted`. */
export const rightsRequestPatchSchema = rightsRequestFieldsObject.partial().extend(patchExtras);
/** A stored record, with its steps complete. */
export const rightsRequestRecordSchema = recordMetaSchema.extend(rightsRequestFieldsObject.shape).superRefine(stepsComplete, EVEN_WHEN_FIELDS_FAIL);

export type RightsRequestFields = z.infer<typeof rightsRequestFieldsSchema>;
export type RightsRequestRecord = z.infer<typeof rightsRequestRecordSchema>;
