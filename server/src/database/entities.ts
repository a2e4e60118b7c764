import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AuditHeadEntity } from '../audit/audit-head.entity';
import { AdminAlertEntity } from '../alerts/admin-alert.entity';
import { CalendarDayEntity, CalendarYearEntity } from '../calendar/calendar.entity';
import {
  ChildFileCountEntity,
  ChildFileEntity,
  ChildFileEventEntity,
  ChildIdentityKeyEntity,
} from '../children/child-file.entity';
import { SchoolHolidayEntity, VisitDueEntity, VisitEntity } from '../children/visit.entity';
import { DivisionEntity } from '../divisions/division.entity';
import { InboxMessageEntity } from '../inbox/inbox-message.entity';
import { InstitutionEntity } from '../institutions/institution.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { GuardianshipHandoverEntity } from '../orders/handover.entity';
import { ClockCountEntity } from '../orders/clock-count.entity';
import { OrderCountEntity } from '../orders/order-count.entity';
import {
  OrderClockEntity,
  OrderEntity,
  OrderEventEntity,
  RetiredClockEntity,
} from '../orders/order.entity';
import { SettingEntity } from '../settings/setting.entity';
import { SmsMessageEntity } from '../sms/sms-message.entity';
import { InviteEntity } from '../invites/invite.entity';
import { NewOrderSubscriptionEntity } from '../notifications/new-order-subscription.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { ReportSubscriptionEntity } from '../notifications/report-subscription.entity';
import { ReportEventEntity } from '../reports/report-event.entity';
import { ReportEntity } from '../reports/report.entity';
import { UnitDivisionEntity, UnitEntity } from '../units/unit.entity';
import { UploadEntity } from '../uploads/upload.entity';
import { UserEntity } from '../users/user.entity';

export const ENTITIES = [
  InstitutionEntity,
  UserEntity,
  UnitEntity,
  UnitDivisionEntity,
  InviteEntity,
  ReportEntity,
  ReportEventEntity,
  IdempotencyKeyEntity,
  AuditEntryEntity,
  AuditHeadEntity,
  DivisionEntity,
  SettingEntity,
  CalendarYearEntity,
  CalendarDayEntity,
  AdminAlertEntity,
  ChildFileEntity,
  ChildFileEventEntity,
  ChildIdentityKeyEntity,
  ChildFileCountEntity,
  VisitEntity,
  VisitDueEntity,
  SchoolHolidayEntity,
  OrderEntity,
  OrderClockEntity,
  RetiredClockEntity,
  OrderEventEntity,
  OrderCountEntity,
  ClockCountEntity,
  GuardianshipHandoverEntity,
  UploadEntity,
  SmsMessageEntity,
  ReportSubscriptionEntity,
  NewOrderSubscriptionEntity,
  NotificationEntity,
  InboxMessageEntity,
];
