import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  isVillageOf,
  type AuthResponse,
  type CreateInviteRequest,
  type Invite,
  type OrgType,
} from '@shouhu/shared';
import { hasRole, type Actor } from '../access/actor';
import { prefixesWithin } from '../access/division-scope';
import { SessionService } from '../access/session.service';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { institutionRetired } from '../institutions/institution-refusals';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import { UsersRepository } from '../users/users.repository';
import type { CreateInviteDto } from './dto/create-invite.dto';
import { generateInviteCode, hashInviteCode } from './invite-code';
import type { InviteEntity } from './invite.entity';
import { InvitesRepository } from './invites.repository';

/**
 * Admins see no child and no reporter (domain.md, Privacy); a unit role would show them both, so
 * an admin account never takes one. The invitation stays unused for the person it was meant for.
 */
const ADMIN_CANNOT_WORK_CASES = new ApiException(
  HttpStatus.CONFLICT,
  'CONFLICT',
  '管理员账号不能同时担任办理人员或协调员（管理员不能看到孩子和报告人的身份）。请让要担任这个职务的人用自己的微信接受邀请',
);

const SUPERVISORS_INVITE_VILLAGES =
  '乡镇儿童督导员只能邀请本镇村（居）委会的儿童主任（办理人员）；其他人员请联系县联席办或系统管理员';

const INVALID_INVITE = new ApiException(
  HttpStatus.BAD_REQUEST,
  'INVITE_INVALID',
  '邀请码无效、已过期或已被使用，请向发放邀请码的单位重新索取',
);

@Injectable()
export class InvitesService {
  constructor(
    private readonly invites: InvitesRepository,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateInviteDto): Promise<Invite> {
    const unit = await this.checkInvite(actor, dto);
    return this.issue(actor, dto, {
      unitId: unit?.id ?? null,
      institutionId: null,
      divisionCode: unit?.divisionPrefixes[0] ?? null,
    });
  }

  /**
   * A mandated reporter's invitation into an institution of the register (`POST
   * /institutions/:id/invites`); the caller has checked the institution is theirs to keep. Whoever
   * redeems it reports for the institution, under its name and type on the register.
   */
  issueForInstitution(
    actor: Actor,
    institution: { id: string; name: string; type: OrgType; divisionCode: string },
  ): Promise<Invite> {
    return this.issue(
      actor,
      { role: 'mandated_reporter', orgName: institution.name, orgType: institution.type },
      { unitId: null, institutionId: institution.id, divisionCode: institution.divisionCode },
    );
  }

  private async issue(
    actor: Actor,
    request: CreateInviteRequest,
    target: { unitId: string | null; institutionId: string | null; divisionCode: string | null },
  ): Promise<Invite> {
    const code = generateInviteCode();
    const now = this.clock.now();
    const invite: InviteEntity = {
      id: randomUUID(),
      codeHash: hashInviteCode(code),
      role: request.role,
      unitId: target.unitId,
      orgName: request.orgName?.trim() ?? null,
      orgType: request.orgType ?? null,
      institutionId: target.institutionId,
      createdBy: actor.user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.inviteTtlSeconds * 1000),
      redeemedBy: null,
      redeemedAt: null,
    };
    await this.transactions.run(async (manager) => {
      await this.invites.insert(manager, invite);
      await this.audit.record(manager, actor, {
        action: 'invite.create',
        targetType: 'invite',
        targetId: invite.id,
        divisionCode: target.divisionCode,
        detail: {
          role: invite.role,
          unitId: invite.unitId,
          orgName: invite.orgName,
          institutionId: invite.institutionId,
        },
      });
    });
    const view: Invite = { code, role: invite.role, expiresAt: invite.expiresAt.toISOString() };
    if (invite.unitId) view.unitId = invite.unitId;
    if (invite.orgName) view.orgName = invite.orgName;
    if (invite.orgType) view.orgType = invite.orgType;
    return view;
  }

  /** The caller takes the role the invite carries; a unit role replaces any earlier one. */
  async redeem(actor: Actor, code: string): Promise<AuthResponse> {
    const invite = await this.invites.findByCodeHash(hashInviteCode(code));
    const now = this.clock.now();
    if (!invite || invite.redeemedAt || invite.expiresAt <= now) throw INVALID_INVITE;
    if (hasRole(actor, 'admin') && (invite.role === 'handler' || invite.role === 'coordinator')) {
      throw ADMIN_CANNOT_WORK_CASES;
    }
    const unit = invite.unitId ? await this.units.findById(invite.unitId) : null;

    await this.transactions.run(async (manager) => {
      if (!(await this.invites.markRedeemed(manager, invite.id, actor.user.id, now))) {
        throw INVALID_INVITE;
      }
      await this.users.updateMembership(
        manager,
        actor.user.id,
        await this.membershipOf(manager, invite),
      );
      await this.audit.record(manager, actor, {
        action: 'invite.redeem',
        targetType: 'user',
        targetId: actor.user.id,
        divisionCode: unit?.divisionPrefixes[0] ?? null,
        detail: { inviteId: invite.id, role: invite.role, unitId: invite.unitId },
      });
    });
    const user = await this.users.findById(actor.user.id);
    if (!user) throw ApiException.unauthenticated();
    return this.sessions.start(user);
  }

  /**
   * What the invite makes its user. A mandated reporter invited from the register joins the
   * institution under its name and type as the register has them now (it may have been edited
   * since the invite); one invited with a typed name leaves any institution. An institution
   * retired since the invite takes nobody in (409 `INSTITUTION_RETIRED`): the invite stays unused,
   * and works again if the institution is restored before it expires.
   */
  private async membershipOf(manager: EntityManager, invite: InviteEntity) {
    switch (invite.role) {
      case 'handler':
      case 'coordinator':
        return { unitId: invite.unitId, unitRole: invite.role };
      case 'hotline_operator':
        return { hotlineOperator: true };
      case 'mandated_reporter': {
        const institution = invite.institutionId
          ? await this.invites.institution(manager, invite.institutionId)
          : null;
        if (institution?.retiredAt) throw institutionRetired(institution.name);
        return {
          orgName: institution?.name ?? invite.orgName,
          orgType: institution?.type ?? invite.orgType,
          institutionId: institution?.id ?? null,
        };
      }
    }
  }

  /**
   * Admins invite anyone. A coordinator invites handlers into units of their own county; a unit
   * outside it answers 404 like any record outside the caller's scope. Other handlers: see
   * `checkSupervisorInvite`.
   */
  private async checkInvite(actor: Actor, dto: CreateInviteDto): Promise<UnitRecord | null> {
    const isAdmin = hasRole(actor, 'admin');
    if (!isAdmin && !hasRole(actor, 'coordinator')) return this.checkSupervisorInvite(actor, dto);
    if (!isAdmin && dto.role !== 'handler') {
      throw ApiException.forbidden('协调员只能邀请本县单位的办理人员');
    }
    if (dto.role === 'handler' || dto.role === 'coordinator') {
      const unit = await this.unitOf(dto);
      const county = actor.unit?.divisionPrefixes ?? [];
      if (!unit || (!isAdmin && !prefixesWithin(unit.divisionPrefixes, county))) {
        throw ApiException.notFound('没有找到这个单位');
      }
      const wantsCoordinatorUnit = dto.role === 'coordinator';
      if (wantsCoordinatorUnit !== (unit.department === 'coordinator')) {
        throw ApiException.validation({
          unitId: wantsCoordinatorUnit
            ? '协调员只能加入联席会议办公室'
            : '办理人员不能加入联席会议办公室',
        });
      }
      return unit;
    }
    if (dto.unitId) throw ApiException.validation({ unitId: '这个角色不属于任何单位' });
    if (dto.role === 'mandated_reporter') {
      const errors: Record<string, string> = {};
      if (!dto.orgName) errors.orgName = '请填写机构名称';
      if (!dto.orgType) errors.orgType = '请选择机构类型';
      if (Object.keys(errors).length > 0) throw ApiException.validation(errors);
    } else if (dto.orgName || dto.orgType) {
      throw ApiException.validation({ orgName: '热线接线员的邀请不填机构名称和类型' });
    }
    return null;
  }

  /**
   * A township supervisor (儿童督导员) brings in the 儿童主任 of the villages under their station
   * (domain.md, "The child, not the ticket"), and nobody else: any other handler, role or unit of
   * their town is 403; a unit outside their town answers 404, as for a coordinator.
   */
  private async checkSupervisorInvite(actor: Actor, dto: CreateInviteDto): Promise<UnitRecord> {
    const station = actor.unit;
    if (station?.department !== 'township' || dto.role !== 'handler') {
      throw ApiException.forbidden(SUPERVISORS_INVITE_VILLAGES);
    }
    const unit = await this.unitOf(dto);
    if (!unit || !prefixesWithin(unit.divisionPrefixes, station.divisionPrefixes)) {
      throw ApiException.notFound('没有找到这个单位');
    }
    if (!isVillageOf(unit, station)) throw ApiException.forbidden(SUPERVISORS_INVITE_VILLAGES);
    return unit;
  }

  /** The unit a handler or coordinator invitation names (400 without one), null when unknown. */
  private async unitOf(dto: CreateInviteDto): Promise<UnitRecord | null> {
    if (dto.orgName || dto.orgType) {
      throw ApiException.validation({ orgName: '单位人员的邀请不填机构名称和类型' });
    }
    if (!dto.unitId) throw ApiException.validation({ unitId: '请选择单位' });
    return this.units.findById(dto.unitId);
  }
}
