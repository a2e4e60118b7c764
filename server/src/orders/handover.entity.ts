import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The written handover (书面交接) of a child taken into 临时监护 by civil affairs (未保法 第九十二条;
 * domain.md, "Handoff"): when, handed over by whom, received by whom, where placed. The people and
 * the place are sealed (`{handedOverBy, receivedBy, placedAt}`); rows are only appended.
 */
@Entity('guardianship_handovers')
@Index('IDX_guardianship_handovers_report', ['reportId'])
export class GuardianshipHandoverEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'order_id', type: 'varchar', length: 36 })
  orderId: string;

  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  /** When the child was handed over. */
  @Column({ name: 'handed_over_at', type: 'datetime', precision: 6 })
  handedOverAt: Date;

  /** Sealed `{handedOverBy, receivedBy, placedAt}`. */
  @Column({ name: 'details_sealed', type: 'text' })
  detailsSealed: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 36 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 6 })
  recordedAt: Date;
}
