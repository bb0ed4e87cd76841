// services: the service catalogue (kinds of help), province reference data. Seeded from
// the domain research by scripts/build-seed.ts (sources in docs/domain.md). Assistance logs refer to a service by its `code`.
import type { z } from 'zod';
import {
  boolSchema,
  clearable,
  enumSchema,
  intSchema,
  localizedTextSchema,
  nfcString,
  patchExtras,
  referenceRecordMetaSchema,
  slugSchema,
  strictObject,
} from './common';

/** The catalogue's groups (service-catalog.json). */
export const SERVICE_GROUPS = ['vneid', 'public-service', 'payments', 'skills', 'other'] as const;
export type ServiceGroup = (typeof SERVICE_GROUPS)[number];

/** The fields an admin writes. */
export const serviceFieldsObject = strictObject({
  /** Stable catalogue code, e.g. "vneid-install-register"; what assistanceLogs.serviceId holds. */
  code: slugSchema,
  name: localizedTextSchema(300),
  group: enumSchema(SERVICE_GROUPS),
  /** The catalogue edition that last changed this entry. */
  catalogVersion: intSchema(1, 1_000_000),
  /** Inactive services stay for old logs and reports but are not offered for new logs. */
  active: boolSchema(),
  notes: clearable(nfcString(0, 2000)),
});

/** A complete set of fields (services have no cross-field rules). */
export const serviceFieldsSchema = serviceFieldsObject;
/** One mutation's fields: any subset, plus `deleted`. */
export const servicePatchSchema = serviceFieldsObject.partial().extend(patchExtras);
/** A stored record: province metadata plus fields. */
export const serviceRecordSchema = referenceRecordMetaSchema.extend(serviceFieldsObject.shape);

export type ServiceFields = z.infer<typeof serviceFieldsSchema>;
export type ServicePatch = z.infer<typeof servicePatchSchema>;
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;
