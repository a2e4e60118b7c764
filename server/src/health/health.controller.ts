import { Controller, Get } from '@nestjs/common';
import type { HealthResponse } from '@shouhu/shared';
import { Public } from '../auth/public.decorator';
import { HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  @Public()
  @Get()
  check(): Promise<HealthResponse> {
    return this.service.check();
  }
}
