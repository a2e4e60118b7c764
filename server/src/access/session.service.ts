import { Inject, Injectable } from '@nestjs/common';
import type { AuthResponse, AuthUser } from '@shouhu/shared';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import type { UserEntity } from '../users/user.entity';
import { rolesOf } from './actor';
import { TokenService } from './token.service';

/** What a client learns about the logged-in user, and a token to go with it. */
@Injectable()
export class SessionService {
  constructor(
    private readonly tokens: TokenService,
    private readonly units: UnitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(user: UserEntity): Promise<AuthResponse> {
    return {
      token: this.tokens.issue(user.id, user.tokenVersion),
      user: await this.describe(user),
    };
  }

  async describe(user: UserEntity, knownUnit?: UnitRecord | null): Promise<AuthUser> {
    const unit =
      knownUnit !== undefined
        ? knownUnit
        : user.unitId
          ? await this.units.findById(user.unitId)
          : null;
    const described: AuthUser = {
      id: user.id,
      roles: rolesOf(user, this.config.auth.adminOpenids),
    };
    if (unit) {
      described.unitId = unit.id;
      described.unitName = unit.name;
      described.unitDepartment = unit.department;
      described.unitDivisionPrefixes = unit.divisionPrefixes;
    }
    if (user.orgName) described.orgName = user.orgName;
    if (user.orgType) described.orgType = user.orgType;
    return described;
  }
}
