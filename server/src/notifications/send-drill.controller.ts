import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Access } from '../access/access.decorator';
import type { DeliveryTally } from './delivery';
import { NotificationSender } from './notification-sender';

/** Only with SIMULATED_CLOCK=true, which production refuses at boot: for tests and drills. */
@Controller('admin/notifications')
export class SendDrillController {
  constructor(private readonly sender: NotificationSender) {}

  @Post('send')
  @Access('admin')
  @HttpCode(HttpStatus.OK)
  send(): Promise<DeliveryTally> {
    return this.sender.send();
  }
}
