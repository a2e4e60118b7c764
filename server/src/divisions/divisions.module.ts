import { Module } from '@nestjs/common';
import { DivisionSeeder } from './division-seeder';
import { DivisionsController } from './divisions.controller';
import { DivisionsRepository } from './divisions.repository';
import { DivisionsService } from './divisions.service';

@Module({
  controllers: [DivisionsController],
  providers: [DivisionsRepository, DivisionsService, DivisionSeeder],
  exports: [DivisionsService, DivisionSeeder],
})
export class DivisionsModule {}
