import { Controller, Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import { AlertsService, type AdminAlert } from './alerts.service';

@Controller('admin/alerts')
export class AlertsController {
  constructor(private readonly service: AlertsService) {}

  @Get()
  @ApiOperation({ summary: '管理员告警' })
  @Access('admin')
  @Answers('AdminAlerts')
  list(): Promise<AdminAlert[]> {
    return this.service.list();
  }
}
