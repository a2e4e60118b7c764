import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ReporterReportView } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { ReporterReportsService } from './reporter-reports.service';

/** 查询进度: anyone with the tracking code sees the report's public progress. */
@Controller('track')
export class TrackController {
  constructor(private readonly service: ReporterReportsService) {}

  @Get(':trackingCode')
  @ApiOperation({ summary: '用查询码查看报告进度' })
  @Access('public')
  @RateLimited('track')
  @Answers('ReporterReportView')
  track(@Param('trackingCode') code: string): Promise<ReporterReportView> {
    return this.service.track(code);
  }
}
