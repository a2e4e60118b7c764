import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import {
  INVITE_ROLES,
  ORG_TYPES,
  type CreateInviteRequest,
  type InviteRole,
  type OrgType,
} from '@shouhu/shared';

export class CreateInviteDto implements CreateInviteRequest {
  @IsIn(INVITE_ROLES, {
    message: '角色只能是 handler、coordinator、hotline_operator 或 mandated_reporter',
  })
  role: InviteRole;

  @IsOptional()
  @IsUUID('all', { message: '单位编号不正确' })
  unitId?: string;

  @IsOptional()
  @IsString({ message: '机构名称应为文字' })
  @Length(2, 100, { message: '机构名称应为2到100字' })
  orgName?: string;

  @IsOptional()
  @IsIn(ORG_TYPES, { message: '机构类型不正确' })
  orgType?: OrgType;
}
