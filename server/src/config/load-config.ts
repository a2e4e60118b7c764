import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  REPO_ROOT,
  type AppConfig,
  type DatabaseConfig,
  type TencentSmsConfig,
} from './app-config';
import { EnvDto } from './env.dto';
import { parseTrustProxy } from './trust-proxy';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** With demo data and no ADMIN_OPENIDS, the demo administrator logs in with this openid. */
export const DEMO_ADMIN_OPENID = 'demo-admin';

/**
 * The largest valid body must fit in any encoding, also ASCII-escaped JSON (Python's json.dumps),
 * where a 4-byte character is 12 bytes (`\ud840\udc00`). The largest is a calendar year (366 days,
 * each named with up to 50 characters: about 240 KB, 281 KB as the walk bounds it); a report with
 * every text at its maximum is about 67 KB. `server/test/input/input-walk.int-spec.ts` checks every route's largest body fits.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 320 * 1024;

/** Three years after closing (README, Retention, says why). */
export const DEFAULT_RETENTION_DAYS = 1095;

/** Intakes at work at once unless INTAKE_MAX_AT_WORK says otherwise: AT_WORK_PER_CORE per core. */
export function defaultIntakeAtWork(): number {
  return AT_WORK_PER_CORE * availableParallelism();
}
const AT_WORK_PER_CORE = 2;

/** Only meant for development: production refuses to start without real secrets. */
const DEVELOPMENT_TOKEN_SECRET = 'shouhu-development-token-secret-not-for-production';
const DEVELOPMENT_DATA_KEY = createHash('sha256').update('shouhu-development-data-key').digest();

function describe(errors: ValidationError[]): string[] {
  return errors.map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'is invalid'}`,
  );
}

function fromRepoRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

/**
 * Reads and validates the environment once. Every problem is reported together, each naming its
 * variable, so a misconfigured deployment is fixed in one go.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const dto = plainToInstance(EnvDto, present);
  const problems = describe(validateSync(dto));
  if (problems.length > 0) throw new ConfigError(problems);

  const environment = dto.NODE_ENV ?? 'development';
  const production = environment === 'production';
  const devLoginEnabled = dto.AUTH_DEV_LOGIN ?? !production;
  const dataKey = dto.DATA_ENCRYPTION_KEY ? Buffer.from(dto.DATA_ENCRYPTION_KEY, 'base64') : null;

  if (production) {
    if (devLoginEnabled) problems.push('AUTH_DEV_LOGIN: must not be true in production');
    if (!dto.AUTH_TOKEN_SECRET) problems.push('AUTH_TOKEN_SECRET: is required in production');
    if (!dataKey) problems.push('DATA_ENCRYPTION_KEY: is required in production');
    if (!dto.DATABASE_URL) problems.push('DATABASE_URL: is required in production');
    if (dto.DEMO_DATA) problems.push('DEMO_DATA: must not be true in production');
    if (!dto.WECHAT_APPID) problems.push('WECHAT_APPID: is required in production');
    if (!dto.WECHAT_SECRET) problems.push('WECHAT_SECRET: is required in production');
    if (dto.SIMULATED_CLOCK) problems.push('SIMULATED_CLOCK: must not be true in production');
  } else if (Boolean(dto.WECHAT_APPID) !== Boolean(dto.WECHAT_SECRET)) {
    problems.push('WECHAT_APPID, WECHAT_SECRET: set both or neither');
  }
  const sms = dto.SMS_PROVIDER === 'tencent' ? tencentSms(dto, problems) : null;
  const trustProxy = parseTrustProxy(dto.TRUST_PROXY, problems);
  if (dataKey && dataKey.length !== 32) {
    problems.push(`DATA_ENCRYPTION_KEY: must decode to 32 bytes, got ${dataKey.length}`);
  }
  const previousKeys = previousDataKeys(dto, dataKey ?? DEVELOPMENT_DATA_KEY, problems);
  const blindIndexKey = dto.BLIND_INDEX_KEY ? Buffer.from(dto.BLIND_INDEX_KEY, 'base64') : null;
  if (blindIndexKey && blindIndexKey.length !== 32) {
    problems.push(`BLIND_INDEX_KEY: must decode to 32 bytes, got ${blindIndexKey.length}`);
  }
  if (previousKeys.length > 0 && !blindIndexKey) {
    // Without it the index would follow the new data key and no earlier child would be recognised.
    problems.push(
      'BLIND_INDEX_KEY: is required while DATA_ENCRYPTION_PREVIOUS_KEYS is set; set it to the DATA_ENCRYPTION_KEY used before the first rotation',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const database: DatabaseConfig = dto.DATABASE_URL
    ? {
        driver: 'mysql',
        url: dto.DATABASE_URL,
        poolSize: dto.DB_POOL_SIZE ?? 10,
        // A request waits for a connection about queue ÷ throughput: at 200 that was 10–19 s under
        // twice the sustainable load (test/faults/overload.fault-spec.ts); 30 keeps it to seconds.
        queueLimit: dto.DB_QUEUE_LIMIT ?? 30,
      }
    : {
        driver: 'better-sqlite3',
        path:
          dto.SQLITE_PATH === ':memory:'
            ? ':memory:'
            : fromRepoRoot(dto.SQLITE_PATH ?? 'data/shouhu.sqlite'),
      };

  const h5Directory = fromRepoRoot(dto.H5_DIR ?? 'miniprogram/dist/h5');
  const demoData = dto.DEMO_DATA ?? database.driver === 'better-sqlite3';
  if (demoData && sms) {
    // The demo units' duty phones are made up and may belong to strangers.
    throw new ConfigError(['SMS_PROVIDER: must not be tencent with demo data (DEMO_DATA)']);
  }

  return {
    environment,
    host: dto.HOST ?? '0.0.0.0',
    port: dto.PORT ?? 3000,
    logLevel: dto.LOG_LEVEL ?? 'info',
    database,
    auth: {
      tokenSecret: dto.AUTH_TOKEN_SECRET ?? DEVELOPMENT_TOKEN_SECRET,
      tokenTtlSeconds: (dto.AUTH_TOKEN_TTL_HOURS ?? 24) * 3600,
      devLoginEnabled,
      adminOpenids: new Set(
        dto.ADMIN_OPENIDS ? dto.ADMIN_OPENIDS.split(',') : demoData ? [DEMO_ADMIN_OPENID] : [],
      ),
      inviteTtlSeconds: (dto.INVITE_TTL_HOURS ?? 72) * 3600,
    },
    wechat: {
      apiBase: (dto.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      app:
        dto.WECHAT_APPID && dto.WECHAT_SECRET
          ? { appId: dto.WECHAT_APPID, secret: dto.WECHAT_SECRET }
          : null,
    },
    notifications: {
      templates: {
        accepted: dto.WECHAT_TEMPLATE_ACCEPTED ?? null,
        progress: dto.WECHAT_TEMPLATE_PROGRESS ?? null,
        closed: dto.WECHAT_TEMPLATE_CLOSED ?? null,
      },
      newOrderTemplate: dto.WECHAT_TEMPLATE_NEW_ORDER ?? null,
      intervalSeconds: dto.NOTIFY_INTERVAL_SECONDS ?? 10,
    },
    sms,
    dataEncryptionKey: dataKey ?? DEVELOPMENT_DATA_KEY,
    previousDataEncryptionKeys: previousKeys,
    blindIndexKey: blindIndexKey ?? dataKey ?? DEVELOPMENT_DATA_KEY,
    retentionDays: dto.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS,
    demoData,
    h5Directory: existsSync(h5Directory) ? h5Directory : null,
    bodyLimitBytes: dto.BODY_LIMIT_BYTES ?? DEFAULT_BODY_LIMIT_BYTES,
    bodyTimeoutSeconds: dto.BODY_TIMEOUT_SECONDS ?? 60,
    intakeMaxAtWork: dto.INTAKE_MAX_AT_WORK ?? defaultIntakeAtWork(),
    trustProxy,
    apiDocs: dto.API_DOCS ?? !production,
    divisionScope: !dto.DIVISIONS || dto.DIVISIONS === 'all' ? 'all' : dto.DIVISIONS.split(','),
    simulatedClock: dto.SIMULATED_CLOCK ?? false,
    slaSweepIntervalSeconds: dto.SLA_SWEEP_INTERVAL_SECONDS ?? 60,
    rateLimits: {
      login: {
        perAddress: dto.LOGIN_RATE_LIMIT_PER_MINUTE ?? 60,
        perAccount: dto.LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE ?? 10,
      },
      reports: {
        perAddress: dto.REPORT_RATE_LIMIT_PER_MINUTE ?? 30,
        perAccount: dto.REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE ?? 10,
      },
      uploads: {
        perAddress: dto.UPLOAD_RATE_LIMIT_PER_MINUTE ?? 120,
        perAccount: dto.UPLOAD_ACCOUNT_RATE_LIMIT_PER_MINUTE ?? 40,
      },
      track: { perAddress: dto.TRACK_RATE_LIMIT_PER_MINUTE ?? 30, perAccount: null },
    },
    uploads: {
      directory: fromRepoRoot(dto.UPLOAD_DIR ?? 'data/uploads'),
      maxBytes: dto.UPLOAD_MAX_BYTES ?? 30 * 1024 * 1024,
      idleTimeoutSeconds: dto.UPLOAD_IDLE_TIMEOUT_SECONDS ?? 30,
      rateWindowSeconds: dto.UPLOAD_RATE_WINDOW_SECONDS ?? 60,
      minBytesPerSecond: dto.UPLOAD_MIN_BYTES_PER_SECOND ?? 4096,
      pending: {
        files: dto.UPLOAD_PENDING_MAX_FILES ?? 20,
        bytes: dto.UPLOAD_PENDING_MAX_BYTES ?? 200 * 1024 * 1024,
      },
      daily: {
        files: dto.UPLOAD_DAILY_MAX_FILES ?? 60,
        bytes: dto.UPLOAD_DAILY_MAX_BYTES ?? 600 * 1024 * 1024,
      },
      unattachedTtlSeconds: (dto.UPLOAD_UNATTACHED_TTL_HOURS ?? 24) * 3600,
      sweepIntervalSeconds: dto.UPLOAD_SWEEP_INTERVAL_SECONDS ?? 600,
    },
  };
}

/** The keys of earlier rotations, each 32 bytes, none repeated and none the current key. */
function previousDataKeys(dto: EnvDto, current: Buffer, problems: string[]): Buffer[] {
  if (!dto.DATA_ENCRYPTION_PREVIOUS_KEYS) return [];
  const keys = dto.DATA_ENCRYPTION_PREVIOUS_KEYS.split(',').map((key) =>
    Buffer.from(key, 'base64'),
  );
  const name = 'DATA_ENCRYPTION_PREVIOUS_KEYS';
  keys.forEach((key, i) => {
    if (key.length !== 32) {
      problems.push(`${name}: key ${i + 1} must decode to 32 bytes, got ${key.length}`);
    } else if (key.equals(current)) {
      problems.push(`${name}: key ${i + 1} is DATA_ENCRYPTION_KEY itself`);
    } else if (keys.slice(0, i).some((earlier) => earlier.equals(key))) {
      problems.push(`${name}: key ${i + 1} is listed twice`);
    }
  });
  return keys;
}

/** Every setting the provider needs, each missing one named in `problems`. */
function tencentSms(dto: EnvDto, problems: string[]): TencentSmsConfig | null {
  const required = {
    TENCENT_SMS_SECRET_ID: dto.TENCENT_SMS_SECRET_ID,
    TENCENT_SMS_SECRET_KEY: dto.TENCENT_SMS_SECRET_KEY,
    TENCENT_SMS_SDK_APP_ID: dto.TENCENT_SMS_SDK_APP_ID,
    TENCENT_SMS_SIGN_NAME: dto.TENCENT_SMS_SIGN_NAME,
    TENCENT_SMS_TEMPLATE_DUTY_ORDER: dto.TENCENT_SMS_TEMPLATE_DUTY_ORDER,
    TENCENT_SMS_TEMPLATE_DUTY_ESCALATION: dto.TENCENT_SMS_TEMPLATE_DUTY_ESCALATION,
    TENCENT_SMS_TEMPLATE_CALLER_ACCEPTED: dto.TENCENT_SMS_TEMPLATE_CALLER_ACCEPTED,
    TENCENT_SMS_TEMPLATE_CALLER_CLOSED: dto.TENCENT_SMS_TEMPLATE_CALLER_CLOSED,
  };
  const missing = Object.entries(required).filter(([, value]) => !value);
  for (const [name] of missing) problems.push(`${name}: is required with SMS_PROVIDER=tencent`);
  if (missing.length > 0) return null;
  return {
    provider: 'tencent',
    apiBase: (dto.TENCENT_SMS_API_BASE ?? 'https://sms.tencentcloudapi.com').replace(/\/+$/, ''),
    secretId: required.TENCENT_SMS_SECRET_ID as string,
    secretKey: required.TENCENT_SMS_SECRET_KEY as string,
    sdkAppId: required.TENCENT_SMS_SDK_APP_ID as string,
    signName: required.TENCENT_SMS_SIGN_NAME as string,
    region: dto.TENCENT_SMS_REGION ?? 'ap-guangzhou',
    templates: {
      duty_order: required.TENCENT_SMS_TEMPLATE_DUTY_ORDER as string,
      duty_escalation: required.TENCENT_SMS_TEMPLATE_DUTY_ESCALATION as string,
      caller_accepted: required.TENCENT_SMS_TEMPLATE_CALLER_ACCEPTED as string,
      caller_closed: required.TENCENT_SMS_TEMPLATE_CALLER_CLOSED as string,
    },
  };
}
