import { Inject, Injectable } from '@nestjs/common';
import type { AuthResponse, AuthUser } from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { SessionService } from '../access/session.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { UsersRepository } from '../users/users.repository';
import { WechatClient } from './wechat.client';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly wechat: WechatClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async wechatLogin(code: string): Promise<AuthResponse> {
    const { openid, unionid } = await this.wechat.code2Session(code);
    return this.login(openid, unionid);
  }

  devLogin(openid: string): Promise<AuthResponse> {
    return this.login(openid, null);
  }

  me(actor: Actor): Promise<AuthUser> {
    return this.sessions.describe(actor.user, actor.unit);
  }

  private async login(openid: string, unionid: string | null): Promise<AuthResponse> {
    const user = await this.users.findOrCreate(openid, unionid, this.clock.now());
    if (user.disabled) throw ApiException.accountDisabled();
    return this.sessions.start(user);
  }
}
