import { Controller, Get } from '@nestjs/common';
import type { SubscribeTemplates } from '@shouhu/shared';
import { Access } from '../access/access.decorator';
import { SubscriptionsService } from './subscriptions.service';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly service: SubscriptionsService) {}

  @Get('templates')
  @Access('authenticated')
  templates(): SubscribeTemplates {
    return this.service.templates();
  }
}
