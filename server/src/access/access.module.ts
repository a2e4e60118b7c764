import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [UsersModule, UnitsModule],
  providers: [TokenService, SessionService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokenService, SessionService],
})
export class AccessModule {}
