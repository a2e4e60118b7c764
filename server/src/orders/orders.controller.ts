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
import { ApiOperation } from '@nestjs/swagger';
import {
  ACTION_REFUSAL_CODES,
  HANDOFF_ROUTE_REFUSALS,
  HANDOVER_ROUTE_REFUSALS,
  REFUSALS,
  type GuardianshipHandover,
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
import { OptionalIdempotencyKey, replayedOrNot } from '../idempotency/optional-idempotency-key';
import {
  EXTENSION_DAYS_RULE,
  OUTCOME_RULE,
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
import { HandoffDto, HandoverDto } from './dto/handoff.dto';
import { ADMIN_HANDOFF_REFUSAL, HANDOVER_HANDLER_ONLY, HandoffsService } from './handoffs.service';
import { OrderActionsService } from './order-actions.service';
import { HANDED_OFF_NOTE_RULE } from './order-access';
import { orderNotFound } from './order-not-found';
import { OrderQueriesService } from './order-queries.service';

const orderId = new ParseUUIDPipe({ exceptionFactory: orderNotFound });

/** `mayMoveTo`: where 转办 and 改派 may send an order (400 otherwise). */
const MOVE_RULE =
  '`unitId`：须是本县、与工单同一部门的另一个单位（可选的单位见 GET /orders/{id}/units）';

/** Handlers work their unit's orders; coordinators their county's; admins the unassigned ones. */
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly queries: OrderQueriesService,
    private readonly actions: OrderActionsService,
    private readonly handoffs: HandoffsService,
  ) {}

  @Get()
  @ApiOperation({ summary: '工单列表' })
  @Access('handler', 'coordinator', 'admin')
  @Answers('OrderPage')
  list(
    @CurrentActor() actor: Actor,
    @Query() query: OrderListQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.queries.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '工单详情' })
  @Access('handler', 'coordinator', 'admin')
  @Answers('OrderDetail')
  detail(@CurrentActor() actor: Actor, @Param('id', orderId) id: string): Promise<OrderDetail> {
    return this.queries.detail(actor, id);
  }

  @Get(':id/units')
  @ApiOperation({ summary: '可转办、改派到的单位' })
  @Access('handler', 'coordinator', 'admin')
  @Answers('UnitChoices')
  units(@CurrentActor() actor: Actor, @Param('id', orderId) id: string): Promise<UnitChoice[]> {
    return this.queries.movableUnits(actor, id);
  }

  /** Shown, never offered for download: no-store, inline. */
  @Get(':id/attachments/:uploadId')
  @ApiOperation({ summary: '查看报告的附件' })
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
  @ApiOperation({ summary: '签收' })
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.sign)
  async sign(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.sign(actor, id, key));
  }

  @Post(':id/contact')
  @ApiOperation({ summary: '记录首次接触儿童' })
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.contact)
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    ['`at`：接触时间须在派单之后、服务器的当前时间之前'],
  )
  async contact(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ContactDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.contact(actor, id, dto, key));
  }

  @Post(':id/notes')
  @ApiOperation({ summary: '添加处理记录' })
  @Access('handler', 'coordinator')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.note)
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    [
      `\`reporterVisible\`：转接（handedOffFrom 不为空）的工单上只能为 false，${HANDED_OFF_NOTE_RULE}`,
    ],
  )
  async note(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: NoteDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.note(actor, id, dto, key));
  }

  @Post(':id/return')
  @ApiOperation({ summary: '退单' })
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.return)
  async return(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ReasonDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.return(actor, id, dto, key));
  }

  @Post(':id/transfer')
  @ApiOperation({ summary: '转办' })
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.transfer)
  @Refuses(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], [MOVE_RULE])
  async transfer(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: MoveDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.transfer(actor, id, dto, key));
  }

  @Post(':id/reassign')
  @ApiOperation({ summary: '改派' })
  @Access('coordinator', 'admin')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.reassign)
  @Refuses(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], [MOVE_RULE])
  async reassign(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: MoveDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.reassign(actor, id, dto, key));
  }

  @Post(':id/priority')
  @ApiOperation({ summary: '调整优先级' })
  @Access('handler', 'coordinator', 'admin')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.priority)
  async priority(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: PriorityDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.priority(actor, id, dto, key));
  }

  @Post(':id/extension')
  @ApiOperation({ summary: '申请延期' })
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.extension)
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    [`\`workingDays\`：${EXTENSION_DAYS_RULE}`],
  )
  async extension(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ExtensionDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.extension(actor, id, dto, key));
  }

  @Post(':id/extension/decision')
  @ApiOperation({ summary: '审批延期' })
  @Access('coordinator')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.extension_decision)
  @Refuses(
    HttpStatus.CONFLICT,
    ['EXTENSION_NO_LONGER_OFFERED'],
    [`approve 为 true 时：${REFUSALS.EXTENSION_NO_LONGER_OFFERED.problem}（不同意总是可以）`],
  )
  async decideExtension(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ExtensionDecisionDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.decideExtension(actor, id, dto, key));
  }

  @Post(':id/resolve')
  @ApiOperation({ summary: '办结' })
  @Access('handler')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.resolve)
  @Refuses(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], [`\`outcome\`：${OUTCOME_RULE}`])
  async resolve(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ResolveDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.resolve(actor, id, dto, key));
  }

  @Post(':id/reopen')
  @ApiOperation({ summary: '要求重新办理' })
  @Access('coordinator')
  @HttpCode(HttpStatus.OK)
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.reopen)
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: ReasonDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderSummary> {
    return replayedOrNot(reply, key, await this.actions.reopen(actor, id, dto, key));
  }

  /** 转接: another department comes in with an assist order of its own; the reporter is not told. */
  @Post(':id/handoff')
  @ApiOperation({ summary: '转接给其他部门协办' })
  @Access('handler', 'coordinator')
  @Answers('OrderSummary')
  @Refuses(HttpStatus.CONFLICT, HANDOFF_ROUTE_REFUSALS, [
    '`department`：不能是工单本部门（HANDOFF_OWN_DEPARTMENT；同部门换单位用转办），报告在该部门不能已有未办结的工单（HANDOFF_ALREADY_OPEN）；已退单的工单不能转接（HANDOFF_ORDER_RETURNED）。已办结的工单可以转接',
  ])
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [ADMIN_HANDOFF_REFUSAL])
  handoff(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: HandoffDto,
  ): Promise<OrderSummary> {
    return this.handoffs.handoff(actor, id, dto);
  }

  /** 书面交接 of a child taken into 临时监护, on a signed civil affairs order. */
  @Post(':id/handover')
  @ApiOperation({ summary: '记录临时监护书面交接' })
  @Access('handler', 'coordinator')
  @Answers('GuardianshipHandover')
  @Refuses(HttpStatus.CONFLICT, HANDOVER_ROUTE_REFUSALS, [
    '只在民政部门的工单上（HANDOVER_NOT_CIVIL_AFFAIRS），签收以后（SIGN_FIRST），退单后不能记录（WRONG_STATE）',
  ])
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [HANDOVER_HANDLER_ONLY])
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    ['`at`：交接时间不能晚于服务器的当前时间，不能早于报告的 discoveredAt'],
  )
  handover(
    @CurrentActor() actor: Actor,
    @Param('id', orderId) id: string,
    @Body() dto: HandoverDto,
  ): Promise<GuardianshipHandover> {
    return this.handoffs.handover(actor, id, dto);
  }
}
