import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ReportCreatedResponse, ReporterReportView } from '@shouhu/shared';
import { CurrentUser } from '../auth/current-user';
import type { UserEntity } from '../auth/user.entity';
import { ApiException } from '../common/api-exception';
import { CreateReportDto } from './dto/create-report.dto';
import { ReportsService } from './reports.service';

const notFound = (): ApiException => ApiException.notFound('没有找到这份报告');

@Controller('reports')
export class ReportsController {
  constructor(private readonly service: ReportsService) {}

  @Post()
  async submit(
    @CurrentUser() user: UserEntity,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() dto: CreateReportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportCreatedResponse> {
    const stored = await this.service.submit(user, idempotencyKey, dto);
    void reply.status(stored.status).header('Idempotent-Replayed', String(stored.replayed));
    return stored.body;
  }

  @Get(':id')
  view(
    @CurrentUser() user: UserEntity,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ): Promise<ReporterReportView> {
    return this.service.reporterView(user, id);
  }
}
