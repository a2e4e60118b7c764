import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, ValidateNested } from 'class-validator';
import { TEXT_LIMITS } from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiDate } from '../../common/date-fields';
import { IsPlainObject, IsText, MayBeAbsent } from '../../common/input-rules';

export class CalendarDayDto {
  @IsApiDate('日期')
  date: string;

  @FieldDescription('true：这一天上班（如调休的周末）；false：这一天放假（如法定节假日）')
  @IsBoolean({ message: '请说明这一天是否上班' })
  working: boolean;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.calendarDayName)
  name?: string;
}

export class CalendarYearDto {
  @IsArray({ message: '请提供这一年的节假日和调休上班日' })
  @ArrayMaxSize(366, { message: '一年最多366天' })
  @IsPlainObject({ each: true, message: '每一天应为对象 {date, working, name?}' })
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days: CalendarDayDto[];
}
