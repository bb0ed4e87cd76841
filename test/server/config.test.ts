// Configuration from the environment: defaults, the database choice, and refusal of bad values.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BODY_LIMIT, DEFAULT_SYNC_RATE_LIMIT, DEFAULT_WRITE_QUOTA, describeDatabase, loadConfig, startupWarnings } from '../../src/server/config';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

describe('loadConfig', () => {
  it('has working defaults: port 8080 on all interfaces, SQLite under ./.data, dist in the repo, 1 MB bodies', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/app/.data',
      database: { kind: 'sqlite', file: '/srv/app/.data/so-tay-so.sqlite' },
      distDir: path.join(repoRoot, 'dist'),
      logLevel: 'warn',
      nodeEnv: 'development',
      nodeEnvSet: false,
      trustProxy: false,
      bodyLimit: DEFAULT_BODY_LIMIT,
      authSecret: undefined,
      syncRateLimitPerMinute: DEFAULT_SYNC_RATE_LIMIT,
      writeQuota: DEFAULT_WRITE_QUOTA,
      demoPassword: undefined,
    });
    expect(DEFAULT_WRITE_QUOTA).toEqual({ perUserPerDay: 20000, perCommunePerDay: 80000, bytesPerUserPerDay: 32 * 1024 * 1024, bytesPerCommunePerDay: 128 * 1024 * 1024 });
    expect(DEFAULT_BODY_LIMIT).toBe(1024 * 1024);
  });

  it('reads every variable, resolving relative paths against the working directory', () => {
    const config = loadConfig(
      { PORT: '3000', HOST: '127.0.0.1', DATA_DIR: 'var/data', DIST_DIR: '/opt/dist', LOG_LEVEL: 'debug', NODE_ENV: 'production' },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/app/var/data',
      database: { kind: 'sqlite', file: '/srv/app/var/data/so-tay-so.sqlite' },
      distDir: '/opt/dist',
      logLevel: 'debug',
      nodeEnv: 'production',
    });
  });

  it.each([
    [{ HOST: '0.0.0.0' }, true],
    [{}, true],
    [{ HOST: '192.168.1.20' }, true],
    [{ HOST: '::' }, true],
    [{ HOST: '127.0.0.1' }, false],
    [{ HOST: 'localhost' }, false],
    [{ HOST: '::1' }, false],
    [{ HOST: '0.0.0.0', NODE_ENV: 'production' }, false],
    [{ HOST: '0.0.0.0', NODE_ENV: 'development' }, false],
  ])('NODE_ENV unset on a non-loopback address warns loudly: %o → %s', (env, warns) => {
    const warnings = startupWarnings(loadConfig(env));
    expect(warnings.length > 0).toBe(warns);
    if (warns) expect(warnings[0]).toMatch(/WARNING: NODE_ENV is not set.*NODE_ENV=production/s);
  });

  it('selects PostgreSQL when DATABASE_URL is a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/sts' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/sts' });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/sts' }).database.kind).toBe('postgres');
    // An empty variable (common in unit files and compose files) means unset.
    expect(loadConfig({ DATABASE_URL: '' }).database.kind).toBe('sqlite');
  });

  it('logs quietly outside production unless told otherwise (a person reads `npm start`), and at info in production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('warn');
    expect(loadConfig({}).logLevel).toBe('warn');
    expect(loadConfig({ NODE_ENV: 'production' }).logLevel).toBe('info');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1,10.0.0.2', '10.0.0.1,10.0.0.2'],
    ['10.0.0.0/24, ::1', '10.0.0.0/24,::1'],
    ['loopback', 'loopback'],
  ])('TRUST_PROXY=%s → %s', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', 'TRUE', 'yes', '*', '0.0.0.0/0', '::/0', '10.0.0.1,', 'proxy.internal', '10.0.0.0/33', '-1', '1.5'])(
    'TRUST_PROXY=%s is refused: it would trust every peer, or is no address',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: must be a hop count .* never "true"/);
    },
  );

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '80.5' }, /PORT/],
    [{ DATABASE_URL: 'mysql://db/sts' }, /DATABASE_URL: must be a postgres:\/\//],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toHaveLength(2);
    }
  });
});

describe('loadConfig: accounts and sync settings', () => {
  it('reads AUTH_SECRET, SYNC_RATE_LIMIT, the write quotas and DEMO_PASSWORD', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ AUTH_SECRET: secret, SYNC_RATE_LIMIT: '0', WRITE_QUOTA_USER: '300', WRITE_QUOTA_COMMUNE: '0', WRITE_QUOTA_USER_BYTES: '1048576', WRITE_QUOTA_COMMUNE_BYTES: '0', DEMO_PASSWORD: 'demo-pass-2025' })).toMatchObject({
      authSecret: secret,
      syncRateLimitPerMinute: 0,
      writeQuota: { perUserPerDay: 300, perCommunePerDay: 0, bytesPerUserPerDay: 1048576, bytesPerCommunePerDay: 0 },
      demoPassword: 'demo-pass-2025',
    });
  });

  it.each([
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET: must be at least 32/],
    [{ SYNC_RATE_LIMIT: '-1' }, /SYNC_RATE_LIMIT/],
    [{ SYNC_RATE_LIMIT: 'lots' }, /SYNC_RATE_LIMIT/],
    [{ WRITE_QUOTA_USER: '-5' }, /WRITE_QUOTA_USER/],
    [{ WRITE_QUOTA_COMMUNE: 'many' }, /WRITE_QUOTA_COMMUNE/],
    [{ WRITE_QUOTA_USER_BYTES: '1.5' }, /WRITE_QUOTA_USER_BYTES/],
    [{ WRITE_QUOTA_COMMUNE_BYTES: '-1' }, /WRITE_QUOTA_COMMUNE_BYTES/],
    [{ DEMO_PASSWORD: 'short' }, /DEMO_PASSWORD/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('[A14] refuses DEMO_PASSWORD in production: a known password is for tests only', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_PASSWORD: 'demo-pass-2025' })).toThrow(/DEMO_PASSWORD: is for tests only/);
  });
});

describe('describeDatabase', () => {
  it('never prints the PostgreSQL password', () => {
    const text = describeDatabase({ kind: 'postgres', url: 'postgres://sotayso:hunter2@db:5432/sts' });
    expect(text).not.toContain('hunter2');
    expect(text).toContain('db:5432/sts');
  });
});
