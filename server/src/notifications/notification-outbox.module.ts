import { Module } from '@nestjs/common';
import { ReportsRepository } from '../reports/reports.repository';
import { NotificationOutbox } from './notification-outbox';
import { NotificationsRepository } from './notifications.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

/** What the order flow needs to queue messages; sending and the routes are NotificationsModule. */
@Module({
  providers: [
    NotificationOutbox,
    NotificationsRepository,
    SubscriptionsRepository,
    ReportsRepository,
  ],
  exports: [NotificationOutbox, NotificationsRepository, SubscriptionsRepository],
})
export class NotificationOutboxModule {}
