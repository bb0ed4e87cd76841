// The province admin's guide editor API (PUT /api/admin/guides/:serviceCode, docs/field-aids.md §3):
// the request body, shared by the server (validation) and the editor screen. Built on the synced
// tables' own field schemas, so a version the API accepts is one every phone accepts.
import { z } from 'zod';
import { clearable, idSchema, intSchema, strictObject, typeError } from '../schemas/common';
import { guideImageFieldsObject, guideImageFieldsSchema, guideStepSchema, GUIDE_LIMITS, serviceGuideFieldsObject } from '../schemas/service-guide';

/** A picture uploaded with the version that first uses it (never alone: no picture is left unused). */
export const guideImageUploadSchema = guideImageFieldsObject
  .pick({ mime: true, width: true, height: true })
  .extend({ data: guideImageFieldsObject.shape.data.unwrap() })
  .superRefine((value, ctx) => {
    const parsed = guideImageFieldsSchema.safeParse({ ...value, serviceCode: 'x' });
    for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
export type GuideImageUpload = z.infer<typeof guideImageUploadSchema>;

/** A step as the editor sends it: its picture kept (imageId), new (newImage) or none. */
export const guideStepInputSchema = guideStepSchema
  .extend({ imageId: clearable(idSchema), newImage: guideImageUploadSchema.optional() })
  .refine((step) => !(step.newImage && step.imageId), { error: 'validation.duplicate', path: ['newImage'] });
export type GuideStepInput = z.infer<typeof guideStepInputSchema>;

/**
 * A new version of a service's guide: its whole content and the version the admin edited (0 when
 * the service has no guide yet). The server refuses it when another version was published since,
 * and numbers it itself.
 */
export const publishGuideSchema = serviceGuideFieldsObject
  .omit({ serviceCode: true, version: true, steps: true })
  .extend({
    basedOn: intSchema(0, 1_000_000),
    steps: z
      .array(guideStepInputSchema, { error: typeError })
      .min(1, { error: 'validation.required' })
      .max(GUIDE_LIMITS.steps, { error: 'validation.tooMany' })
      .refine((steps) => new Set(steps.map((step) => step.id)).size === steps.length, { error: 'validation.duplicate' }),
  });
export type PublishGuide = z.infer<typeof publishGuideSchema>;

export const guidePathSchema = strictObject({ code: serviceGuideFieldsObject.shape.serviceCode });

/** The whole request: the largest a version can be (every step with a new picture), plus its text. */
export const GUIDE_BODY_LIMIT = GUIDE_LIMITS.steps * GUIDE_LIMITS.imageChars + 256 * 1024;
