import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
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
  @Access('admin', 'coordinator')
  @Answers('Invite')
  @Refuses(HttpStatus.NOT_FOUND, ['NOT_FOUND'])
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInviteDto): Promise<Invite> {
    return this.service.create(actor, dto);
  }

  @Post('auth/redeem')
  @Access('authenticated')
  @RateLimited('login')
  @HttpCode(HttpStatus.OK)
  @Answers('AuthResponse')
  @Refuses(HttpStatus.BAD_REQUEST, ['INVITE_INVALID'])
  @Refuses(HttpStatus.CONFLICT, ['CONFLICT'])
  redeem(@CurrentActor() actor: Actor, @Body() dto: RedeemInviteDto): Promise<AuthResponse> {
    return this.service.redeem(actor, dto.code);
  }
}
