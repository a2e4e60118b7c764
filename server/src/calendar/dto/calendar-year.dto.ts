import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class CalendarDayDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
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
