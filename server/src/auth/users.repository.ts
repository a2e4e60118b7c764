import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Role } from '@shouhu/shared';
import { isUniqueViolation } from '../database/database-errors';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByOpenid(openid: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ openid });
  }

  /** Two first logins of the same person may race; the loser reads the winner's row. */
  async findOrCreate(openid: string, roles: Role[], now: Date): Promise<UserEntity> {
    const existing = await this.findByOpenid(openid);
    if (existing) return existing;
    try {
      return await this.users.save(
        this.users.create({ id: randomUUID(), openid, unionid: null, roles, createdAt: now }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findByOpenid(openid);
      if (!winner) throw error;
      return winner;
    }
  }
}
