import { Module, type DynamicModule } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DevAuthController } from './dev-auth.controller';
import { WechatClient } from './wechat.client';

@Module({})
export class AuthModule {
  static forRoot(options: { devLoginEnabled: boolean }): DynamicModule {
    return {
      module: AuthModule,
      imports: [UsersModule],
      controllers: options.devLoginEnabled ? [AuthController, DevAuthController] : [AuthController],
      providers: [AuthService, WechatClient],
      exports: [AuthService],
    };
  }
}
