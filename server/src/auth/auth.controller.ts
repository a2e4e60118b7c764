import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import type { AuthResponse, AuthUser } from '@shouhu/shared';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { AuthService } from './auth.service';
import { WechatLoginDto } from './dto/wechat-login.dto';

@Controller('auth')
export class AuthController {
  constructor(private readonly service: AuthService) {}

  @Post('wechat')
  @Access('public')
  @RateLimited('login')
  @HttpCode(HttpStatus.OK)
  wechatLogin(@Body() dto: WechatLoginDto): Promise<AuthResponse> {
    return this.service.wechatLogin(dto.code);
  }

  @Get('me')
  @Access('authenticated')
  me(@CurrentActor() actor: Actor): Promise<AuthUser> {
    return this.service.me(actor);
  }
}
