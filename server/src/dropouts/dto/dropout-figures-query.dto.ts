import { Matches } from 'class-validator';
import { DIVISION_CODE_PATTERN } from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { MayBeAbsent } from '../../common/input-rules';

export class DropoutFiguresQueryDto {
  @FieldDescription(
    '只统计这个区划（县6位、乡镇9位、村12位）之内的孩子；超出本人范围的区划得到全为0的统计',
  )
  @MayBeAbsent()
  @Matches(DIVISION_CODE_PATTERN, { message: '区划代码应为6位（县）、9位（乡镇）或12位（村）数字' })
  division?: string;
}
