import { Transform } from 'class-transformer';
import {
  IsBase64,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { LOG_LEVELS, type Environment, type LogLevel } from './app-config';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/** A subscribe-message template ID as the mini-program console shows it (43 characters today). */
const TEMPLATE_ID = /^[A-Za-z0-9_-]{16,64}$/;
const TEMPLATE_ID_MESSAGE = 'must be a subscribe-message template ID from the mini-program console';

/** A Tencent Cloud SMS template ID (模板 ID): digits. */
const SMS_TEMPLATE_ID = /^\d{1,12}$/;
const SMS_TEMPLATE_ID_MESSAGE = 'must be an approved Tencent Cloud SMS template ID (digits)';

/** Tests and benchmarks set this to keep every limit out of their way. */
export const RATE_LIMIT_MAX = 100_000;

/** Every environment variable the server reads; README's configuration table mirrors this. */
export class EnvDto {
  @IsOptional()
  @IsIn(['development', 'production', 'test'], {
    message: 'must be development, production or test',
  })
  NODE_ENV?: Environment;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a port number' })
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^\s]+$/, {
    message: 'must be a mysql://user:password@host:port/database URL',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(500)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100000)
  DB_QUEUE_LIMIT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  SQLITE_PATH?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_TOKEN_SECRET?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1)
  @Max(24 * 90)
  AUTH_TOKEN_TTL_HOURS?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  AUTH_DEV_LOGIN?: boolean;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/, {
    message: 'must be openids separated by commas, without spaces',
  })
  ADMIN_OPENIDS?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1)
  @Max(24 * 30)
  INVITE_TTL_HOURS?: number;

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL such as https://api.weixin.qq.com' },
  )
  WECHAT_API_BASE?: string;

  @IsOptional()
  @Matches(/^wx[0-9a-f]{16}$/, { message: 'must be a mini-program AppID (wx + 16 hex digits)' })
  WECHAT_APPID?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be the mini-program AppSecret' })
  WECHAT_SECRET?: string;

  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_ACCEPTED?: string;

  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_PROGRESS?: string;

  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_CLOSED?: string;

  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_NEW_ORDER?: string;

  @IsOptional()
  @IsIn(['none', 'tencent'], { message: 'must be none or tencent' })
  SMS_PROVIDER?: 'none' | 'tencent';

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL such as https://sms.tencentcloudapi.com' },
  )
  TENCENT_SMS_API_BASE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9]{16,128}$/, { message: 'must be a Tencent Cloud SecretId' })
  TENCENT_SMS_SECRET_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be a Tencent Cloud SecretKey' })
  TENCENT_SMS_SECRET_KEY?: string;

  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'must be the SMS application SdkAppId (10 digits)' })
  TENCENT_SMS_SDK_APP_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(2, { message: 'must be the approved SMS signature (签名)' })
  TENCENT_SMS_SIGN_NAME?: string;

  @IsOptional()
  @Matches(/^[a-z]{2}-[a-z]+$/, { message: 'must be a Tencent Cloud region such as ap-guangzhou' })
  TENCENT_SMS_REGION?: string;

  @IsOptional()
  @Matches(SMS_TEMPLATE_ID, { message: SMS_TEMPLATE_ID_MESSAGE })
  TENCENT_SMS_TEMPLATE_DUTY_ORDER?: string;

  @IsOptional()
  @Matches(SMS_TEMPLATE_ID, { message: SMS_TEMPLATE_ID_MESSAGE })
  TENCENT_SMS_TEMPLATE_DUTY_ESCALATION?: string;

  @IsOptional()
  @Matches(SMS_TEMPLATE_ID, { message: SMS_TEMPLATE_ID_MESSAGE })
  TENCENT_SMS_TEMPLATE_CALLER_ACCEPTED?: string;

  @IsOptional()
  @Matches(SMS_TEMPLATE_ID, { message: SMS_TEMPLATE_ID_MESSAGE })
  TENCENT_SMS_TEMPLATE_CALLER_CLOSED?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of seconds (0 turns the sender off)' })
  @Min(0)
  @Max(3600)
  NOTIFY_INTERVAL_SECONDS?: number;

  @IsOptional()
  @IsBase64({}, { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' })
  DATA_ENCRYPTION_KEY?: string;

  /** Keys values may still be sealed with during a rotation: opened, never used to seal. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/=]+(,[A-Za-z0-9+/=]+)*$/, {
    message: 'must be comma-separated keys, each 32 random bytes in base64',
  })
  DATA_ENCRYPTION_PREVIOUS_KEYS?: string;

  @IsOptional()
  @IsBase64({}, { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' })
  BLIND_INDEX_KEY?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of days (0: keep for ever)' })
  @Min(0)
  @Max(36500)
  RETENTION_DAYS?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  DEMO_DATA?: boolean;

  @IsOptional()
  @IsString()
  H5_DIR?: string;

  /** Parsed and checked in load-config (`trust-proxy.ts`): false, hops, or addresses/CIDRs. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  API_DOCS?: boolean;

  @IsOptional()
  @Matches(/^(all|\d{2,9}(,\d{2,9})*)$/, {
    message: 'must be all, or division prefixes separated by commas (e.g. 3413)',
  })
  DIVISIONS?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  SIMULATED_CLOCK?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  UPLOAD_DIR?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024)
  @Max(500 * 1024 * 1024)
  UPLOAD_MAX_BYTES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(1)
  @Max(600)
  UPLOAD_IDLE_TIMEOUT_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(1)
  @Max(3600)
  UPLOAD_RATE_WINDOW_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes per second (0 checks no rate)' })
  @Min(0)
  @Max(10 * 1024 * 1024)
  UPLOAD_MIN_BYTES_PER_SECOND?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of files' })
  @Min(1)
  @Max(1000)
  UPLOAD_PENDING_MAX_FILES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024)
  @Max(100 * 1024 * 1024 * 1024)
  UPLOAD_PENDING_MAX_BYTES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of files' })
  @Min(1)
  @Max(10000)
  UPLOAD_DAILY_MAX_FILES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024)
  @Max(100 * 1024 * 1024 * 1024)
  UPLOAD_DAILY_MAX_BYTES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1)
  @Max(720)
  UPLOAD_UNATTACHED_TTL_HOURS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of seconds (0 turns the clean-up off)' })
  @Min(0)
  @Max(86400)
  UPLOAD_SWEEP_INTERVAL_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of lookups per minute' })
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  TRACK_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of logins per address and minute' })
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  LOGIN_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of logins per account and minute' })
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of reports per address and minute' })
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  REPORT_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of reports per account and minute' })
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of uploads per address and minute' })
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  UPLOAD_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of uploads per account and minute' })
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  UPLOAD_ACCOUNT_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of seconds (0 turns the sweep off)' })
  @Min(0)
  @Max(3600)
  SLA_SWEEP_INTERVAL_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(5)
  @Max(3600)
  BODY_TIMEOUT_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of reports' })
  @Min(1)
  @Max(1000)
  INTAKE_MAX_AT_WORK?: number;
}
