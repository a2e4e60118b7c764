import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { NewOrderOutbox } from './new-order-outbox';
import { NewOrderSubscriptionsRepository } from './new-order-subscriptions.repository';
import { NotificationOutbox } from './notification-outbox';
import { NotificationsRepository } from './notifications.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

/** What the order flow needs to queue messages; sending and the routes are NotificationsModule. */
@Module({
  imports: [ReportsModule],
  providers: [
    NotificationOutbox,
    NewOrderOutbox,
    NotificationsRepository,
    SubscriptionsRepository,
    NewOrderSubscriptionsRepository,
  ],
  exports: [
    NotificationOutbox,
    NewOrderOutbox,
    NotificationsRepository,
    SubscriptionsRepository,
    NewOrderSubscriptionsRepository,
  ],
})
export class NotificationOutboxModule {}
