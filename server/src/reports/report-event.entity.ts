import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const REPORT_EVENT_KINDS = [
  'submitted',
  'accepted',
  'progress',
  'result',
  'closed',
  'reopened',
  'rated',
  'callback',
] as const;
export type ReportEventKind = (typeof REPORT_EVENT_KINDS)[number];

/** The report's timeline; rows are only ever appended. */
@Entity('report_events')
@Index('IDX_report_events_report_at', ['reportId', 'at'])
export class ReportEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ReportEventKind;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'reporter_visible', type: 'boolean' })
  reporterVisible: boolean;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;
}
