import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { InboxBadge, InboxMessage, InboxPage } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { EmptyBodyPipe } from '../common/validation.pipe';
import { InboxQueryDto } from './dto/inbox-query.dto';
import { InboxService, inboxMessageNotFound } from './inbox.service';

const messageId = new ParseUUIDPipe({ exceptionFactory: inboxMessageNotFound });

/**
 * The in-app inbox (站内消息), beside the subscribe-message routes under `/notifications`: every
 * logged-in person reads and marks their own messages.
 */
@Controller('notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: '站内消息' })
  @Access('authenticated')
  @Answers('InboxPage')
  list(@CurrentActor() actor: Actor, @Query() query: InboxQueryDto): Promise<InboxPage> {
    return this.inbox.page(actor, query);
  }

  @Post('read')
  @ApiOperation({ summary: '全部标为已读' })
  @Access('authenticated')
  @HttpCode(HttpStatus.OK)
  @Answers('InboxBadge')
  readAll(
    @CurrentActor() actor: Actor,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<InboxBadge> {
    return this.inbox.readAll(actor);
  }

  @Post(':id/read')
  @ApiOperation({ summary: '标为已读' })
  @Access('authenticated')
  @HttpCode(HttpStatus.OK)
  @Answers('InboxMessage')
  read(
    @CurrentActor() actor: Actor,
    @Param('id', messageId) id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<InboxMessage> {
    return this.inbox.read(actor, id);
  }
}
