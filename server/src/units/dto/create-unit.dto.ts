import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsUUID,
  Matches,
} from 'class-validator';
import { DEPARTMENTS, TEXT_LIMITS, type CreateUnitRequest, type Department } from '@shouhu/shared';
import { IsPhone } from '../../common/identity-validators';
import { IsText, MayBeAbsent } from '../../common/input-rules';

/** Province (2), city (4), county (6), township (9) or village (12) digits. */
export const DIVISION_PREFIX_PATTERN = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

export const DUTY_PHONE_MESSAGE = '值班电话应为能收短信的手机号';

export class CreateUnitDto implements CreateUnitRequest {
  @IsText(TEXT_LIMITS.unitName)
  name: string;

  @IsIn(DEPARTMENTS, {
    message: `部门只能是 ${DEPARTMENTS.join('、')}`,
  })
  department: Department;

  @IsArray({ message: '请填写负责的区划' })
  @ArrayMinSize(1, { message: '请至少填写一个负责的区划' })
  @ArrayMaxSize(500, { message: '负责的区划最多500个' })
  @ArrayUnique({ message: '区划不能重复' })
  @Matches(DIVISION_PREFIX_PATTERN, {
    each: true,
    message: '区划代码应为2、4、6、9或12位数字（省、市、县、乡镇、村）',
  })
  divisionPrefixes: string[];

  /** Required for a village unit: the township unit (儿童督导站) of its villages. */
  @MayBeAbsent()
  @IsUUID('all', { message: '上级单位编号不正确' })
  parentId?: string;

  /** 值班电话: a mobile that receives the SMS of every P1 order and escalation (a landline is refused: it cannot receive one). */
  @MayBeAbsent()
  @IsPhone({ message: DUTY_PHONE_MESSAGE }, 'mobile')
  dutyPhone?: string;
}
