import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/database-errors';
import { selectRows } from '../database/select-rows';
import { UserEntity } from './user.entity';

type Membership = Partial<
  Pick<
    UserEntity,
    'unitId' | 'unitRole' | 'orgName' | 'orgType' | 'institutionId' | 'hotlineOperator'
  >
>;

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get users() {
    return this.dataSource.getRepository(UserEntity);
  }

  /** Every request's session lookup: a plain statement (issue 17). */
  async findById(id: string): Promise<UserEntity | null> {
    const [user] = await selectRows(this.dataSource.manager, UserEntity, { id });
    return user ?? null;
  }

  findByIds(ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.users.findBy({ id: In(ids) });
  }

  /** The user's row, locked until the transaction ends (SQLite runs one transaction at a time). */
  lock(manager: EntityManager, id: string): Promise<UserEntity | null> {
    const query = manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.id = :id', { id });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  findByOpenid(openid: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ openid });
  }

  /** Two first logins of the same person may race; the loser reads the winner's row. */
  async findOrCreate(openid: string, unionid: string | null, now: Date): Promise<UserEntity> {
    const existing = await this.findByOpenid(openid);
    if (existing) {
      if (unionid && existing.unionid !== unionid) {
        await this.users.update({ id: existing.id }, { unionid });
        existing.unionid = unionid;
      }
      return existing;
    }
    const user: UserEntity = {
      id: randomUUID(),
      openid,
      unionid,
      unitId: null,
      unitRole: null,
      orgName: null,
      orgType: null,
      institutionId: null,
      hotlineOperator: false,
      disabled: false,
      tokenVersion: 0,
      createdAt: now,
    };
    try {
      await this.users.insert(user);
      return user;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findByOpenid(openid);
      if (!winner) throw error;
      return winner;
    }
  }

  async updateMembership(
    manager: EntityManager,
    id: string,
    membership: Membership,
  ): Promise<void> {
    await manager.getRepository(UserEntity).update({ id }, membership);
  }

  /** Locks the user out at once: the guard refuses disabled users and tokens of older versions. */
  async disable(manager: EntityManager, id: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(UserEntity)
      .set({ disabled: true, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id })
      .execute();
  }
}
