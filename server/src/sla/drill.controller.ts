import { Body, Controller, HttpCode, HttpStatus, Inject, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import { CLOCK } from '../common/clock';
import { IsApiInstant } from '../common/date-fields';
import { EmptyBodyPipe } from '../common/validation.pipe';
import { SimulatedClock } from './simulated-clock';
import { SlaSweeper, type SweepResult } from './sla-sweeper';

export class SetClockDto {
  @IsApiInstant('时间')
  now: string;
}

/** Only with SIMULATED_CLOCK=true, which production refuses at boot: for tests and drills. */
@Controller('admin')
export class DrillController {
  constructor(
    @Inject(CLOCK) private readonly clock: SimulatedClock,
    private readonly sweeper: SlaSweeper,
  ) {}

  @Put('clock')
  @ApiOperation({ summary: '演练：设置服务器时钟' })
  @Access('admin')
  @Answers('ClockSetting')
  setClock(@Body() dto: SetClockDto): { now: string } {
    this.clock.set(new Date(dto.now));
    return { now: this.clock.now().toISOString() };
  }

  @Post('sla/sweep')
  @ApiOperation({ summary: '演练：立即运行期限检查' })
  @Access('admin')
  @HttpCode(HttpStatus.OK)
  @Answers('SweepResult')
  sweep(@Body(EmptyBodyPipe) _body: Record<string, never>): Promise<SweepResult> {
    return this.sweeper.sweep();
  }
}
