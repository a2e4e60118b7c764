import { Body, Controller, HttpCode, HttpStatus, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AuthResponse } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { AuthService } from './auth.service';
import { LoggedInUserInterceptor } from './logged-in-user.interceptor';
import { DevLoginDto } from './dto/dev-login.dto';

/** Registered only when AUTH_DEV_LOGIN=true, which production refuses at boot. */
@Controller('auth')
export class DevAuthController {
  constructor(private readonly service: AuthService) {}

  @Post('dev')
  @ApiOperation({ summary: '开发环境登录（openid）' })
  @UseInterceptors(LoggedInUserInterceptor)
  @Access('public')
  @RateLimited('login')
  @HttpCode(HttpStatus.OK)
  @Answers('AuthResponse')
  login(@Body() dto: DevLoginDto): Promise<AuthResponse> {
    return this.service.devLogin(dto.openid);
  }
}
