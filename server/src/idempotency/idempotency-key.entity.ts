import { Column, Entity, PrimaryColumn } from 'typeorm';
import { json } from '../database/column-transformers';

@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 128 })
  key: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'text', nullable: true, transformer: json<object>() })
  responseBody: object | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
