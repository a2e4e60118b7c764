import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ChildFilesModule } from '../child-files/child-files.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { IntakeModule } from '../intake/intake.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { DemoDataSeeder } from './demo-data.seeder';

@Module({
  imports: [
    CalendarModule,
    ChildFilesModule,
    DivisionsModule,
    InstitutionsModule,
    IntakeModule,
    UnitsModule,
    UsersModule,
  ],
  providers: [DemoDataSeeder],
})
export class DemoModule {}
