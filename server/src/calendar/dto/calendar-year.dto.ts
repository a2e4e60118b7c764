import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsApiDate } from '../../common/date-fields';

export class CalendarDayDto {
  @IsApiDate('日期')
  date: string;

  @IsBoolean({ message: '请说明这一天是否上班' })
  working: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '名称最多50字' })
  name?: string;
}

export class CalendarYearDto {
  @IsArray({ message: '请提供这一年的节假日和调休上班日' })
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days: CalendarDayDto[];
}
