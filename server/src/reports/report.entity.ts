import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  Channel,
  Gender,
  OrgType,
  Priority,
  ReportStatus,
  SituationCode,
} from '@shouhu/shared';
import { json } from '../database/column-transformers';

/**
 * What the figures count a period's reports by besides the period, the place and the situations:
 * the figures' two indexes hold them all, so the counts read an index alone (migration
 * 1765212000000), by period for a county and by place for a township or a village.
 */
const COUNTED_BY_FIGURES: (keyof ReportEntity)[] = [
  'channel',
  'priority',
  'repeatReport',
  'institutionId',
  'reporterOrgType',
  'reporterAnonymous',
  'reporterConfidential',
  'discoveredAt',
];

/** The longest `situations` list a report stores, as JSON characters. */
export const SITUATIONS_MAX_LENGTH = 400;

@Entity('reports')
@Index('UQ_reports_tracking_code', ['trackingCode'], { unique: true })
@Index('IDX_reports_reporter_created', ['reporterUserId', 'createdAt'])
@Index('IDX_reports_child_file', ['childFileId'])
@Index('IDX_reports_closed_at', ['closedAt'])
@Index('IDX_reports_institution_created', ['institutionId', 'createdAt'])
@Index('IDX_reports_figures', ['createdAt', 'divisionCode', ...COUNTED_BY_FIGURES, 'situations'])
@Index('IDX_reports_place_figures', [
  'divisionCode',
  'createdAt',
  ...COUNTED_BY_FIGURES,
  'situations',
])
@Index('IDX_reports_rated', ['ratedAt', 'divisionCode', 'ratingScore'])
@Index('IDX_reports_created', ['createdAt', 'id'])
export class ReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tracking_code', type: 'varchar', length: 16 })
  trackingCode: string;

  @Column({ name: 'reporter_user_id', type: 'varchar', length: 36 })
  reporterUserId: string;

  @Column({ type: 'varchar', length: 16 })
  channel: Channel;

  @Column({ type: 'varchar', length: 16 })
  status: ReportStatus;

  @Column({ type: 'varchar', length: 2 })
  priority: Priority;

  @Column({ name: 'immediate_danger', type: 'boolean' })
  immediateDanger: boolean;

  /**
   * JSON, each code of the catalogue at most once (`IsSituations`): all 19 are 371 characters,
   * so the list fits the figures' indexes (`SITUATIONS_MAX_LENGTH`).
   */
  @Column({ type: 'varchar', length: SITUATIONS_MAX_LENGTH, transformer: json<SituationCode[]>() })
  situations: SituationCode[];

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'discovered_at', type: 'datetime', precision: 6 })
  discoveredAt: Date;

  @Column({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;

  /** Sealed `{address, latitude, longitude}`. */
  @Column({ name: 'location_sealed', type: 'text' })
  locationSealed: string;

  /** Sealed child details as the reporter gave them. */
  @Column({ name: 'child_sealed', type: 'text' })
  childSealed: string;

  @Column({ name: 'child_gender', type: 'varchar', length: 8, nullable: true })
  childGender: Gender | null;

  @Column({ name: 'child_age_years', type: 'integer', nullable: true })
  childAgeYears: number | null;

  @Column({ name: 'reporter_anonymous', type: 'boolean' })
  reporterAnonymous: boolean;

  @Column({ name: 'reporter_confidential', type: 'boolean' })
  reporterConfidential: boolean;

  /** Sealed `{name, phone, relation}`; null for anonymous reports. */
  @Column({ name: 'reporter_sealed', type: 'text', nullable: true })
  reporterSealed: string | null;

  /** The institution a mandated reporter filed for. */
  @Column({ name: 'reporter_org_name', type: 'varchar', length: 100, nullable: true })
  reporterOrgName: string | null;

  @Column({ name: 'reporter_org_type', type: 'varchar', length: 32, nullable: true })
  reporterOrgType: OrgType | null;

  /** The institution on the county's register this report was filed for (a mandated reporter's); null without one. */
  @Column({ name: 'institution_id', type: 'varchar', length: 36, nullable: true })
  institutionId: string | null;

  /** The child's file, shared by repeat reports about the same child. */
  @Column({ name: 'child_file_id', type: 'varchar', length: 36, nullable: true })
  childFileId: string | null;

  /** The priority the situations gave before overrides (danger, repeat report). */
  @Column({ name: 'initial_priority', type: 'varchar', length: 2, nullable: true })
  initialPriority: Priority | null;

  /** The child already had an open report or one closed in the last 365 days. */
  @Column({ name: 'repeat_report', type: 'boolean', default: false })
  repeatReport: boolean;

  @Column({ name: 'closed_at', type: 'datetime', precision: 6, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'rating_score', type: 'integer', nullable: true })
  ratingScore: number | null;

  @Column({ name: 'rating_comment', type: 'varchar', length: 500, nullable: true })
  ratingComment: string | null;

  @Column({ name: 'rated_at', type: 'datetime', precision: 6, nullable: true })
  ratedAt: Date | null;

  /** A hotline caller agreed to SMS at 受理 and 办结. */
  @Column({ name: 'reporter_sms_consent', type: 'boolean', default: false })
  reporterSmsConsent: boolean;

  /** The caller's satisfaction (1–5) from the hotline desk's 回访, once they were reached. */
  @Column({ name: 'callback_score', type: 'integer', nullable: true })
  callbackScore: number | null;

  @Column({ name: 'callback_comment', type: 'varchar', length: 500, nullable: true })
  callbackComment: string | null;

  /** When the caller was reached for the 回访; null while they still are to be called. */
  @Column({ name: 'called_back_at', type: 'datetime', precision: 6, nullable: true })
  calledBackAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  /**
   * When the report lost its personal details at the end of its retention period; its sealed
   * columns and description are then empty (README, Retention).
   */
  @Column({ name: 'purged_at', type: 'datetime', precision: 6, nullable: true })
  purgedAt: Date | null;
}
