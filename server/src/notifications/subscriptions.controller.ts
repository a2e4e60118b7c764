import { Body, Controller, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { SubscriptionState } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ApiException } from '../common/api-exception';
import { SubscribeDto } from './dto/subscribe.dto';
import { SubscriptionsService } from './subscriptions.service';

const notFound = (): ApiException => ApiException.notFound('没有找到这份报告');

/** After filing, the app reports which subscribe messages the reporter accepted. */
@Controller('reports')
export class SubscriptionsController {
  constructor(private readonly service: SubscriptionsService) {}

  @Post(':id/subscriptions')
  @ApiOperation({ summary: '订阅报告的进度通知' })
  @Access('authenticated')
  @Answers('SubscriptionState')
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    ['`kinds`：只能订阅服务器配置了模板的种类（GET /notifications/templates 列出）'],
  )
  subscribe(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
    @Body() dto: SubscribeDto,
  ): Promise<SubscriptionState> {
    return this.service.subscribe(actor, id, dto);
  }
}
