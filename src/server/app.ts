// Builds the Fastify application without listening, so tests drive it with
// app.inject() and main.ts binds it to a port.
import fastifyCompress from '@fastify/compress';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { AccountsService } from './admin/accounts';
import { CommunesService } from './admin/communes';
import { DevicesService } from './admin/devices';
import { AuthService, type AuthServiceOptions } from './auth/auth-service';
import { Credentials } from './auth/credentials';
import type { Config, TrustProxy } from './config';
import { registerErrorHandler } from './errors';
import { AuditLog } from './privacy/audit-log';
import { registerAdminReferenceRoutes } from './routes/admin-reference';
import { registerAdminAccountRoutes } from './routes/admin-accounts';
import { registerAdminCommuneRoutes } from './routes/admin-communes';
import { registerAdminDevicePolicyRoutes } from './routes/admin-device-policy';
import { registerAdminDeviceRoutes } from './routes/admin-devices';
import { registerAuditRoutes } from './routes/audit';
import { registerAuthRoutes } from './routes/auth';
import { registerCredentialRoutes } from './routes/credentials';
import { registerHealthRoute } from './routes/health';
import { registerPrivacyRoutes } from './routes/privacy';
import { registerReportRoutes } from './routes/reports';
import { registerSyncRoutes } from './routes/sync';
import { inProcessSyncRequests, type SyncRequests } from './sync/sync-requests';
import { SyncNotes } from './sync/sync-notes';
import { registerSecurityHeaders } from './security-headers';
import { COMPRESS_THRESHOLD, registerStatic } from './static';
import type { SyncStore } from './storage/types';

export interface LoggerOverrides {
  /** Overrides config.logLevel (tests raise or silence it). */
  level?: string;
  /** Where log lines go instead of stdout (tests capture them). */
  stream?: { write(line: string): void };
}

export interface BuildAppOptions {
  config: Config;
  store: SyncStore;
  /** Where pushes and pulls run; by default in this process on `store` (main.ts gives SQLite its own thread). */
  syncRequests?: SyncRequests;
  logger?: LoggerOverrides;
  /** Overrides of the sign-in service (tests count password checks, shrink the hashing line or hold its clock). */
  auth?: Pick<AuthServiceOptions, 'verify' | 'hashing' | 'addressDelayMs' | 'now'>;
}

/**
 * Paths pino masks wherever they appear in a log object. Fastify's request serializer
 * does not log headers today; this keeps tokens out if anyone logs a request's headers.
 * Bodies are never logged (docs/privacy.md checklist #15).
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
];

export function buildApp({ config, store, syncRequests, logger, auth: authOptions }: BuildAppOptions): FastifyInstance {
  const app = Fastify({
    logger: {
      level: logger?.level ?? config.logLevel,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      ...(logger?.stream ? { stream: logger.stream } : {}),
    },
    bodyLimit: config.bodyLimit,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Ids are ours: a client-chosen request id could forge log correlation.
    requestIdHeader: false,
    // Fastify's own request logging writes two lines per request; one (below) is enough.
    logController: new LogController({ disableRequestLogging: true }),
    // Bodies are validated as sent: no silent type coercion ("42" for 42) and no silent
    // stripping of unknown fields, which must be rejected (docs/privacy.md: "strict schemas
    // reject extra fields"). Query strings arrive as text: coerce them in the route (zod).
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });

  // The API speaks JSON only; Fastify's default text/plain parser would let a
  // form-like text body reach handlers, so unknown types get 415 instead.
  app.removeContentTypeParser('text/plain');

  // One line per answered request: the route pattern, never the raw URL (query strings carry
  // cursors), and never headers or bodies.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request done');
    done();
  });
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  // Responses: br or gzip by Accept-Encoding above ~1 KB (the plugin's brotli default,
  // quality 4, suits dynamic bodies). Requests: gzip/deflate/br bodies are inflated before
  // parsing and bodyLimit counts the inflated bytes, which caps a decompression bomb.
  // The plugin hooks each route as it is added, so every route is registered after it,
  // inside plugins (avvio loads them in order).
  void app.register(fastifyCompress, { global: true, threshold: COMPRESS_THRESHOLD, encodings: ['br', 'gzip'] });
  const auth = new AuthService({ ...authOptions, store, secret: config.authSecret });
  const audit = new AuditLog(store.audit);
  const syncNotes = new SyncNotes(store);
  void app.register((api, _options, done) => {
    registerHealthRoute(api, store);
    registerAuthRoutes(api, auth);
    registerCredentialRoutes(api, auth, new Credentials({ store, auth, audit }));
    registerSyncRoutes(api, {
      requests: syncRequests ?? inProcessSyncRequests(store.records),
      auth,
      audit,
      rateLimitPerMinute: config.syncRateLimitPerMinute,
      writeQuota: config.writeQuota,
      // Changes handed over between phones are checked against their author (sync/relay.ts).
      relay: { secret: () => auth.key(), getUser: (id) => store.accounts.getUser(id) },
      // A log's follow-up is handed only to an active colleague (sync/follow-up-check.ts).
      followUps: { getUser: (id) => store.accounts.getUser(id) },
      // The accounts list's "last sync" and the devices list (docs/accounts.md): written at most every
      // few minutes per account and device, or when the phone reports something new.
      noteSync: (caller, note) => syncNotes.note(caller, note),
    });
    registerAdminAccountRoutes(api, { auth, accounts: new AccountsService({ store, audit }) });
    registerAdminDeviceRoutes(api, { auth, devices: new DevicesService({ store, audit }) });
    registerAdminCommuneRoutes(api, { auth, communes: new CommunesService(store, audit) });
    registerReportRoutes(api, { store, auth, audit });
    registerPrivacyRoutes(api, { store, auth, audit });
    registerAuditRoutes(api, { audit, auth });
    registerAdminReferenceRoutes(api, { store, auth, audit });
    registerAdminDevicePolicyRoutes(api, { store, auth, audit });
    done();
  });
  registerStatic(app, config.distDir);
  return app;
}

/** Fastify's types omit the hop count that proxy-addr supports; a hop-count function is the same rule. */
function fastifyTrustProxy(trust: TrustProxy): false | string | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
