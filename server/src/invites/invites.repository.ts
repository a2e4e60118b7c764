import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { InstitutionEntity } from '../institutions/institution.entity';
import { InviteEntity } from './invite.entity';
import { insertRows } from '../database/insert-rows';

@Injectable()
export class InvitesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, invite: InviteEntity): Promise<void> {
    await insertRows(manager, InviteEntity, [invite]);
  }

  findByCodeHash(codeHash: string): Promise<InviteEntity | null> {
    return this.dataSource.getRepository(InviteEntity).findOneBy({ codeHash });
  }

  /** The institution of the register an invite names, as it is now. */
  institution(manager: EntityManager, id: string): Promise<InstitutionEntity | null> {
    return manager.getRepository(InstitutionEntity).findOneBy({ id });
  }

  /** Marks the invite used; false when someone else used it first. */
  async markRedeemed(
    manager: EntityManager,
    id: string,
    userId: string,
    at: Date,
  ): Promise<boolean> {
    const result = await manager
      .getRepository(InviteEntity)
      .update({ id, redeemedAt: IsNull() }, { redeemedBy: userId, redeemedAt: at });
    return result.affected === 1;
  }
}
