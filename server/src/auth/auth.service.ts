import { Inject, Injectable } from '@nestjs/common';
import type { AuthResponse } from '@shouhu/shared';
import { CLOCK, type Clock } from '../common/clock';
import { TokenService } from './token.service';
import type { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async devLogin(openid: string): Promise<AuthResponse> {
    const user = await this.users.findOrCreate(openid, ['reporter'], this.clock.now());
    return this.session(user);
  }

  private session(user: UserEntity): AuthResponse {
    return { token: this.tokens.issue(user.id), user: { id: user.id, roles: user.roles } };
  }
}
