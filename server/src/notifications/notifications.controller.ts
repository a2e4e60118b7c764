import { Body, Controller, Get, Post } from '@nestjs/common';
import type { NewOrderSubscriptionState, NotificationTemplates } from '@shouhu/shared';
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
  templates(): NotificationTemplates {
    return this.subscriptions.templates();
  }

  /** A handler accepted the new-order message once: one more new order of their unit is sent. */
  @Post('new-orders/subscriptions')
  @Access('handler')
  subscribeToNewOrders(
    @CurrentActor() actor: Actor,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<NewOrderSubscriptionState> {
    return this.newOrders.subscribe(actor);
  }
}
