import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AuditHeadEntity } from '../audit/audit-head.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { InviteEntity } from '../invites/invite.entity';
import { ReportEventEntity } from '../reports/report-event.entity';
import { ReportEntity } from '../reports/report.entity';
import { UnitDivisionEntity, UnitEntity } from '../units/unit.entity';
import { UserEntity } from '../users/user.entity';

export const ENTITIES = [
  UserEntity,
  UnitEntity,
  UnitDivisionEntity,
  InviteEntity,
  ReportEntity,
  ReportEventEntity,
  IdempotencyKeyEntity,
  AuditEntryEntity,
  AuditHeadEntity,
];
