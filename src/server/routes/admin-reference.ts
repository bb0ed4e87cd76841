// The province admin's reference-data editors (docs/reference-data.md):
//   POST  /api/admin/services                 add a catalogue entry
//   PATCH /api/admin/services/:code           rename, regroup, retire or restore one
//   POST  /api/admin/province-contacts        add a province support contact
//   PATCH /api/admin/province-contacts/:id    edit, retire or restore one
//   POST  /api/admin/checklist-templates      add a template (version 1)
//   POST  /api/admin/checklist-templates/:templateId/versions   publish its next version
//   PUT   /api/admin/guides/:code             publish the next version of a service's guide (docs/field-aids.md §3)
//   GET   /api/admin/report-settings          the province's settings as published (the editor's start)
//   PUT   /api/admin/report-settings          publish the due day and the indicators with their targets (docs/reports.md)
// Admins only, always in their own province (the scope comes from the account, never the request);
// bodies checked by the shared schemas; rate-limited per admin; every change in the audit log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { can, type Action } from '../../shared/permissions';
import type { AuditDetails } from '../../shared/privacy/audit';
import {
  contactPathSchema,
  newProvinceContactSchema,
  newServiceSchema,
  newTemplateSchema,
  provinceContactChangeSchema,
  serviceChangeSchema,
  servicePathSchema,
  templatePathSchema,
  templateVersionSchema,
} from '../../shared/reference/admin-api';
import { GUIDE_BODY_LIMIT, guidePathSchema, publishGuideSchema } from '../../shared/reference/guide-api';
import { publishReportSettingsSchema, reportSettingsAnswerSchema } from '../../shared/reference/report-settings-api';
import type { SyncedRecord } from '../../shared/sync/merge';
import { toWireRecord } from '../../shared/sync/protocol';
import type { AuthService } from '../auth/auth-service';
import { RateLimiter } from '../auth/rate-limit';
import { ApiError } from '../errors';
import type { AuditLog } from '../privacy/audit-log';
import { changeProvinceContact, changeService, createProvinceContact, createService, ReferenceError, type Editor } from '../reference/reference-admin';
import { publishGuide } from '../reference/guide-admin';
import { publishReportSettings, readReportSettings } from '../reference/report-settings-admin';
import { createTemplate, publishTemplate } from '../reference/template-admin';
import type { SyncStore } from '../storage/types';
import { signedInUser } from './auth';

type ReferenceTable = 'services' | 'provinceContacts' | 'checklistTemplates' | 'serviceGuides' | 'reportSettings';

export interface AdminReferenceRouteOptions {
  store: SyncStore;
  auth: AuthService;
  audit: AuditLog;
  /** Changes per admin per minute (0: unlimited). */
  rateLimitPerMinute?: number;
  now?: () => number;
}

export function registerAdminReferenceRoutes(app: FastifyInstance, options: AdminReferenceRouteOptions): void {
  const { store, auth, audit } = options;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(options.rateLimitPerMinute ?? 60, 60_000, now);

  /** The signed-in admin of a province who may take `action`; `limited`: a change, counted against the rate limit. */
  async function editor(request: FastifyRequest, action: Action, limited = true): Promise<Editor & { role: 'admin' }> {
    const user = await signedInUser(auth, request);
    if (!can(user.role, action) || !user.provinceId || user.communeId) {
      await audit.append({ kind: 'access.refused', actor: user, details: { action, role: user.role } });
      throw new ApiError(403, 'forbidden', "Only the province's admin edits its reference data.");
    }
    const decision = limited ? limiter.take(user.id) : { ok: true as const };
    if (!decision.ok) throw new ApiError(429, 'too_many_requests', 'Too many changes; try again later.', decision.retryAfterSeconds);
    return { id: user.id, provinceId: user.provinceId, role: 'admin' };
  }

  function parse<T>(schema: z.ZodType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(400, 'bad_request', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  /** What the audit row says of a change: never a contact's phones or e-mail. */
  function auditDetails(table: ReferenceTable, change: AuditDetails<'reference.changed'>['change'], record: Record<string, unknown>): AuditDetails<'reference.changed'> {
    if (table === 'services') return { table, change, code: String(record.code) };
    if (table === 'reportSettings') return { table, change: Number(record.version) > 1 ? 'published' : 'created', version: Number(record.version) };
    if (table === 'checklistTemplates' || table === 'serviceGuides') {
      const version = Number(record.version);
      return { table, change: version > 1 ? 'published' : 'created', code: String(table === 'serviceGuides' ? record.serviceCode : record.templateId), version };
    }
    return { table, change };
  }

  async function run(request: FastifyRequest, table: ReferenceTable, write: (who: Editor) => Promise<{ record: SyncedRecord; change: AuditDetails<'reference.changed'>['change'] }>, action: Action) {
    const who = await editor(request, action);
    try {
      const { record, change } = await write(who);
      const actor = { id: who.id, role: who.role, communeId: null, provinceId: who.provinceId };
      await audit.append({ kind: 'reference.changed', actor, subjectId: record.id, details: auditDetails(table, change, record) });
      return { record: toWireRecord(record) };
    } catch (error) {
      if (error instanceof ReferenceError) {
        const status = error.code === 'not_found' ? 404 : error.code === 'conflict' ? 409 : 400;
        throw new ApiError(status, error.code === 'invalid' ? 'bad_request' : error.code, error.message);
      }
      throw error;
    }
  }

  app.post('/api/admin/services', async (request, reply) => {
    const body = await run(request, 'services', (who) => createService(store.records, who, parse(newServiceSchema, request.body), now()), 'services.manage');
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });
  app.patch('/api/admin/services/:code', async (request, reply) => {
    const { code } = parse(servicePathSchema, request.params);
    const body = await run(request, 'services', (who) => changeService(store.records, who, code, parse(serviceChangeSchema, request.body), now()), 'services.manage');
    return reply.header('cache-control', 'no-store').send(body);
  });
  app.post('/api/admin/province-contacts', async (request, reply) => {
    const body = await run(
      request,
      'provinceContacts',
      (who) => createProvinceContact(store.records, who, parse(newProvinceContactSchema, request.body), now()),
      'provinceContacts.manage',
    );
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });
  app.patch('/api/admin/province-contacts/:id', async (request, reply) => {
    const { id } = parse(contactPathSchema, request.params);
    const body = await run(
      request,
      'provinceContacts',
      (who) => changeProvinceContact(store.records, who, id, parse(provinceContactChangeSchema, request.body), now()),
      'provinceContacts.manage',
    );
    return reply.header('cache-control', 'no-store').send(body);
  });
  app.post('/api/admin/checklist-templates', async (request, reply) => {
    const body = await run(request, 'checklistTemplates', (who) => createTemplate(store.records, who, parse(newTemplateSchema, request.body), now()), 'template.manage');
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });
  app.post('/api/admin/checklist-templates/:templateId/versions', async (request, reply) => {
    const { templateId } = parse(templatePathSchema, request.params);
    const body = await run(
      request,
      'checklistTemplates',
      (who) => publishTemplate(store.records, who, templateId, parse(templateVersionSchema, request.body), now()),
      'template.manage',
    );
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });
  // Pictures travel with the version that uses them: the body may hold one per step.
  app.put('/api/admin/guides/:code', { bodyLimit: GUIDE_BODY_LIMIT }, async (request, reply) => {
    const { code } = parse(guidePathSchema, request.params);
    const body = await run(request, 'serviceGuides', (who) => publishGuide(store.records, who, code, parse(publishGuideSchema, request.body), now()), 'guides.manage');
    return reply.header('cache-control', 'no-store').send(body);
  });
  app.get('/api/admin/report-settings', async (request, reply) => {
    const who = await editor(request, 'reportSettings.manage', false);
    const record = await readReportSettings(store.records, who.provinceId);
    const settings = record ? { version: Number(record.version), dueDaysAfterEnd: record.dueDaysAfterEnd, indicators: record.indicators } : null;
    return reply.header('cache-control', 'no-store').send(reportSettingsAnswerSchema.parse({ settings }));
  });
  app.put('/api/admin/report-settings', async (request, reply) => {
    const body = await run(request, 'reportSettings', (who) => publishReportSettings(store.records, who, parse(publishReportSettingsSchema, request.body), now()), 'reportSettings.manage');
    return reply.header('cache-control', 'no-store').send(body);
  });
}
