import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  ChildCategory,
  ChildFileOrigin,
  ChildFileStatus,
  CloseReason,
  DropoutState,
  Gender,
} from '@shouhu/shared';
import { json } from '../database/column-transformers';

/**
 * The child's file (儿童档案, 一人一档): made by the first report about the child (repeat reports
 * link to it) or opened by a village or township worker (摸排); kept by the unit of its place.
 * Everything that identifies the child or their family is sealed; blind indexes find a name or
 * an ID number without decrypting.
 */
@Entity('child_files')
@Index('IDX_child_files_division', ['divisionCode'])
@Index('IDX_child_files_unit_status', ['unitId', 'status'])
@Index('IDX_child_files_name_key', ['nameKey'])
@Index('IDX_child_files_id_key', ['idKey'])
@Index('IDX_child_files_priority', ['priority', 'status', 'divisionCode', 'id'])
@Index('IDX_child_files_dropout_place', ['dropoutState', 'status', 'divisionCode', 'dropoutSince'])
// Latest change descending in the database (migration 1765210000000), which TypeORM cannot say.
@Index('IDX_child_files_list_order', [
  'status',
  'divisionCode',
  'nextVisitDueAt',
  'updatedAt',
  'id',
])
export class ChildFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  // The defaults are what files made before files had a status and origin got (migration 1764900000000).
  @Column({ type: 'varchar', length: 8, default: 'active' })
  status: ChildFileStatus;

  @Column({ type: 'varchar', length: 8, default: 'report' })
  origin: ChildFileOrigin;

  /** The child's place: village (12 digits) or coarser when nobody knew the village. */
  @Column({ name: 'division_code', type: 'varchar', length: 12, default: '' })
  divisionCode: string;

  /** The unit keeping the file: the village's, else the township's; null when none covers it. */
  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @Column({ type: 'text', transformer: json<ChildCategory[]>() })
  categories: ChildCategory[];

  /** Sealed `ChildFileChild`; null for files made before files held an identity of their own. */
  @Column({ name: 'child_sealed', type: 'text', nullable: true })
  childSealed: string | null;

  @Column({ name: 'child_gender', type: 'varchar', length: 8, nullable: true })
  childGender: Gender | null;

  /** Sealed `ChildFilePerson`. */
  @Column({ name: 'guardian_sealed', type: 'text', nullable: true })
  guardianSealed: string | null;

  /** Sealed `ChildFilePerson`: the entrusted carer (委托照护人). */
  @Column({ name: 'carer_sealed', type: 'text', nullable: true })
  carerSealed: string | null;

  /** Sealed `HelpInPlace[]`. */
  @Column({ name: 'help_sealed', type: 'text', nullable: true })
  helpSealed: string | null;

  /** Blind index of the normalised name (`q` of `GET /children`). */
  @Column({ name: 'name_key', type: 'varchar', length: 64, nullable: true })
  nameKey: string | null;

  /** Blind index of the normalised 身份证号. */
  @Column({ name: 'id_key', type: 'varchar', length: 64, nullable: true })
  idKey: string | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 24, nullable: true })
  closeReason: CloseReason | null;

  @Column({ name: 'close_note', type: 'varchar', length: 200, nullable: true })
  closeNote: string | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 6, nullable: true })
  closedAt: Date | null;

  /** When the next visit falls due; null while no visit plan runs (closed, or no category). */
  @Column({ name: 'next_visit_due_at', type: 'datetime', precision: 6, nullable: true })
  nextVisitDueAt: Date | null;

  /** 重点关注: visited at the start of each school holiday as well. */
  @Column({ type: 'boolean', default: false })
  priority: boolean;

  /** When the child was last visited; the quarterly plan counts from it. */
  @Column({ name: 'last_visit_at', type: 'datetime', precision: 6, nullable: true })
  lastVisitAt: Date | null;

  /** 控辍保学: null while the child is not on the dropout list. */
  @Column({ name: 'dropout_state', type: 'varchar', length: 24, nullable: true })
  dropoutState: DropoutState | null;

  @Column({ name: 'dropout_since', type: 'datetime', precision: 6, nullable: true })
  dropoutSince: Date | null;

  /** The last return to school (已复学), which the 30-day check counts from. */
  @Column({ name: 'dropout_returned_at', type: 'datetime', precision: 6, nullable: true })
  dropoutReturnedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}

/**
 * How many children's files have one place, category list and status now: what the figures'
 * children (`GET /stats/overview`) sum under a scope's prefixes instead of grouping every file
 * (issue 17: 1.3 s at 200 k files). `ChildFilesRepository` moves the counts in the transaction of
 * every write of a file's `division_code`, `categories` or `status`, so they are always
 * `SELECT division_code, categories, status, COUNT(*) FROM child_files GROUP BY` those. A row
 * whose files all left it stays, at 0: it is written again when one comes back.
 */
@Entity('child_file_counts')
export class ChildFileCountEntity {
  @PrimaryColumn({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;

  /** `child_files.categories` as stored (a JSON list of at most every category: 155 characters). */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  categories: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  status: ChildFileStatus;

  @Column({ type: 'integer' })
  count: number;
}

/** A keyed hash (blind index) of a normalised identity: finds a child without decrypting anything. */
@Entity('child_identity_keys')
export class ChildIdentityKeyEntity {
  @PrimaryColumn({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ name: 'child_file_id', type: 'varchar', length: 36 })
  childFileId: string;
}

/** The file's own timeline (opened, changed, moved, closed, handoffs); rows are only appended. */
@Entity('child_file_events')
@Index('IDX_child_file_events_file_at', ['childFileId', 'at'])
export class ChildFileEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'child_file_id', type: 'varchar', length: 36 })
  childFileId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** Words people read; never the sealed values themselves. */
  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_unit_id', type: 'varchar', length: 36, nullable: true })
  actorUnitId: string | null;

  @Column({ type: 'text', nullable: true, transformer: json<object>() })
  detail: object | null;

  /**
   * What the worker wrote with the change (a 控辍保学 note), sealed: it may name the family or
   * where the child went. Shown on the file's timeline to those who may read the file.
   */
  @Column({ name: 'note_sealed', type: 'text', nullable: true })
  noteSealed?: string | null;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;
}

/** The follow-up columns of a file just opened: not priority, never visited, not a dropout. */
export const NEW_FILE_FOLLOW_UP = {
  priority: false,
  lastVisitAt: null,
  dropoutState: null,
  dropoutSince: null,
  dropoutReturnedAt: null,
} as const satisfies Partial<ChildFileEntity>;
