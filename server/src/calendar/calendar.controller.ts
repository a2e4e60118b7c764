import { Body, Controller, Get, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { CalendarYear } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { CalendarYearDto } from './dto/calendar-year.dto';
import { ParseYearPipe } from './year.pipe';

const yearPipe = new ParseYearPipe();

@Controller('admin/calendar')
export class CalendarController {
  constructor(private readonly service: CalendarService) {}

  @Get(':year')
  @ApiOperation({ summary: '某年的节假日安排' })
  @Access('admin')
  @Answers('CalendarYear')
  year(@Param('year', yearPipe) year: number): Promise<CalendarYear> {
    return this.service.year(year);
  }

  @Put(':year')
  @ApiOperation({ summary: '录入某年的节假日安排' })
  @Access('admin')
  @Answers('CalendarYear')
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    ['`days`：每个日期都须在路径中的这一年，且同一天只出现一次'],
  )
  replace(
    @Param('year', yearPipe) year: number,
    @Body() dto: CalendarYearDto,
  ): Promise<CalendarYear> {
    return this.service.replaceYear(year, dto.days);
  }
}
