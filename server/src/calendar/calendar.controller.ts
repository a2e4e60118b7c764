import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Answers } from '../api-docs/answers.decorator';
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
  @Access('admin')
  @Answers('CalendarYear')
  year(@Param('year', yearPipe) year: number): Promise<CalendarYear> {
    return this.service.year(year);
  }

  @Put(':year')
  @Access('admin')
  @Answers('CalendarYear')
  replace(
    @Param('year', yearPipe) year: number,
    @Body() dto: CalendarYearDto,
  ): Promise<CalendarYear> {
    return this.service.replaceYear(year, dto.days);
  }
}
