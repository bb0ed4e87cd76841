// The province admin's reference-data calls (docs/reference-data.md): each edit is published by
// the server the moment it is saved, so the calls are online; the admin's own phone then pulls the
// new record like every other phone (one publishing path), which is what the editors list.
import { z } from 'zod';
import type { NewProvinceContact, NewService, NewTemplate, ProvinceContactChange, ServiceChange, TemplateVersionInput } from '../../shared/reference/admin-api';
import { reportSettingsAnswerSchema, type PublishReportSettings, type ReportSettingsAnswer } from '../../shared/reference/report-settings-api';
import { wireRecordSchema } from '../../shared/sync/protocol';
import { callJson } from './api-call';
import { getSyncRuntime, syncNow } from './runtime';
import { log } from '../lib/log';

const answerSchema = z.object({ record: wireRecordSchema });
type Answer = z.infer<typeof answerSchema>;

/** Calls the API, then pulls at once so this phone's lists show the change (a failed pull is retried by the scheduler). */
async function publish(path: string, body: unknown, method?: 'PATCH' | 'PUT'): Promise<Answer> {
  const answer = await getSyncRuntime().token.call((token) => callJson(path, token, answerSchema, body, method));
  await syncNow().catch((error: unknown) => log.warn('pull after a reference edit failed', error));
  return answer;
}

export const addService = (input: NewService) => publish('/api/admin/services', input);
export const changeService = (code: string, change: ServiceChange) => publish(`/api/admin/services/${encodeURIComponent(code)}`, change, 'PATCH');
export const addProvinceContact = (input: NewProvinceContact) => publish('/api/admin/province-contacts', input);
export const changeProvinceContact = (id: string, change: ProvinceContactChange) => publish(`/api/admin/province-contacts/${encodeURIComponent(id)}`, change, 'PATCH');
export const addTemplate = (input: NewTemplate) => publish('/api/admin/checklist-templates', input);
export const publishTemplateVersion = (templateId: string, input: TemplateVersionInput) =>
  publish(`/api/admin/checklist-templates/${encodeURIComponent(templateId)}/versions`, input);

/** The whole due day and indicator list, naming the version edited (a stale one gets 409; docs/reports.md). */
export const publishReportSettings = (input: PublishReportSettings) => publish('/api/admin/report-settings', input, 'PUT');

/** The province's report settings as the server holds them: the editor starts from the latest version. */
export const fetchReportSettings = (): Promise<ReportSettingsAnswer> =>
  getSyncRuntime().token.call((token) => callJson('/api/admin/report-settings', token, reportSettingsAnswerSchema));

/** Pulls the province's newest reference data now (the editor's "reload" after a stale edit). */
export const refreshReferenceData = (): Promise<void> => syncNow();
