import { availableParallelism } from 'node:os';
import { ConfigError, defaultIntakeAtWork, loadConfig } from './load-config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'mysql://shouhu:secret@db:3306/shouhu',
  AUTH_TOKEN_SECRET: 'x'.repeat(40),
  DATA_ENCRYPTION_KEY: KEY,
  AUTH_DEV_LOGIN: 'false',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 'f'.repeat(32),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe(loadConfig.name, () => {
  it('runs on the embedded database with demo data and dev login when nothing is set', () => {
    const config = loadConfig({});

    expect(config.environment).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.database).toMatchObject({ driver: 'better-sqlite3' });
    expect(config.database.driver === 'better-sqlite3' && config.database.path).toMatch(
      /data\/shouhu\.sqlite$/,
    );
    expect(config.demoData).toBe(true);
    expect(config.auth.devLoginEnabled).toBe(true);
    expect(config.dataEncryptionKey).toHaveLength(32);
  });

  it('uses MariaDB without demo data when DATABASE_URL is given', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/test',
      DB_POOL_SIZE: '5',
    });

    expect(config.database).toEqual({
      driver: 'mysql',
      url: 'mysql://root@127.0.0.1:3306/test',
      poolSize: 5,
      queueLimit: 30,
    });
    expect(config.demoData).toBe(false);
  });

  it('logs at info unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(loadConfig({ ...PRODUCTION, LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.driver).toBe('better-sqlite3');
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig(PRODUCTION);

    expect(config.auth).toMatchObject({ devLoginEnabled: false, tokenSecret: 'x'.repeat(40) });
    expect(config.dataEncryptionKey.equals(Buffer.from(KEY, 'base64'))).toBe(true);
  });

  it('offers the subscribe messages whose templates are set, sent every 10 s by default', () => {
    const template = 'Vx3sTemplate_ID-for-accepted-0123456789abc';

    const config = loadConfig({ WECHAT_TEMPLATE_ACCEPTED: template, WECHAT_TEMPLATE_CLOSED: '' });

    expect(config.notifications).toEqual({
      templates: { accepted: template, progress: null, closed: null },
      newOrderTemplate: null,
      intervalSeconds: 10,
    });
    expect(loadConfig({ NOTIFY_INTERVAL_SECONDS: '0' }).notifications.intervalSeconds).toBe(0);
  });

  it('offers handlers the new-order message when its template is set', () => {
    const template = 'NewOrderTemplate_0123456789abcdefghijklmnopq';

    expect(loadConfig({ WECHAT_TEMPLATE_NEW_ORDER: template }).notifications).toMatchObject({
      templates: { accepted: null, progress: null, closed: null },
      newOrderTemplate: template,
    });
    expect(loadConfig({ WECHAT_TEMPLATE_NEW_ORDER: '' }).notifications.newOrderTemplate).toBeNull();
  });

  const TENCENT = {
    DEMO_DATA: 'false',
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_SECRET_ID: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    TENCENT_SMS_SECRET_KEY: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    TENCENT_SMS_SDK_APP_ID: '1400006666',
    TENCENT_SMS_SIGN_NAME: '守护平台',
    TENCENT_SMS_TEMPLATE_DUTY_ORDER: '100001',
    TENCENT_SMS_TEMPLATE_DUTY_ESCALATION: '100002',
    TENCENT_SMS_TEMPLATE_CALLER_ACCEPTED: '100003',
    TENCENT_SMS_TEMPLATE_CALLER_CLOSED: '100004',
  };

  it('keeps text messages pending without a provider, and sends through Tencent Cloud when it is set', () => {
    expect(loadConfig({}).sms).toBeNull();
    expect(loadConfig({ SMS_PROVIDER: 'none' }).sms).toBeNull();
    expect(problemsOf({ ...TENCENT, DEMO_DATA: 'true' })).toEqual([
      'SMS_PROVIDER: must not be tencent with demo data (DEMO_DATA)',
    ]);
    expect(loadConfig(TENCENT).sms).toEqual({
      provider: 'tencent',
      apiBase: 'https://sms.tencentcloudapi.com',
      secretId: TENCENT.TENCENT_SMS_SECRET_ID,
      secretKey: TENCENT.TENCENT_SMS_SECRET_KEY,
      sdkAppId: '1400006666',
      signName: '守护平台',
      region: 'ap-guangzhou',
      templates: {
        duty_order: '100001',
        duty_escalation: '100002',
        caller_accepted: '100003',
        caller_closed: '100004',
      },
    });
  });

  it.each(Object.keys(TENCENT).filter((name) => name.startsWith('TENCENT_')))(
    'names %s when Tencent Cloud SMS is chosen without it',
    (variable) => {
      expect(problemsOf({ ...TENCENT, [variable]: '' })).toEqual([
        `${variable}: is required with SMS_PROVIDER=tencent`,
      ]);
    },
  );

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://localhost/x' }, 'DATABASE_URL'],
    [{ AUTH_DEV_LOGIN: 'yes' }, 'AUTH_DEV_LOGIN'],
    [{ AUTH_TOKEN_SECRET: 'short' }, 'AUTH_TOKEN_SECRET'],
    [{ DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }, 'DATA_ENCRYPTION_KEY'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ BLIND_INDEX_KEY: Buffer.alloc(16).toString('base64') }, 'BLIND_INDEX_KEY'],
    [
      { DATA_ENCRYPTION_PREVIOUS_KEYS: 'not base64!', BLIND_INDEX_KEY: KEY },
      'DATA_ENCRYPTION_PREVIOUS_KEYS',
    ],
    [{ RETENTION_DAYS: '-1' }, 'RETENTION_DAYS'],
    [{ RETENTION_DAYS: 'forever' }, 'RETENTION_DAYS'],
    [{ WECHAT_TEMPLATE_PROGRESS: 'not a template id' }, 'WECHAT_TEMPLATE_PROGRESS'],
    [{ WECHAT_TEMPLATE_NEW_ORDER: 'short' }, 'WECHAT_TEMPLATE_NEW_ORDER'],
    [{ NOTIFY_INTERVAL_SECONDS: '-1' }, 'NOTIFY_INTERVAL_SECONDS'],
    [{ SMS_PROVIDER: 'aliyun' }, 'SMS_PROVIDER'],
    [{ TENCENT_SMS_API_BASE: 'sms.tencentcloudapi.com' }, 'TENCENT_SMS_API_BASE'],
    [{ TENCENT_SMS_TEMPLATE_CALLER_CLOSED: 'closed' }, 'TENCENT_SMS_TEMPLATE_CALLER_CLOSED'],
  ])('names the variable that is wrong: %j', (env, variable) => {
    const problems = problemsOf(env);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it.each([
    ['AUTH_DEV_LOGIN', { AUTH_DEV_LOGIN: 'true' }],
    ['AUTH_TOKEN_SECRET', { AUTH_TOKEN_SECRET: '' }],
    ['DATA_ENCRYPTION_KEY', { DATA_ENCRYPTION_KEY: '' }],
    ['DATABASE_URL', { DATABASE_URL: '' }],
    ['DEMO_DATA', { DEMO_DATA: 'true' }],
    ['WECHAT_APPID', { WECHAT_APPID: '' }],
  ])('refuses to run production with unsafe %s', (variable, change) => {
    expect(problemsOf({ ...PRODUCTION, ...change })).toEqual([
      expect.stringMatching(new RegExp(`^${variable}: `)),
    ]);
  });

  it('seals with DATA_ENCRYPTION_KEY, still opens the previous keys and keeps the blind index key apart', () => {
    const previous = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    const config = loadConfig({
      ...PRODUCTION,
      DATA_ENCRYPTION_PREVIOUS_KEYS: previous.map((key) => key.toString('base64')).join(','),
      BLIND_INDEX_KEY: previous[0].toString('base64'),
    });

    expect(config.dataEncryptionKey.equals(Buffer.from(KEY, 'base64'))).toBe(true);
    expect(config.previousDataEncryptionKeys).toEqual(previous);
    expect(config.blindIndexKey.equals(previous[0])).toBe(true);
  });

  it('derives the blind index from the data key until BLIND_INDEX_KEY is set, and keeps reports 1095 days', () => {
    const config = loadConfig(PRODUCTION);

    expect(config.blindIndexKey.equals(config.dataEncryptionKey)).toBe(true);
    expect(config.previousDataEncryptionKeys).toEqual([]);
    expect(config.retentionDays).toBe(1095);
    expect(loadConfig({ RETENTION_DAYS: '0' }).retentionDays).toBe(0);
  });

  it.each([
    [
      'a key of the wrong length',
      [Buffer.alloc(16, 1).toString('base64')],
      /key 1 must decode to 32 bytes/,
    ],
    ['the current key', [KEY], /key 1 is DATA_ENCRYPTION_KEY itself/],
    [
      'a key twice',
      [Buffer.alloc(32, 1).toString('base64'), Buffer.alloc(32, 1).toString('base64')],
      /key 2 is listed twice/,
    ],
  ])('refuses DATA_ENCRYPTION_PREVIOUS_KEYS holding %s', (_case, keys, message) => {
    const problems = problemsOf({
      ...PRODUCTION,
      DATA_ENCRYPTION_PREVIOUS_KEYS: keys.join(','),
      BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
    });

    expect(problems).toEqual([expect.stringMatching(/^DATA_ENCRYPTION_PREVIOUS_KEYS: /)]);
    expect(problems[0]).toMatch(message);
  });

  it('refuses previous keys without BLIND_INDEX_KEY, which would silently change the blind index', () => {
    expect(
      problemsOf({
        ...PRODUCTION,
        DATA_ENCRYPTION_PREVIOUS_KEYS: Buffer.alloc(32, 1).toString('base64'),
      }),
    ).toEqual([expect.stringMatching(/^BLIND_INDEX_KEY: is required/)]);
  });

  it('limits uploads by pace, count and age, with defaults a village 2G/3G phone passes', () => {
    const defaults = loadConfig({}).uploads;
    const set = loadConfig({
      UPLOAD_IDLE_TIMEOUT_SECONDS: '5',
      UPLOAD_RATE_WINDOW_SECONDS: '10',
      UPLOAD_MIN_BYTES_PER_SECOND: '0',
      UPLOAD_PENDING_MAX_FILES: '3',
      UPLOAD_PENDING_MAX_BYTES: '2048',
      UPLOAD_DAILY_MAX_FILES: '4',
      UPLOAD_DAILY_MAX_BYTES: '4096',
      UPLOAD_UNATTACHED_TTL_HOURS: '2',
      UPLOAD_SWEEP_INTERVAL_SECONDS: '0',
    }).uploads;

    expect(defaults).toMatchObject({
      idleTimeoutSeconds: 30,
      rateWindowSeconds: 60,
      minBytesPerSecond: 4096,
      pending: { files: 20, bytes: 200 * 1024 * 1024 },
      daily: { files: 60, bytes: 600 * 1024 * 1024 },
      unattachedTtlSeconds: 24 * 3600,
      sweepIntervalSeconds: 600,
    });
    // 10 MB at 20 KB/s, the slowest phone we serve, never averages below the minimum rate.
    expect(defaults.minBytesPerSecond).toBeLessThan(20 * 1024);
    expect(set).toMatchObject({
      idleTimeoutSeconds: 5,
      rateWindowSeconds: 10,
      minBytesPerSecond: 0,
      pending: { files: 3, bytes: 2048 },
      daily: { files: 4, bytes: 4096 },
      unattachedTtlSeconds: 7200,
      sweepIntervalSeconds: 0,
    });
  });

  it.each([
    ['UPLOAD_IDLE_TIMEOUT_SECONDS', '0'],
    ['UPLOAD_RATE_WINDOW_SECONDS', 'a minute'],
    ['UPLOAD_MIN_BYTES_PER_SECOND', '-1'],
    ['UPLOAD_PENDING_MAX_FILES', '0'],
    ['UPLOAD_PENDING_MAX_BYTES', '10'],
    ['UPLOAD_DAILY_MAX_FILES', '1.5'],
    ['UPLOAD_DAILY_MAX_BYTES', 'lots'],
    ['UPLOAD_UNATTACHED_TTL_HOURS', '0'],
    ['UPLOAD_SWEEP_INTERVAL_SECONDS', '-5'],
  ])('refuses %s=%s', (variable, value) => {
    expect(problemsOf({ [variable]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${variable}: `)),
    ]);
  });

  it('gives a JSON body 60 s to arrive unless BODY_TIMEOUT_SECONDS says otherwise', () => {
    expect(loadConfig({}).bodyTimeoutSeconds).toBe(60);
    expect(loadConfig({ BODY_TIMEOUT_SECONDS: '20' }).bodyTimeoutSeconds).toBe(20);
    for (const value of ['0', '4', '3601', 'soon']) {
      expect(problemsOf({ BODY_TIMEOUT_SECONDS: value })).toEqual([
        expect.stringMatching(/^BODY_TIMEOUT_SECONDS: /),
      ]);
    }
  });

  it('puts intakes to work a few per core unless INTAKE_MAX_AT_WORK says otherwise', () => {
    expect(loadConfig({}).intakeMaxAtWork).toBe(defaultIntakeAtWork());
    expect(defaultIntakeAtWork()).toBeGreaterThanOrEqual(availableParallelism());
    expect(loadConfig({ INTAKE_MAX_AT_WORK: '3' }).intakeMaxAtWork).toBe(3);
    for (const value of ['0', '1001', '2.5', 'many']) {
      expect(problemsOf({ INTAKE_MAX_AT_WORK: value })).toEqual([
        expect.stringMatching(/^INTAKE_MAX_AT_WORK: /),
      ]);
    }
  });

  it('defaults dev login to off in production', () => {
    const withoutDevLogin: Record<string, string> = { ...PRODUCTION };
    delete withoutDevLogin.AUTH_DEV_LOGIN;

    expect(loadConfig(withoutDevLogin).auth.devLoginEnabled).toBe(false);
  });
  it.each([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.5', ['10.0.0.5']],
    ['10.0.0.5, 10.0.1.0/24,::1,fd00::/8', ['10.0.0.5', '10.0.1.0/24', '::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as %j', (value, trustProxy) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(
      trustProxy,
    );
  });

  it('refuses TRUST_PROXY=true, saying what to set instead', () => {
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: .*number of proxies.*addresses/),
    ]);
  });

  it.each(['yes', '11', '10.0.0.300', '10.0.0.0/33', 'proxy.local', '10.0.0.1/8/1'])(
    'refuses TRUST_PROXY=%s',
    (value) => {
      expect(problemsOf({ TRUST_PROXY: value })).toEqual([expect.stringMatching(/^TRUST_PROXY: /)]);
    },
  );

  it('limits logins, reports, uploads and tracking per address and per account', () => {
    expect(loadConfig({}).rateLimits).toEqual({
      login: { perAddress: 60, perAccount: 10 },
      reports: { perAddress: 30, perAccount: 10 },
      uploads: { perAddress: 120, perAccount: 40 },
      track: { perAddress: 30, perAccount: null },
    });
    const config = loadConfig({
      LOGIN_RATE_LIMIT_PER_MINUTE: '1',
      LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE: '2',
      REPORT_RATE_LIMIT_PER_MINUTE: '3',
      REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE: '4',
      UPLOAD_RATE_LIMIT_PER_MINUTE: '5',
      UPLOAD_ACCOUNT_RATE_LIMIT_PER_MINUTE: '6',
      TRACK_RATE_LIMIT_PER_MINUTE: '7',
    });
    expect(config.rateLimits).toEqual({
      login: { perAddress: 1, perAccount: 2 },
      reports: { perAddress: 3, perAccount: 4 },
      uploads: { perAddress: 5, perAccount: 6 },
      track: { perAddress: 7, perAccount: null },
    });
  });

  it.each(['0', '-1', '1.5', 'many', '100001'])('refuses a rate limit of %s', (value) => {
    expect(problemsOf({ REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE: value })).toEqual([
      expect.stringMatching(/^REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE: /),
    ]);
  });

  it('serves the API docs except in production, unless API_DOCS says otherwise', () => {
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig(PRODUCTION).apiDocs).toBe(false);
    expect(loadConfig({ ...PRODUCTION, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
  });
});
