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
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  REFUSAL_CODES,
  type OrderDetail,
  type OrderSummary,
  type Page,
  type UnitChoice,
} from '@shouhu/shared';
import { Answers, AnswersMedia } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { EmptyBodyPipe } from '../common/validation.pipe';
import {
  ContactDto,
  ExtensionDecisionDto,
  ExtensionDto,
  MoveDto,
  NoteDto,
  OrderListQueryDto,
  PriorityDto,
  ReasonDto,
  ResolveDto,
} from './dto/order-actions.dto';
import { OrderActionsService } from './order-actions.service';
import { orderNotFound } from './order-not-found';
import { OrderQueriesService } from './order-queries.service';

const orderId = new ParseUUIDPipe({ exceptionFactory: orderNotFound });

/** Handlers work their unit's orders; coordinators their county's; admins the unassigned ones. */
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly queries: OrderQueriesService,
    private readonly actions: OrderActionsService,
  ) {}

  @Get()
  @Access('handler', 'coordinator', 'admin')
  @Answers('OrderPage')
  list(
    @CurrentActor() actor: Actor,
    @Query() query: OrderListQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.queries.list(actor, query);
  }

  @Get(':id')
  @Access('handler', 'coordinator', 'admin')
  @Answers('OrderDetail')
  detail(@CurrentActor() actor: Actor, @Param('id', orderId) id: string): Promise<OrderDetail> {
    return this.queries.detail(actor, id);
  }

  @Get(':id/units')
  @Access('handler', 'coordinator', 'admin')
  @Answers('UnitChoices')
  units(@CurrentActor() actor: Actor, @Param('id', orderId) id: string): Promise<UnitChoice[]> {
    return this.queries.movableUnits(actor, id);
  }

  /** Shown, never offered for download: no-store, inline. */
  @Get(':id/attachments/:uploadId')
  @Access('handler', 'coordinator')
  @AnswersMedia()
  async attachment(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Param('uploadId', orderId) uploadId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { mime, bytes } = await this.queries.attachment(actor, id, uploadId);
    await reply
      .header('content-type', mime)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'inline')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  }

  @Post(':id/sign')
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  sign(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<OrderSummary> {
    return this.actions.sign(actor, id);
  }

  @Post(':id/contact')
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  contact(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ContactDto,
  ): Promise<OrderSummary> {
    return this.actions.contact(actor, id, dto);
  }

  @Post(':id/notes')
  @Access('handler', 'coordinator')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  note(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: NoteDto,
  ): Promise<OrderSummary> {
    return this.actions.note(actor, id, dto);
  }

  @Post(':id/return')
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  return(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ReasonDto,
  ): Promise<OrderSummary> {
    return this.actions.return(actor, id, dto);
  }

  @Post(':id/transfer')
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  transfer(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: MoveDto,
  ): Promise<OrderSummary> {
    return this.actions.transfer(actor, id, dto);
  }

  @Post(':id/reassign')
  @Access('coordinator', 'admin')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  reassign(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: MoveDto,
  ): Promise<OrderSummary> {
    return this.actions.reassign(actor, id, dto);
  }

  @Post(':id/priority')
  @Access('handler', 'coordinator', 'admin')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  priority(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: PriorityDto,
  ): Promise<OrderSummary> {
    return this.actions.priority(actor, id, dto);
  }

  @Post(':id/extension')
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  extension(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ExtensionDto,
  ): Promise<OrderSummary> {
    return this.actions.extension(actor, id, dto);
  }

  @Post(':id/extension/decision')
  @Access('coordinator')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  decideExtension(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ExtensionDecisionDto,
  ): Promise<OrderSummary> {
    return this.actions.decideExtension(actor, id, dto);
  }

  @Post(':id/resolve')
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  resolve(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ResolveDto,
  ): Promise<OrderSummary> {
    return this.actions.resolve(actor, id, dto);
  }

  @Post(':id/reopen')
  @Access('coordinator')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, REFUSAL_CODES)
  reopen(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ReasonDto,
  ): Promise<OrderSummary> {
    return this.actions.reopen(actor, id, dto);
  }
}
