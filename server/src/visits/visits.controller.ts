import {
  Body,
  Controller,
  Get,
  Headers,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ALLOWED_CLOCK_SKEW_MS,
  VISIT_CHECK_LABELS,
  type DueVisit,
  type Page,
  type VisitRecorded,
} from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { childFileNotFound } from '../child-files/child-file-not-found';
import { CreateVisitDto } from './dto/create-visit.dto';
import { DueVisitListQueryDto } from './dto/due-visit-list-query.dto';
import { DueVisitsService } from './due-visits.service';
import { VISIT_RECORDERS, VisitsService } from './visits.service';

const fileId = new ParseUUIDPipe({ exceptionFactory: childFileNotFound });

/** What `POST /children/:id/visits` refuses with 400 beyond each field's own rules. */
const VISIT_RULES = [
  `\`at\`：不晚于服务器的当前时间（手机时钟快 ${ALLOWED_CLOCK_SKEW_MS / 60_000} 分钟以内不算），不早于建档时间`,
  '`met`：至少一人，不重复',
  `\`checks.<项>\`：${Object.values(VISIT_CHECK_LABELS).join('、')}四项都要填；结果为 concern（需关注）的一项须在 finding 写明发现的情况`,
  '`latitude`：纬度和经度同时填写或都不填',
  '`report.situations`、`report.description`：与 POST /reports 的同名字段规则相同',
];

/**
 * Visits (走访) to children on file, by the village and township units that keep them, and the
 * visits their plan holds (季度走访, 案后回访, 假期走访, 复学巩固回访).
 */
@Controller()
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly dueVisits: DueVisitsService,
  ) {}

  @Post('children/:id/visits')
  @ApiOperation({
    summary: '记录一次走访',
    description:
      '记录走访的时间、地点（可选）、见到的人、四项情况和发现，完成已开始的计划走访并安排下一次季度走访；发现需要报告的情况时可一并提交报告（渠道 visit）。',
  })
  @Access('handler', 'coordinator')
  @Answers('VisitRecorded')
  @Refuses(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], VISIT_RULES)
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [VISIT_RECORDERS])
  @Refuses(HttpStatus.CONFLICT, ['CHILD_FILE_CLOSED'], ['已销号的档案不能记录走访，须先恢复在册'])
  async record(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Param('id', fileId) id: string,
    @Body() dto: CreateVisitDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VisitRecorded> {
    const stored = await this.visits.record(actor, idempotencyKey, id, dto);
    void reply.status(stored.status).header('Idempotent-Replayed', String(stored.replayed));
    return stored.body;
  }

  @Get('visits')
  @ApiOperation({
    summary: '待走访列表',
    description:
      '本人负责的档案（村：本村；乡镇：本乡镇及所辖各村；县联席办：全县）计划中尚未完成的走访，最早到期的在前。',
  })
  @Access('handler', 'coordinator')
  @Answers('DueVisitPage')
  list(
    @CurrentActor() actor: Actor,
    @Query() query: DueVisitListQueryDto,
  ): Promise<Page<DueVisit>> {
    return this.dueVisits.list(actor, query);
  }
}
