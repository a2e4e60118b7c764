import { IsIn, IsUUID } from 'class-validator';
import {
  INVITE_ROLES,
  ORG_TYPES,
  TEXT_LIMITS,
  type CreateInviteRequest,
  type InviteRole,
  type OrgType,
} from '@shouhu/shared';
import { IsText, MayBeAbsent } from '../../common/input-rules';

export class CreateInviteDto implements CreateInviteRequest {
  @IsIn(INVITE_ROLES, {
    message: '角色只能是 handler、coordinator、hotline_operator 或 mandated_reporter',
  })
  role: InviteRole;

  @MayBeAbsent()
  @IsUUID('all', { message: '单位编号不正确' })
  unitId?: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.orgName)
  orgName?: string;

  @MayBeAbsent()
  @IsIn(ORG_TYPES, { message: '机构类型不正确' })
  orgType?: OrgType;
}
