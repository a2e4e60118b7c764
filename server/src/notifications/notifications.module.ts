import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { NewOrderSubscriptionsService } from './new-order-subscriptions.service';
import { NotificationOutboxModule } from './notification-outbox.module';
import { NotificationSender } from './notification-sender';
import { NotificationsController } from './notifications.controller';
import { SendDrillController } from './send-drill.controller';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';
import { WechatMessagesClient } from './wechat-messages.client';

/**
 * WeChat subscribe messages to reporters (their report's milestones) and to handlers (their
 * unit's new orders): what they accepted, and sending the outbox.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: { simulatedClock: boolean }): DynamicModule {
    const controllers = [NotificationsController, SubscriptionsController];
    return {
      module: NotificationsModule,
      imports: [AuditModule, NotificationOutboxModule, ReportsModule, UsersModule],
      controllers: options.simulatedClock ? [...controllers, SendDrillController] : controllers,
      providers: [
        SubscriptionsService,
        NewOrderSubscriptionsService,
        NotificationSender,
        WechatMessagesClient,
      ],
    };
  }
}
