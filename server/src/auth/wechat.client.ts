import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiException } from '../common/api-exception';
import { LOGGER, type Logger } from '../logging/logger';

export interface WechatSession {
  openid: string;
  unionid: string | null;
}

interface Code2SessionResponse {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

const TIMEOUT_MS = 5000;

/** The WeChat server API, as documented for `code2Session` (auth.code2Session). */
@Injectable()
export class WechatClient {
  private readonly logger: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'wechat-login' });
  }

  async code2Session(code: string): Promise<WechatSession> {
    const app = this.config.wechat.app;
    if (!app) throw this.unavailable('服务器未配置微信小程序，暂时无法用微信登录');
    const url = new URL(`${this.config.wechat.apiBase}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: app.appId,
      secret: app.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();

    let body: Code2SessionResponse;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      body = (await response.json()) as Code2SessionResponse;
    } catch (error) {
      this.logger.warn({ err: error }, 'code2Session unreachable');
      throw this.unavailable('暂时连不上微信服务器，请稍后再试');
    }

    if (!body.errcode && body.openid) {
      return { openid: body.openid, unionid: body.unionid ?? null };
    }
    throw this.failure(body.errcode ?? -1, body.errmsg ?? 'no openid');
  }

  private failure(errcode: number, errmsg: string): ApiException {
    switch (errcode) {
      case 40029:
      case 40163:
        return new ApiException(
          HttpStatus.BAD_REQUEST,
          'WECHAT_CODE_INVALID',
          '登录凭证无效或已使用，请重新打开小程序',
        );
      case 45011:
        return new ApiException(
          HttpStatus.TOO_MANY_REQUESTS,
          'RATE_LIMITED',
          '登录太频繁，请一分钟后再试',
        );
      case 40226:
        return new ApiException(
          HttpStatus.FORBIDDEN,
          'WECHAT_RISKY_USER',
          '微信判定当前账号存在风险，暂时无法登录；如情况紧急请直接拨打110',
        );
      default:
        this.logger.warn({ errcode, errmsg }, 'code2Session failed');
        return this.unavailable('微信登录暂时不可用，请稍后再试');
    }
  }

  private unavailable(message: string): ApiException {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', message);
  }
}
