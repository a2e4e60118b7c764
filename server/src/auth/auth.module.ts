import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DevAuthController } from './dev-auth.controller';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

@Global()
@Module({})
export class AuthModule {
  static forRoot(options: { devLoginEnabled: boolean }): DynamicModule {
    return {
      module: AuthModule,
      imports: [TypeOrmModule.forFeature([UserEntity])],
      controllers: options.devLoginEnabled ? [DevAuthController] : [],
      providers: [
        AuthService,
        TokenService,
        UsersRepository,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [UsersRepository, AuthService],
    };
  }
}
