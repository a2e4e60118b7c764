import { Body, Controller, Get, Post } from '@nestjs/common';
import type { NewOrderSubscriptionState, NotificationTemplates } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { EmptyBodyPipe } from '../common/validation.pipe';
import { NewOrderSubscriptionsService } from './new-order-subscriptions.service';
import { SubscriptionsService } from './subscriptions.service';

@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly newOrders: NewOrderSubscriptionsService,
  ) {}

  @Get('templates')
  @Access('authenticated')
  @Answers('NotificationTemplates')
  templates(): NotificationTemplates {
    return this.subscriptions.templates();
  }

  /** A handler accepted the new-order message once: one more new order of their unit is sent. */
  @Post('new-orders/subscriptions')
  @Access('handler')
  @Answers('NewOrderSubscriptionState')
  subscribeToNewOrders(
    @CurrentActor() actor: Actor,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<NewOrderSubscriptionState> {
    return this.newOrders.subscribe(actor);
  }
}
