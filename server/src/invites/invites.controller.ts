import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AuthResponse, Invite } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { CreateInviteDto } from './dto/create-invite.dto';
import { RedeemInviteDto } from './dto/redeem-invite.dto';
import { InvitesService } from './invites.service';

@Controller()
export class InvitesController {
  constructor(private readonly service: InvitesService) {}

  @Post('admin/invites')
  @ApiOperation({ summary: '发放邀请码' })
  @Access('admin', 'coordinator', 'handler')
  @Answers('Invite')
  @Refuses(
    HttpStatus.NOT_FOUND,
    ['NOT_FOUND'],
    ['`unitId`：没有这个单位，或协调员邀请本县以外的单位，或乡镇儿童督导员邀请本镇以外的单位'],
  )
  @Refuses(
    HttpStatus.FORBIDDEN,
    ['FORBIDDEN'],
    [
      '协调员只能邀请办理人员（role 为 handler）',
      '办理人员中只有乡镇儿童督导员（乡镇单位）可以发放邀请，且只能邀请本镇村（居）委会（上级单位是本站）的儿童主任（role 为 handler）',
    ],
  )
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    [
      'role 为 handler 或 coordinator：须填 `unitId`，不填 `orgName`、`orgType`；协调员只能加入联席会议办公室的单位，办理人员不能',
      'role 为 mandated_reporter：须填 `orgName` 和 `orgType`，不填 `unitId`',
      'role 为 hotline_operator：`unitId`、`orgName`、`orgType` 都不填',
    ],
  )
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInviteDto): Promise<Invite> {
    return this.service.create(actor, dto);
  }

  @Post('auth/redeem')
  @ApiOperation({ summary: '使用邀请码' })
  @Access('authenticated')
  @RateLimited('login')
  @HttpCode(HttpStatus.OK)
  @Answers('AuthResponse')
  @Refuses(HttpStatus.BAD_REQUEST, ['INVITE_INVALID'], ['邀请码不存在、已过期或已被使用'])
  @Refuses(
    HttpStatus.CONFLICT,
    ['CONFLICT'],
    ['管理员账号不能接受办理人员或协调员的邀请（管理员不能看到孩子和报告人的身份）'],
  )
  @Refuses(
    HttpStatus.CONFLICT,
    ['INSTITUTION_RETIRED'],
    ['邀请码所邀请加入的机构已停用（名录中恢复后可以再用，未过期时）'],
  )
  redeem(@CurrentActor() actor: Actor, @Body() dto: RedeemInviteDto): Promise<AuthResponse> {
    return this.service.redeem(actor, dto.code);
  }
}
