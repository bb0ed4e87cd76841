// The province admin's publication of its report settings (PUT /api/admin/report-settings;
// docs/reports.md "Indicators against targets"): the whole due day and indicator list, and the
// version the admin edited (0 when the province has none yet), so a stale edit is refused (409)
// instead of overwriting another admin's; and the settings as the server holds them, which the
// editor starts from. Built on the synced table's own field schemas.
import { z } from 'zod';
import { intSchema, strictObject } from '../schemas/common';
import { indicatorListSchema, reportSettingsFieldsObject } from '../schemas/report-settings';

export const publishReportSettingsSchema = strictObject({
  basedOn: intSchema(0, 1_000_000),
  dueDaysAfterEnd: reportSettingsFieldsObject.shape.dueDaysAfterEnd,
  indicators: indicatorListSchema,
});
export type PublishReportSettings = z.infer<typeof publishReportSettingsSchema>;

/** GET /api/admin/report-settings: the province's settings as published (null before the first), where the admin's editor starts. */
export const reportSettingsAnswerSchema = z.object({ settings: reportSettingsFieldsObject.nullable() });
export type ReportSettingsAnswer = z.infer<typeof reportSettingsAnswerSchema>;
