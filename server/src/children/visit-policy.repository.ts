import { Injectable } from '@nestjs/common';
import { DEFAULT_VISIT_POLICY, type VisitPolicy } from '@shouhu/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { SettingEntity } from '../settings/setting.entity';

const POLICY_KEY = 'visits.policy';

/**
 * The visit plan's numbers (`VisitPolicy`), kept as one settings row: the defaults of domain.md
 * until an administrator changes them. Read when a visit is planned, so a change applies to the
 * visits planned after it; visits already on the plan keep their dates.
 */
@Injectable()
export class VisitPolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async current(manager: EntityManager = this.dataSource.manager): Promise<VisitPolicy> {
    const row = await manager.getRepository(SettingEntity).findOneBy({ key: POLICY_KEY });
    if (!row) return DEFAULT_VISIT_POLICY;
    return { ...DEFAULT_VISIT_POLICY, ...(JSON.parse(row.value) as Partial<VisitPolicy>) };
  }

  async save(manager: EntityManager, policy: VisitPolicy): Promise<void> {
    await manager
      .getRepository(SettingEntity)
      .save({ key: POLICY_KEY, value: JSON.stringify(policy) });
  }
}
