import { UserEntity } from '../auth/user.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { ReportEventEntity } from '../reports/report-event.entity';
import { ReportEntity } from '../reports/report.entity';

export const ENTITIES = [UserEntity, ReportEntity, ReportEventEntity, IdempotencyKeyEntity];
