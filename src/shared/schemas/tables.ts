// The synced tables by their wire names (docs/sync.md §4), each with its schemas and scope, so the
// server validates a push with one lookup: patch first, then the merged record.
import type { z } from 'zod';
import { assistanceLogFieldsSchema, assistanceLogPatchSchema, assistanceLogRecordSchema } from './assistance-log';
import { communeProfileFieldsSchema, communeProfilePatchSchema, communeProfileRecordSchema } from './commune-profile';
import { checklistFieldsSchema, checklistPatchSchema, checklistRecordSchema } from './checklist';
import { checklistItemFieldsSchema, checklistItemPatchSchema, checklistItemRecordSchema } from './checklist-item';
import { checklistTemplateFieldsSchema, checklistTemplatePatchSchema, checklistTemplateRecordSchema } from './checklist-template';
import { contactFieldsSchema, contactPatchSchema, contactRecordSchema } from './contact';
import { groupSessionFieldsSchema, groupSessionPatchSchema, groupSessionRecordSchema } from './group-session';
import { rightsRequestFieldsSchema, rightsRequestPatchSchema, rightsRequestRecordSchema } from './rights-request';
import { provinceContactFieldsSchema, provinceContactPatchSchema, provinceContactRecordSchema } from './province-contact';
import { periodReportFieldsSchema, periodReportPatchSchema, periodReportRecordSchema, reportSubmissionFieldsSchema, reportSubmissionPatchSchema, reportSubmissionRecordSchema } from './period-report';
import { indicatorValueFieldsSchema, indicatorValuePatchSchema, indicatorValueRecordSchema } from './indicator-value';
import { reportSettingsFieldsSchema, reportSettingsPatchSchema, reportSettingsRecordSchema } from './report-settings';
import { serviceFieldsSchema, servicePatchSchema, serviceRecordSchema } from './service';
import {
  guideImageFieldsSchema,
  guideImagePatchSchema,
  guideImageRecordSchema,
  serviceGuideFieldsSchema,
  serviceGuidePatchSchema,
  serviceGuideRecordSchema,
} from './service-guide';
import { signOffFieldsSchema, signOffPatchSchema, signOffRecordSchema } from './sign-off';
import { teamMemberFieldsSchema, teamMemberPatchSchema, teamMemberRecordSchema } from './team-member';
import { villageFieldsSchema, villagePatchSchema, villageRecordSchema } from './village';

export const SYNC_TABLES = [
  'assistanceLogs',
  'groupSessions',
  'contacts',
  'checklists',
  'checklistItems',
  'checklistTemplates',
  'services',
  'villages',
  'signOffs',
  'teamMembers',
  'communeProfiles',
  'provinceContacts',
  'periodReports',
  'reportSubmissions',
  'rightsRequests',
  'serviceGuides',
  'guideImages',
  'reportSettings',
  'indicatorValues',
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

/** commune: the commune's own records; province: reference data every commune reads, admins write. */
export type TableScope = 'commune' | 'province';

export interface TableSchemas {
  scope: TableScope;
  /** A complete set of client-writable fields, with cross-field rules (forms, creates). */
  fields: z.ZodType;
  /** One mutation's `fields`: any subset plus `deleted`, strict, no cross-field rules. */
  patch: z.ZodType;
  /** The full record after merging, metadata included, with cross-field rules. */
  record: z.ZodType;
}

export const TABLE_SCHEMAS = {
  assistanceLogs: { scope: 'commune', fields: assistanceLogFieldsSchema, patch: assistanceLogPatchSchema, record: assistanceLogRecordSchema },
  groupSessions: { scope: 'commune', fields: groupSessionFieldsSchema, patch: groupSessionPatchSchema, record: groupSessionRecordSchema },
  contacts: { scope: 'commune', fields: contactFieldsSchema, patch: contactPatchSchema, record: contactRecordSchema },
  checklists: { scope: 'commune', fields: checklistFieldsSchema, patch: checklistPatchSchema, record: checklistRecordSchema },
  checklistItems: { scope: 'commune', fields: checklistItemFieldsSchema, patch: checklistItemPatchSchema, record: checklistItemRecordSchema },
  checklistTemplates: {
    scope: 'province',
    fields: checklistTemplateFieldsSchema,
    patch: checklistTemplatePatchSchema,
    record: checklistTemplateRecordSchema,
  },
  services: { scope: 'province', fields: serviceFieldsSchema, patch: servicePatchSchema, record: serviceRecordSchema },
  villages: { scope: 'commune', fields: villageFieldsSchema, patch: villagePatchSchema, record: villageRecordSchema },
  signOffs: { scope: 'commune', fields: signOffFieldsSchema, patch: signOffPatchSchema, record: signOffRecordSchema },
  // Written by the server from the accounts and communes tables; no phone pushes them (sync/write-rules.ts).
  teamMembers: { scope: 'commune', fields: teamMemberFieldsSchema, patch: teamMemberPatchSchema, record: teamMemberRecordSchema },
  communeProfiles: {
    scope: 'commune',
    fields: communeProfileFieldsSchema,
    patch: communeProfilePatchSchema,
    record: communeProfileRecordSchema,
  },
  provinceContacts: { scope: 'province', fields: provinceContactFieldsSchema, patch: provinceContactPatchSchema, record: provinceContactRecordSchema },
  periodReports: { scope: 'commune', fields: periodReportFieldsSchema, patch: periodReportPatchSchema, record: periodReportRecordSchema },
  reportSubmissions: { scope: 'commune', fields: reportSubmissionFieldsSchema, patch: reportSubmissionPatchSchema, record: reportSubmissionRecordSchema },
  // The register of citizens' requests about their data (docs/privacy.md "Requests register").
  rightsRequests: { scope: 'commune', fields: rightsRequestFieldsSchema, patch: rightsRequestPatchSchema, record: rightsRequestRecordSchema },
  // Written by the server from the admin's guide editor (/api/admin/guides); no phone pushes them.
  serviceGuides: { scope: 'province', fields: serviceGuideFieldsSchema, patch: serviceGuidePatchSchema, record: serviceGuideRecordSchema },
  guideImages: { scope: 'province', fields: guideImageFieldsSchema, patch: guideImagePatchSchema, record: guideImageRecordSchema },
  // The province's due day and indicators with their targets, written by the server for the admin
  // (PUT /api/admin/report-settings); the commune's hand-entered indicator values (docs/reports.md).
  reportSettings: { scope: 'province', fields: reportSettingsFieldsSchema, patch: reportSettingsPatchSchema, record: reportSettingsRecordSchema },
  indicatorValues: { scope: 'commune', fields: indicatorValueFieldsSchema, patch: indicatorValuePatchSchema, record: indicatorValueRecordSchema },
} as const satisfies Record<SyncTable, TableSchemas>;

/** True when a string from the wire names a synced table. */
export function isSyncTable(name: string): name is SyncTable {
  return (SYNC_TABLES as readonly string[]).includes(name);
}
