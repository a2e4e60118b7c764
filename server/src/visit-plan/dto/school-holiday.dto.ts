import { IsIn, Matches } from 'class-validator';
import {
  SCHOOL_HOLIDAY_KINDS,
  type SchoolHolidayKind,
  type SchoolHolidayRequest,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiDate } from '../../common/date-fields';

export class SchoolHolidayDto implements SchoolHolidayRequest {
  @FieldDescription('放假的县（区），6位区划代码，须是收录的县级区划（GET /divisions 逐级列出）')
  @Matches(/^\d{6}$/, { message: '县级区划代码应为6位数字' })
  countyCode: string;

  @IsIn(SCHOOL_HOLIDAY_KINDS, { message: '假期只能是寒假（winter）或暑假（summer）' })
  kind: SchoolHolidayKind;

  @FieldDescription(
    '放假的第一天（北京时间），不早于今天；这一天0点起，重点关注儿童的假期走访开始计时',
  )
  @IsApiDate('假期开始日期')
  startsOn: string;
}
