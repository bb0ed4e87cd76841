// The server's whole configuration, read once from the environment and validated,
// so a typo in a deployment fails at start-up with a readable message instead of
// surfacing later as a strange runtime error.
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: src/server/config.ts sits two levels below it. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type NodeEnv = 'development' | 'production' | 'test';

/** Where the sync data lives: one embedded file, or a PostgreSQL server. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Which peers may set X-Forwarded-For/-Proto: none (false), the nearest N hops, or a list of proxy
 * addresses/CIDRs. Never "any peer": then every client could claim HTTPS and any address, which
 * would void the login limit per address and the __Host- cookie rule.
 */
export type TrustProxy = false | number | string;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  distDir: string;
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  /** Whether NODE_ENV was given: unset means development defaults (demo mode, DEMO_PASSWORD allowed). */
  nodeEnvSet: boolean;
  trustProxy: TrustProxy;
  /** Largest accepted request body in bytes, after decompression. */
  bodyLimit: number;
  /** HMAC key of access tokens; when unset, one is generated once and kept in the database. */
  authSecret: string | undefined;
  /** Sync requests (push + pull) per user per minute and server process; 0 = unlimited. */
  syncRateLimitPerMinute: number;
  /** Changes a member, and a whole commune, may push in a rolling day, and their bytes; 0 = unlimited (docs/sync.md "Write quotas"). */
  writeQuota: { perUserPerDay: number; perCommunePerDay: number; bytesPerUserPerDay: number; bytesPerCommunePerDay: number };
  /** TEST ONLY: the password of the demo accounts instead of random ones; refused in production. */
  demoPassword: string | undefined;
}

export const DEFAULT_SYNC_RATE_LIMIT = 120;

/**
 * A member logs tens of helps on a busy day, a commune's team a few hundred; a hand-over between
 * phones or a first upload of paper notes is larger but rare. Far above that, far below what would
 * fill the database in a day (docs/sync.md "Write quotas").
 */
export const DEFAULT_WRITE_QUOTA = { perUserPerDay: 20000, perCommunePerDay: 80000, bytesPerUserPerDay: 32 * 1024 * 1024, bytesPerCommunePerDay: 128 * 1024 * 1024 };

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Unset and empty variables mean "use the default": `FOO=` in a unit file is common. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const quotaSchema = z.coerce.number({ error: 'must be a whole number of changes per day (0 = unlimited)' }).int('must be a whole number').min(0, 'must be 0 or more');
const bytesQuotaSchema = z.coerce.number({ error: 'must be a whole number of bytes per day (0 = unlimited)' }).int('must be a whole number').min(0, 'must be 0 or more');

const envSchema = z.object({
  PORT: optional(
    z.coerce
      .number({ error: 'must be a port number from 0 to 65535' })
      .int('must be a port number from 0 to 65535')
      .min(0, 'must be a port number from 0 to 65535')
      .max(65_535, 'must be a port number from 0 to 65535'),
  ),
  HOST: optional(z.string().trim().min(1)),
  DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL (leave it unset for the embedded SQLite database)'),
  ),
  DIST_DIR: optional(z.string()),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS)),
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
  TRUST_PROXY: optional(z.string().trim()),
  AUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')),
  SYNC_RATE_LIMIT: optional(
    z.coerce.number({ error: 'must be a whole number of requests per minute (0 = unlimited)' }).int('must be a whole number').min(0, 'must be 0 or more'),
  ),
  DEMO_PASSWORD: optional(z.string().min(8, 'must be at least 8 characters')),
  WRITE_QUOTA_USER: optional(quotaSchema),
  WRITE_QUOTA_COMMUNE: optional(quotaSchema),
  WRITE_QUOTA_USER_BYTES: optional(bytesQuotaSchema),
  WRITE_QUOTA_COMMUNE_BYTES: optional(bytesQuotaSchema),
});

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** proxy-addr's named ranges: each names a bounded set of addresses, not "everyone". */
const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of a TRUST_PROXY list: an IPv4/IPv6 address, optionally /prefix, or a named range. */
function isProxyAddress(entry: string): boolean {
  if (TRUST_PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  // A /0 is "every address": the same as trusting everything.
  return bits >= 1 && bits <= (family === 4 ? 32 : 128);
}

const TRUST_PROXY_HELP =
  'must be a hop count (1 = the proxy in front of this server) or the proxy addresses, e.g. 10.0.0.5 or 10.0.0.0/24,::1 — never "true": trusting every peer lets any client forge its address and claim HTTPS';

function parseTrustProxy(value: string | undefined): TrustProxy | { error: string } {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => entry !== '' && isProxyAddress(entry))) return entries.join(',');
  return { error: `TRUST_PROXY: ${TRUST_PROXY_HELP}` };
}

/** Reads and validates the configuration; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`));
  }
  const e = parsed.data;
  const nodeEnv: NodeEnv = e.NODE_ENV ?? 'development';
  if (nodeEnv === 'production' && e.DEMO_PASSWORD !== undefined) {
    // A fixed, known password is for test runs only (docs/privacy.md checklist item 12).
    throw new ConfigError(['DEMO_PASSWORD: is for tests only and is refused when NODE_ENV=production']);
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (typeof trustProxy === 'object') throw new ConfigError([trustProxy.error]);
  const dataDir = path.resolve(cwd, e.DATA_DIR ?? '.data');
  return {
    port: e.PORT ?? 8080,
    host: e.HOST ?? '0.0.0.0',
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'so-tay-so.sqlite') },
    distDir: e.DIST_DIR ? path.resolve(cwd, e.DIST_DIR) : path.join(REPO_ROOT, 'dist'),
    // Tests keep the console readable; anything else logs requests at info.
    // Outside production the terminal is a person's (`npm start`): warnings only, the banner readable.
    logLevel: e.LOG_LEVEL ?? (nodeEnv === 'production' ? 'info' : 'warn'),
    nodeEnv,
    nodeEnvSet: e.NODE_ENV !== undefined,
    trustProxy,
    bodyLimit: DEFAULT_BODY_LIMIT,
    authSecret: e.AUTH_SECRET,
    syncRateLimitPerMinute: e.SYNC_RATE_LIMIT ?? DEFAULT_SYNC_RATE_LIMIT,
    writeQuota: {
      perUserPerDay: e.WRITE_QUOTA_USER ?? DEFAULT_WRITE_QUOTA.perUserPerDay,
      perCommunePerDay: e.WRITE_QUOTA_COMMUNE ?? DEFAULT_WRITE_QUOTA.perCommunePerDay,
      bytesPerUserPerDay: e.WRITE_QUOTA_USER_BYTES ?? DEFAULT_WRITE_QUOTA.bytesPerUserPerDay,
      bytesPerCommunePerDay: e.WRITE_QUOTA_COMMUNE_BYTES ?? DEFAULT_WRITE_QUOTA.bytesPerCommunePerDay,
    },
    demoPassword: e.DEMO_PASSWORD,
  };
}

/** The connection string with its password masked, for logs and start-up messages. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return `SQLite ${database.file}`;
  try {
    const url = new URL(database.url);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** An address only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * What an operator must hear before the server is reachable from the network. NODE_ENV unset on a
 * public address is almost always a production server started by hand or by a unit file that
 * forgot it: it would run in development mode, where a first start creates demo accounts with
 * printed passwords. Production refuses demo accounts; this catches the server that does not know
 * it is production.
 */
export function startupWarnings(config: Config): string[] {
  if (config.nodeEnvSet || isLoopbackHost(config.host)) return [];
  return [
    [
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `WARNING: NODE_ENV is not set and the server listens on ${config.host}, which other machines can reach.`,
      'It runs with development defaults: a fresh embedded database gets demo accounts whose passwords',
      'are printed below, and DEMO_PASSWORD is accepted. On a real server set NODE_ENV=production;',
      'for a try-out on this machine only, set HOST=127.0.0.1.',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    ].join('\n'),
  ];
}
