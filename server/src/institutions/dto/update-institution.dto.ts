import { IsBoolean, IsIn, Matches } from 'class-validator';
import {
  DIVISION_CODE_PATTERN,
  INSTITUTION_MESSAGES,
  ORG_TYPES,
  TEXT_LIMITS,
  type OrgType,
  type UpdateInstitutionRequest,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsPhone } from '../../common/identity-validators';
import { IsText, MayBeAbsent, NullClears } from '../../common/input-rules';

/**
 * `PATCH /institutions/:id`: an absent field is unchanged; `null` clears a contact field;
 * `retired` takes the institution off the register or brings it back.
 */
export class UpdateInstitutionDto implements UpdateInstitutionRequest {
  @FieldDescription('改名后，已加入这个机构的强制报告人此后的报告用新名称')
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.institutionName)
  name?: string;

  @MayBeAbsent()
  @IsIn(ORG_TYPES, { message: INSTITUTION_MESSAGES.typeUnknown })
  type?: OrgType;

  @MayBeAbsent()
  @Matches(DIVISION_CODE_PATTERN, { message: INSTITUTION_MESSAGES.divisionFormat })
  divisionCode?: string;

  @FieldDescription('`null`：删除联系人')
  @NullClears()
  @IsText(TEXT_LIMITS.institutionContactName)
  contactName?: string | null;

  @FieldDescription('`null`：删除联系电话')
  @NullClears()
  @IsPhone({ message: INSTITUTION_MESSAGES.contactPhone })
  contactPhone?: string | null;

  @FieldDescription(
    '`true`：停用（学校撤并、关闭）：不能再邀请报告人，它的报告人此后的报告不再记在它名下，此后的报告也不再把它列入“未报告”名单；已有的报告和统计保留。`false`：恢复',
  )
  @MayBeAbsent()
  @IsBoolean({ message: 'retired 只能是 true（停用）或 false（恢复）' })
  retired?: boolean;
}
