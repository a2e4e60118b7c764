import { Body, Controller, Get, Param, ParseUUIDPipe, Post, HttpStatus } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CALLBACK_REFUSAL_CODES, type HotlineCallback } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ApiException } from '../common/api-exception';
import { CallbacksService } from './callbacks.service';
import { CallbackDto } from './dto/callback.dto';

const reportId = new ParseUUIDPipe({
  exceptionFactory: () => ApiException.notFound('没有找到这份热线报告'),
});

/** The hotline desk's 回访 list and the record of each call. */
@Controller()
export class CallbacksController {
  constructor(private readonly service: CallbacksService) {}

  @Get('hotline/callbacks')
  @ApiOperation({ summary: '待回访的热线报告' })
  @Access('hotline_operator')
  @Answers('HotlineCallbacks')
  due(@CurrentActor() actor: Actor): Promise<HotlineCallback[]> {
    return this.service.due(actor);
  }

  /** Answers the list as it is after the call, so the page needs no second request. */
  @Post('reports/:id/callback')
  @ApiOperation({ summary: '记录一次热线回访' })
  @Access('hotline_operator')
  @Answers('HotlineCallbacks')
  @Refuses(HttpStatus.CONFLICT, CALLBACK_REFUSAL_CODES)
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    ['`score`：接通（reached 为 true）时必须填写，未接通时不能填写'],
  )
  record(
    @CurrentActor() actor: Actor,
    @Param('id', reportId) id: string,
    @Body() dto: CallbackDto,
  ): Promise<HotlineCallback[]> {
    return this.service.record(actor, id, dto);
  }
}
