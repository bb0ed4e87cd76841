// serviceGuides and guideImages: the province's step-by-step guide to one service of the catalogue,
// and the pictures of its steps (docs/field-aids.md §3). Province reference data: every phone of the
// province holds them, offline; only the province admin writes them, through /api/admin/guides.
//
// One guide record per service (its id is derived from the service code, so two admins publishing
// the first version at once write one record). A new version rewrites the record whole, with
// `version` raised. Images are records of their own so a wording fix does not make every phone
// download the pictures again; an image no version uses any more is deleted and its bytes cleared.
import { z } from 'zod';
import { BARRIERS } from './assistance-log';
import {
  clearable,
  enumSchema,
  idSchema,
  intSchema,
  nfcString,
  patchExtras,
  referenceRecordMetaSchema,
  slugSchema,
  strictObject,
  typeError,
  uniqueListSchema,
} from './common';
import { GUIDE_MAX_STEPS, stepIdSchema } from './guide-progress';

export const GUIDE_LIMITS = {
  steps: GUIDE_MAX_STEPS,
  bring: 20,
  failures: 15,
  /** One picture as base64 text: ≈ 30 KB of WebP or JPEG, a phone screenshot at 480 px. */
  imageChars: 40_000,
  /**
   * All live pictures of a province, in bytes (base64 text, as the phones store it). With the text
   * of every guide this keeps the whole catalogue's guides under 1.5 MB on a phone (npm run bench).
   */
  provinceImageChars: 1_200_000,
} as const;

export const guideStepSchema = strictObject({
  id: stepIdSchema,
  text: nfcString(1, 500),
  /** The step's picture (a guideImages record), or none. */
  imageId: clearable(idSchema),
});
export type GuideStep = z.infer<typeof guideStepSchema>;

/** A common failure: what the member sees, what to do, the barrier it is, and whom to call. */
export const guideFailureSchema = strictObject({
  problem: nfcString(1, 300),
  action: nfcString(1, 600),
  barrier: clearable(enumSchema(BARRIERS)),
  /** A role of the contact directory (contact-roles), e.g. "commune-police". */
  contactRoleId: clearable(slugSchema),
});
export type GuideFailure = z.infer<typeof guideFailureSchema>;

/** An official source: https only, so a phone never opens a downgraded link. */
export const httpsUrlSchema = z
  .string({ error: typeError })
  .trim()
  .max(500, { error: 'validation.tooLong' })
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', { error: 'validation.url' });

const stepsSchema = z
  .array(guideStepSchema, { error: typeError })
  .min(1, { error: 'validation.required' })
  .max(GUIDE_LIMITS.steps, { error: 'validation.tooMany' })
  .refine((steps) => new Set(steps.map((step) => step.id)).size === steps.length, { error: 'validation.duplicate' });

export const serviceGuideFieldsObject = strictObject({
  /** The catalogue code of the service the guide is for. */
  serviceCode: slugSchema,
  /** Raised by the server at each publication; what a log's progress was counted against. */
  version: intSchema(1, 1_000_000),
  /** One or two sentences: what the service gives the citizen, who may use it. */
  summary: clearable(nfcString(0, 500)),
  steps: stepsSchema,
  /** "What the citizen must bring". */
  bring: uniqueListSchema(nfcString(1, 200), GUIDE_LIMITS.bring),
  failures: z.array(guideFailureSchema, { error: typeError }).max(GUIDE_LIMITS.failures, { error: 'validation.tooMany' }),
  sourceTitle: nfcString(1, 200),
  sourceUrl: httpsUrlSchema,
});

export const serviceGuideFieldsSchema = serviceGuideFieldsObject;
export const serviceGuidePatchSchema = serviceGuideFieldsObject.partial().extend(patchExtras);
export const serviceGuideRecordSchema = referenceRecordMetaSchema.extend(serviceGuideFieldsObject.shape);

export type ServiceGuideFields = z.infer<typeof serviceGuideFieldsSchema>;
export type ServiceGuideRecord = z.infer<typeof serviceGuideRecordSchema>;

export const GUIDE_IMAGE_TYPES = ['image/webp', 'image/jpeg'] as const;
export type GuideImageType = (typeof GUIDE_IMAGE_TYPES)[number];

/** The first bytes each type must start with, so a record can never carry another kind of file. */
function magicMatches(mime: string, base64: string): boolean {
  let head: string;
  try {
    head = atob(base64.slice(0, 16));
  } catch {
    return false;
  }
  if (mime === 'image/jpeg') return head.startsWith('\xff\xd8\xff');
  return head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP';
}

const base64Schema = z
  .string({ error: typeError })
  .min(16, { error: 'validation.tooShort' })
  .max(GUIDE_LIMITS.imageChars, { error: 'validation.imageTooLarge' })
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'validation.image' });

export const guideImageFieldsObject = strictObject({
  serviceCode: slugSchema,
  mime: enumSchema(GUIDE_IMAGE_TYPES),
  /** The picture, base64; null once no version of the guide uses it (deleted, bytes cleared). */
  data: base64Schema.nullable(),
  width: intSchema(1, 2000),
  height: intSchema(1, 4000),
});

type ImageInput = { mime?: unknown; data?: unknown; deleted?: unknown };

// A live image has bytes of its declared type; only a deleted one may have none.
function imageBytesMatch(value: ImageInput, ctx: z.RefinementCtx): void {
  if (typeof value !== 'object' || value === null) return;
  if (value.data === null) {
    if (value.deleted === false) ctx.addIssue({ code: 'custom', message: 'validation.required', path: ['data'] });
    return;
  }
  if (typeof value.data === 'string' && typeof value.mime === 'string' && !magicMatches(value.mime, value.data)) {
    ctx.addIssue({ code: 'custom', message: 'validation.image', path: ['data'] });
  }
}

export const guideImageFieldsSchema = guideImageFieldsObject.superRefine(imageBytesMatch);
export const guideImagePatchSchema = guideImageFieldsObject.partial().extend(patchExtras);
export const guideImageRecordSchema = referenceRecordMetaSchema.extend(guideImageFieldsObject.shape).superRefine(imageBytesMatch);

export type GuideImageFields = z.infer<typeof guideImageFieldsSchema>;
export type GuideImageRecord = z.infer<typeof guideImageRecordSchema>;
