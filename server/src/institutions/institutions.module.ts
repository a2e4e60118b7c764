import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { InvitesModule } from '../invites/invites.module';
import { InstitutionImportService } from './institution-import.service';
import { InstitutionsController } from './institutions.controller';
import { InstitutionsRepository } from './institutions.repository';
import { InstitutionsService } from './institutions.service';

@Module({
  imports: [AuditModule, DivisionsModule, InvitesModule],
  controllers: [InstitutionsController],
  providers: [InstitutionsRepository, InstitutionsService, InstitutionImportService],
  exports: [InstitutionsRepository],
})
export class InstitutionsModule {}
