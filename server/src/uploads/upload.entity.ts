import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MediaKind } from './media-type';

@Entity('uploads')
@Index('IDX_uploads_owner', ['ownerUserId'])
@Index('IDX_uploads_report', ['reportId'])
export class UploadEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'owner_user_id', type: 'varchar', length: 36 })
  ownerUserId: string;

  @Column({ type: 'varchar', length: 8 })
  kind: MediaKind;

  @Column({ type: 'varchar', length: 64 })
  mime: string;

  @Column({ type: 'integer' })
  size: number;

  /** Set when the upload is attached to a report; an upload belongs to one report at most. */
  @Column({ name: 'report_id', type: 'varchar', length: 36, nullable: true })
  reportId: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
