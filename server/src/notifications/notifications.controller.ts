import { Body, Controller, Get, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { NewOrderSubscriptionState, NotificationTemplates } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
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
  @ApiOperation({ summary: '订阅消息模板' })
  @Access('authenticated')
  @Answers('NotificationTemplates')
  templates(): NotificationTemplates {
    return this.subscriptions.templates();
  }

  /** A handler accepted the new-order message once: one more new order of their unit is sent. */
  @Post('new-orders/subscriptions')
  @ApiOperation({ summary: '订阅新工单通知' })
  @Access('handler')
  @Answers('NewOrderSubscriptionState')
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    [
      '`newOrder`：服务器没有配置新工单通知的模板（GET /notifications/templates 的 newOrder 为 null）',
    ],
  )
  subscribeToNewOrders(
    @CurrentActor() actor: Actor,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<NewOrderSubscriptionState> {
    return this.newOrders.subscribe(actor);
  }
}
