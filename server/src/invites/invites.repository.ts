import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { InviteEntity } from './invite.entity';

@Injectable()
export class InvitesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, invite: InviteEntity): Promise<void> {
    await manager.getRepository(InviteEntity).insert(invite);
  }

  findByCodeHash(codeHash: string): Promise<InviteEntity | null> {
    return this.dataSource.getRepository(InviteEntity).findOneBy({ codeHash });
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
