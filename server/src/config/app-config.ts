import { resolve } from 'node:path';
import type { SmsKind, SubscribeTemplates } from '@shouhu/shared';
import type { TrustProxy } from './trust-proxy';

export type Environment = 'development' | 'production' | 'test';

/** pino's levels, quietest last: a level logs itself and every level before it. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig =
  | { driver: 'mysql'; url: string; poolSize: number; queueLimit: number }
  | { driver: 'better-sqlite3'; path: string };

/** Everything the server reads from its environment, validated once at boot. */
export interface AppConfig {
  environment: Environment;
  host: string;
  port: number;
  /** The least severe log line written (README, Logs); `silent` writes none. */
  logLevel: LogLevel;
  database: DatabaseConfig;
  auth: {
    tokenSecret: string;
    tokenTtlSeconds: number;
    devLoginEnabled: boolean;
    /** WeChat users who are administrators. */
    adminOpenids: ReadonlySet<string>;
    inviteTtlSeconds: number;
  };
  wechat: {
    apiBase: string;
    /** null when no mini-program is configured: WeChat login then answers 503. */
    app: { appId: string; secret: string } | null;
  };
  notifications: {
    /** null for a kind the mini-program does not offer. */
    templates: SubscribeTemplates;
    /** The template handlers accept to be told of their unit's new orders; null: not offered. */
    newOrderTemplate: string | null;
    /** How often pending subscribe messages are sent; 0 turns the sender off. */
    intervalSeconds: number;
  };
  /** null (SMS_PROVIDER=none): text messages are queued and stay pending. */
  sms: TencentSmsConfig | null;
  /** 32-byte key that seals the fields domain.md requires encrypted at rest. */
  dataEncryptionKey: Buffer;
  /** Keys of earlier rotations: values sealed with them still open; nothing new is sealed with them. */
  previousDataEncryptionKeys: Buffer[];
  /**
   * The secret the blind index of child identities is derived from. It stays the same across
   * rotations of the data key, or repeat reports would stop being recognised (README, Keys).
   */
  blindIndexKey: Buffer;
  /** Days after closing before a report loses its personal details; 0 keeps them for ever. */
  retentionDays: number;
  demoData: boolean;
  /** Built H5 app to serve from `/`, or null to serve the API only. */
  h5Directory: string | null;
  bodyLimitBytes: number;
  /** How long a JSON body may take to arrive after its headers; uploads have their own pace. */
  bodyTimeoutSeconds: number;
  /**
   * Reports at work at once on MariaDB; the others admitted wait their turn in arrival order
   * (`intake-gate.ts`). Sized to the CPU: an intake is mostly the server's own work.
   */
  intakeMaxAtWork: number;
  /** Which proxies may name the client's address and scheme (`trust-proxy.ts`). */
  trustProxy: TrustProxy;
  /** Serve the OpenAPI page at /api/docs (off in production unless asked for). */
  apiDocs: boolean;
  /** Townships and villages to load: all, or those under these prefixes (tests, small pilots). */
  divisionScope: 'all' | string[];
  /** Lets an admin set the server's clock and run the sweep at once (tests and drills). */
  simulatedClock: boolean;
  /** How often the deadline sweep runs; 0 turns it off. */
  slaSweepIntervalSeconds: number;
  /** Requests allowed per minute, by kind; `perAccount` null where no account is known. */
  rateLimits: Record<RateLimitKind, RateLimit>;
  uploads: UploadsConfig;
}

/** The requests that are rate-limited (README, The edge of the server). */
export type RateLimitKind = 'login' | 'reports' | 'uploads' | 'track';

/** Requests per minute from one client address, and from one account. */
export interface RateLimit {
  perAddress: number;
  perAccount: number | null;
}

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Evidence files: where, how large, how fast, how many, and how long an unattached one stays. */
export interface UploadsConfig {
  directory: string;
  maxBytes: number;
  /** A body that sends nothing for this long is cut off (408). */
  idleTimeoutSeconds: number;
  /** A body that averages below `minBytesPerSecond` over any window this long is cut off (408). */
  rateWindowSeconds: number;
  /** 0: no rate is checked, only the idle timeout. */
  minBytesPerSecond: number;
  /** Unattached uploads one user may hold at once. */
  pending: { files: number; bytes: number };
  /** Uploads one user may send in any 24 hours, attached or not. */
  daily: { files: number; bytes: number };
  /** An upload no report cites after this long is deleted, row and files. */
  unattachedTtlSeconds: number;
  /** How often expired uploads and abandoned temporary files are deleted; 0 turns it off. */
  sweepIntervalSeconds: number;
}

/** Tencent Cloud SMS (API 3.0 SendSms); every field is required once the provider is chosen. */
export interface TencentSmsConfig {
  provider: 'tencent';
  /** `https://sms.tencentcloudapi.com`; tests point it at a local stand-in. */
  apiBase: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  /** The approved template of each kind of message (README, Text messages). */
  templates: Record<SmsKind, string>;
}
