import {
  Body,
  Controller,
  Delete,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { SchoolHoliday, VisitPolicy } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ApiException } from '../common/api-exception';
import { EmptyBodyPipe } from '../common/validation.pipe';
import { SchoolHolidayDto } from './dto/school-holiday.dto';
import { VisitPolicyDto } from './dto/visit-policy.dto';
import { VisitPlanService } from './visit-plan.service';

const holidayId = new ParseUUIDPipe({
  exceptionFactory: () => ApiException.notFound('没有找到这个假期'),
});

@Controller('admin')
export class VisitPlanController {
  constructor(private readonly service: VisitPlanService) {}

  @Get('school-holidays')
  @ApiOperation({ summary: '各县的寒暑假' })
  @Access('admin')
  @Answers('SchoolHolidays')
  holidays(): Promise<SchoolHoliday[]> {
    return this.service.holidayList();
  }

  @Post('school-holidays')
  @ApiOperation({ summary: '录入一个县的寒假或暑假' })
  @Access('admin')
  @Answers('SchoolHoliday')
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    ['`countyCode`：须是收录的县级区划', '`startsOn`：不早于今天（北京时间）'],
  )
  @Refuses(
    HttpStatus.CONFLICT,
    ['SCHOOL_HOLIDAY_EXISTS'],
    ['这个县已有同一天开始的假期，或同一年的同一种假期'],
  )
  addHoliday(@CurrentActor() actor: Actor, @Body() dto: SchoolHolidayDto): Promise<SchoolHoliday> {
    return this.service.addHoliday(actor, dto);
  }

  @Delete('school-holidays/:id')
  @ApiOperation({ summary: '删除还没有开始的假期' })
  @Access('admin')
  @Answers('SchoolHoliday')
  @Refuses(HttpStatus.CONFLICT, ['SCHOOL_HOLIDAY_STARTED'], ['假期开始后不能删除'])
  removeHoliday(
    @CurrentActor() actor: Actor,
    @Param('id', holidayId) id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<SchoolHoliday> {
    return this.service.removeHoliday(actor, id);
  }

  @Get('visit-policy')
  @ApiOperation({ summary: '走访计划的天数' })
  @Access('admin')
  @Answers('VisitPolicy')
  policy(): Promise<VisitPolicy> {
    return this.service.policy();
  }

  @Put('visit-policy')
  @ApiOperation({ summary: '修改走访计划的天数' })
  @Access('admin')
  @Answers('VisitPolicy')
  setPolicy(@CurrentActor() actor: Actor, @Body() dto: VisitPolicyDto): Promise<VisitPolicy> {
    return this.service.setPolicy(actor, dto);
  }
}
