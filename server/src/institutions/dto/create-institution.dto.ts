import { IsIn, Matches } from 'class-validator';
import {
  DIVISION_CODE_PATTERN,
  INSTITUTION_MESSAGES,
  ORG_TYPES,
  TEXT_LIMITS,
  type CreateInstitutionRequest,
  type OrgType,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsPhone } from '../../common/identity-validators';
import { IsText, MayBeAbsent } from '../../common/input-rules';

/**
 * `POST /institutions`: the field rules are shared `institutionProblems`, which the service asks
 * again with the county and the divisions; these decorators give the same messages for the shape.
 */
export class CreateInstitutionDto implements CreateInstitutionRequest {
  @FieldDescription(
    '机构全称，一行。存为统一写法：全角字母数字改为半角，括号等标点改为中文全角，去掉零宽字符，连续空格并为一个、前后空格不计；看起来相同的名称在一个县内只能有一个',
  )
  @IsText(TEXT_LIMITS.institutionName)
  name: string;

  @IsIn(ORG_TYPES, { message: INSTITUTION_MESSAGES.typeUnknown })
  type: OrgType;

  @FieldDescription('机构所在的区划：本县（6位）或本县的乡镇（9位）、村（12位）')
  @Matches(DIVISION_CODE_PATTERN, { message: INSTITUTION_MESSAGES.divisionFormat })
  divisionCode: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.institutionContactName)
  contactName?: string;

  @FieldDescription('手机号或带区号的固定电话；存为可拨打的数字')
  @MayBeAbsent()
  @IsPhone({ message: INSTITUTION_MESSAGES.contactPhone })
  contactPhone?: string;
}
