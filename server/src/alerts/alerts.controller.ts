import { Controller, Get } from '@nestjs/common';
import { Access } from '../access/access.decorator';
import { AlertsService, type AdminAlert } from './alerts.service';

@Controller('admin/alerts')
export class AlertsController {
  constructor(private readonly service: AlertsService) {}

  @Get()
  @Access('admin')
  list(): Promise<AdminAlert[]> {
    return this.service.list();
  }
}
