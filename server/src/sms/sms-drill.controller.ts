import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import { EmptyBodyPipe } from '../common/validation.pipe';
import { SmsSender, type SmsTally } from './sms-sender';

/** Only with SIMULATED_CLOCK=true, which production refuses at boot: for tests and drills. */
@Controller('admin/sms')
export class SmsDrillController {
  constructor(private readonly sender: SmsSender) {}

  @Post('send')
  @ApiOperation({ summary: '演练：立即发送待发短信' })
  @Access('admin')
  @HttpCode(HttpStatus.OK)
  @Answers('SmsTally')
  send(@Body(EmptyBodyPipe) _body: Record<string, never>): Promise<SmsTally> {
    return this.sender.send();
  }
}
