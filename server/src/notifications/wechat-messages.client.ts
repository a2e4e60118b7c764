import { Inject, Injectable } from '@nestjs/common';
import type { MessageData } from '@shouhu/shared';
import { SystemClock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page: string;
  data: MessageData;
}

/**
 * `refused`: the user gave no (or no more) permission, so trying again cannot help. `unknown`: the
 * request went out and its answer never came, so it may have been delivered; never resent.
 * `error`: it surely did not go out (or was answered with a failure), so it may be tried again.
 */
export type SendOutcome =
  | { result: 'sent' }
  | { result: 'refused'; error: string }
  | { result: 'unknown'; error: string }
  | { result: 'error'; error: string };

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
}

interface StableTokenAnswer extends WechatAnswer {
  access_token?: string;
  expires_in?: number;
}

const TIMEOUT_MS = 5000;
const SEND_PATH = '/cgi-bin/message/subscribe/send';
/** Failures while connecting: the request never left, so nothing was sent. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The request may have reached WeChat and no answer came (timed out, or cut after sending). */
class NoAnswer extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
/** Renew before WeChat would, so a token never expires between reading and using it. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const TOKEN_INVALID = new Set([40001, 42001]);
const USER_REFUSED = 43101;

/**
 * The WeChat server API for subscribe messages (subscribeMessage.send), with the access token from
 * getStableAccessToken kept in memory until shortly before it expires.
 */
@Injectable()
export class WechatMessagesClient {
  private token: { value: string; expiresAt: number } | null = null;
  /**
   * The token expires on WeChat's clock, not on the injected one: a drill that moves the simulated
   * clock a day ahead must not look like an expired token.
   */
  private readonly wallClock = new SystemClock();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    const body = { ...message, miniprogram_state: 'formal', lang: 'zh_CN' };
    try {
      let answer = await this.deliver(body);
      if (answer.errcode !== undefined && TOKEN_INVALID.has(answer.errcode)) {
        this.token = null;
        answer = await this.deliver(body);
      }
      if (!answer.errcode) return { result: 'sent' };
      const error = `subscribe/send: ${answer.errcode} ${answer.errmsg ?? ''}`.trim();
      return answer.errcode === USER_REFUSED
        ? { result: 'refused', error }
        : { result: 'error', error };
    } catch (error) {
      // A token fetch that got no answer sent no message; a send that got none may have.
      if (error instanceof NoAnswer && error.path === SEND_PATH) {
        return { result: 'unknown', error: error.message };
      }
      return { result: 'error', error: (error as Error).message };
    }
  }

  private async deliver(body: object): Promise<WechatAnswer> {
    const token = await this.accessToken();
    return this.post<WechatAnswer>(SEND_PATH, body, new URLSearchParams({ access_token: token }));
  }

  private async accessToken(): Promise<string> {
    const now = this.wallClock.now().getTime();
    if (this.token && now < this.token.expiresAt) return this.token.value;
    const app = this.config.wechat.app;
    if (!app) throw new Error('no mini-program configured (WECHAT_APPID, WECHAT_SECRET)');
    const answer = await this.post<StableTokenAnswer>('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: app.appId,
      secret: app.secret,
    });
    if (answer.errcode || !answer.access_token || !answer.expires_in) {
      throw new Error(
        `stable_token: ${answer.errcode ?? ''} ${answer.errmsg ?? 'no access_token'}`,
      );
    }
    this.token = {
      value: answer.access_token,
      expiresAt: now + answer.expires_in * 1000 - EXPIRY_MARGIN_MS,
    };
    return this.token.value;
  }

  /** Errors name the API, never the URL: it carries the access token. */
  private async post<T>(path: string, body: object, query?: URLSearchParams): Promise<T> {
    const url = `${this.config.wechat.apiBase}${path}${query ? `?${query.toString()}` : ''}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      if (cause && NOT_SENT.has(cause)) throw new Error(`${path}: unreachable (${cause})`);
      throw new NoAnswer(path, `${path}: no answer (${cause ?? (error as Error).name})`);
    }
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    try {
      return (await response.json()) as T;
    } catch {
      throw new Error(`${path}: the answer is not JSON`);
    }
  }
}
