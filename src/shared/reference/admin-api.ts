// The province admin's reference-data API (/api/admin/services, /api/admin/province-contacts):
// request bodies, shared by the server (validation) and the admin screens. Built on the synced
// tables' own field schemas, so an entry the API accepts is one every phone accepts.
import { z } from 'zod';
import { checklistTemplateFieldsObject, itemsConsistent } from '../schemas/checklist-template';
import { intSchema } from '../schemas/common';
import { provinceContactFieldsObject } from '../schemas/province-contact';
import { serviceFieldsObject } from '../schemas/service';

/** A new catalogue entry: its permanent code, names, group and notes (active, version 1). */
export const newServiceSchema = serviceFieldsObject.pick({ code: true, name: true, group: true, notes: true });
/**
 * A change to an entry: rename (a wording fix that keeps the meaning: old logs show the new
 * wording), regroup, notes, retire (active false: hidden from new logs, old logs keep the name)
 * or bring back. A change of meaning is a new entry with a new code and the old one retired.
 */
export const serviceChangeSchema = serviceFieldsObject.pick({ name: true, group: true, notes: true, active: true }).partial();
export const newProvinceContactSchema = provinceContactFieldsObject.omit({ active: true });
/** A change to a province contact: any field; active false retires it from every phone. */
export const provinceContactChangeSchema = provinceContactFieldsObject.partial();

export type NewService = z.infer<typeof newServiceSchema>;
export type ServiceChange = z.infer<typeof serviceChangeSchema>;
export type NewProvinceContact = z.infer<typeof newProvinceContactSchema>;
export type ProvinceContactChange = z.infer<typeof provinceContactChangeSchema>;

/**
 * A new checklist template: its permanent id and the whole content of version 1
 * (docs/reference-data.md "Checklist templates").
 */
export const newTemplateSchema = checklistTemplateFieldsObject.omit({ version: true }).superRefine(itemsConsistent);
/**
 * The next version of a template: the whole content (items added, removed, reordered or edited)
 * and the version it was edited from; the server refuses it when another version was published
 * since (the admin reloads and edits again), and numbers it itself.
 */
export const templateVersionSchema = checklistTemplateFieldsObject
  .omit({ version: true, templateId: true })
  .extend({ basedOn: intSchema(1, 1_000_000) })
  .superRefine(itemsConsistent);

export type NewTemplate = z.infer<typeof newTemplateSchema>;
export type TemplateVersionInput = z.infer<typeof templateVersionSchema>;

/** An id in a path (a province contact's UUID, a service's code). */
export const servicePathSchema = z.strictObject({ code: serviceFieldsObject.shape.code });
export const contactPathSchema = z.strictObject({ id: z.uuid() });
export const templatePathSchema = z.strictObject({ templateId: checklistTemplateFieldsObject.shape.templateId });
