import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  RATING_REFUSAL_CODES,
  type ReportCreatedResponse,
  type ReporterReportView,
} from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ApiException } from '../common/api-exception';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { CreateReportDto } from './dto/create-report.dto';
import { RatingDto } from './dto/rating.dto';
import { IntakeService } from './intake.service';
import { CHANNEL_RULES, REPORT_RULES } from './report-refusals';
import { ReporterReportsService } from './reporter-reports.service';

const notFound = (): ApiException => ApiException.notFound('没有找到这份报告');

@Controller('reports')
export class ReportsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly reporterReports: ReporterReportsService,
  ) {}

  @Post()
  @ApiOperation({ summary: '提交报告' })
  @Access('authenticated')
  @RateLimited('reports')
  @Answers('ReportCreatedResponse')
  @Refuses(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], REPORT_RULES)
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], CHANNEL_RULES)
  async submit(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() dto: CreateReportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportCreatedResponse> {
    const stored = await this.intake.submit(actor, idempotencyKey, dto);
    void reply.status(stored.status).header('Idempotent-Replayed', String(stored.replayed));
    return stored.body;
  }

  @Get('mine')
  @ApiOperation({ summary: '我的报告' })
  @Access('authenticated')
  @Answers('ReporterReportViews')
  mine(@CurrentActor() actor: Actor): Promise<ReporterReportView[]> {
    return this.reporterReports.mine(actor);
  }

  @Post(':id/rating')
  @ApiOperation({ summary: '评价办理结果' })
  @Access('authenticated')
  @HttpCode(HttpStatus.OK)
  @Answers('ReporterReportView')
  @Refuses(HttpStatus.CONFLICT, RATING_REFUSAL_CODES)
  rate(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
    @Body() dto: RatingDto,
  ): Promise<ReporterReportView> {
    return this.reporterReports.rate(actor, id, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: '查看我的一份报告' })
  @Access('authenticated')
  @Answers('ReporterReportView')
  view(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ): Promise<ReporterReportView> {
    return this.reporterReports.view(actor, id);
  }
}
