import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@shouhu/shared';
import { commaSeparated } from '../database/column-transformers';

@Entity('users')
@Index('UQ_users_openid', ['openid'], { unique: true })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 255, transformer: commaSeparated<Role>() })
  roles: Role[];

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
