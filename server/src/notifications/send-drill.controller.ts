import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import { EmptyBodyPipe } from '../common/validation.pipe';
import type { DeliveryTally } from './delivery';
import { NotificationSender } from './notification-sender';

/** Only with SIMULATED_CLOCK=true, which production refuses at boot: for tests and drills. */
@Controller('admin/notifications')
export class SendDrillController {
  constructor(private readonly sender: NotificationSender) {}

  @Post('send')
  @ApiOperation({ summary: '演练：立即发送待发订阅消息' })
  @Access('admin')
  @HttpCode(HttpStatus.OK)
  @Answers('DeliveryTally')
  send(@Body(EmptyBodyPipe) _body: Record<string, never>): Promise<DeliveryTally> {
    return this.sender.send();
  }
}
