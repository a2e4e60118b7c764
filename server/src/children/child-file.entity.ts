import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One child, as far as reports can tell: repeat reports about the same child share a file. */
@Entity('child_files')
export class ChildFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}

/** A keyed hash (blind index) of a normalised identity: finds a child without decrypting anything. */
@Entity('child_identity_keys')
export class ChildIdentityKeyEntity {
  @PrimaryColumn({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ name: 'child_file_id', type: 'varchar', length: 36 })
  childFileId: string;
}
