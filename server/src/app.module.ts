import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessModule } from './access/access.module';
import { AlertsModule } from './alerts/alerts.module';
import { StatsModule } from './stats/stats.module';
import { LedgerModule } from './ledger/ledger.module';
import { CalendarModule } from './calendar/calendar.module';
import { ChildFilesModule } from './child-files/child-files.module';
import { DropoutsModule } from './dropouts/dropouts.module';
import { DivisionsModule } from './divisions/divisions.module';
import { OrdersModule } from './orders/orders.module';
import { SimulatedClock } from './sla/simulated-clock';
import { SlaModule } from './sla/sla.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { UnknownQueryInterceptor } from './common/unknown-query.interceptor';
import { CLOCK, SystemClock, type Clock } from './common/clock';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { InboxRoutesModule } from './inbox/inbox-routes.module';
import { IntakeModule } from './intake/intake.module';
import { InstitutionsModule } from './institutions/institutions.module';
import { InvitesModule } from './invites/invites.module';
import type { Logger } from './logging/logger';
import { LoggingModule } from './logging/logging.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SmsModule } from './sms/sms.module';
import { CallbacksModule } from './callbacks/callbacks.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';
import { VisitPlanModule } from './visit-plan/visit-plan.module';
import { VisitsModule } from './visits/visits.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger, clock?: Clock): DynamicModule {
    const clockProvider =
      clock ?? (config.simulatedClock ? new SimulatedClock() : new SystemClock());
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule.forRoot(config.database),
        CryptoModule,
        AccessModule,
        RateLimitsModule,
        AuditModule,
        AuthModule.forRoot({ devLoginEnabled: config.auth.devLoginEnabled }),
        UsersModule,
        UnitsModule,
        InvitesModule,
        InstitutionsModule,
        HealthModule,
        DivisionsModule,
        AlertsModule,
        CalendarModule,
        IntakeModule,
        OrdersModule,
        ChildFilesModule,
        VisitsModule,
        DropoutsModule,
        StatsModule,
        LedgerModule,
        SlaModule.forRoot({ simulatedClock: config.simulatedClock }),
        NotificationsModule.forRoot({ simulatedClock: config.simulatedClock }),
        InboxRoutesModule,
        SmsModule.forRoot({ simulatedClock: config.simulatedClock }),
        CallbacksModule,
        VisitPlanModule,
        ...(config.demoData ? [DemoModule] : []),
      ],
      providers: [
        { provide: CLOCK, useValue: clockProvider },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: UnknownQueryInterceptor },
      ],
      exports: [CLOCK],
    };
  }
}
