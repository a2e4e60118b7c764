import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { InvitesController } from './invites.controller';
import { InvitesRepository } from './invites.repository';
import { InvitesService } from './invites.service';

@Module({
  imports: [AuditModule, UnitsModule, UsersModule],
  controllers: [InvitesController],
  providers: [InvitesRepository, InvitesService],
  exports: [InvitesService],
})
export class InvitesModule {}
