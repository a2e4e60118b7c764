import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AuthResponse, AuthUser } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { AuthService } from './auth.service';
import { LoggedInUserInterceptor } from './logged-in-user.interceptor';
import { WechatLoginDto } from './dto/wechat-login.dto';

@Controller('auth')
export class AuthController {
  constructor(private readonly service: AuthService) {}

  @Post('wechat')
  @ApiOperation({ summary: '微信登录' })
  @UseInterceptors(LoggedInUserInterceptor)
  @Access('public')
  @RateLimited('login')
  @HttpCode(HttpStatus.OK)
  @Answers('AuthResponse')
  @Refuses(HttpStatus.BAD_REQUEST, ['WECHAT_CODE_INVALID'])
  @Refuses(HttpStatus.FORBIDDEN, ['WECHAT_RISKY_USER'])
  wechatLogin(@Body() dto: WechatLoginDto): Promise<AuthResponse> {
    return this.service.wechatLogin(dto.code);
  }

  @Get('me')
  @ApiOperation({ summary: '当前登录的用户' })
  @Access('authenticated')
  @Answers('AuthUser')
  me(@CurrentActor() actor: Actor): Promise<AuthUser> {
    return this.service.me(actor);
  }
}
