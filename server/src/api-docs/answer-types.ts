import type {
  ApiErrorBody,
  AuditEntry,
  AuthResponse,
  AuthUser,
  ChildFileDetail,
  ChildFileSummary,
  DueVisit,
  DropoutChanged,
  DropoutStateFigure,
  GuardianshipHandover,
  HealthResponse,
  HotlineCallback,
  InboxBadge,
  InboxMessage,
  InboxPage,
  Institution,
  InstitutionImportResult,
  Invite,
  NewOrderSubscriptionState,
  NotificationTemplates,
  OrderDetail,
  OrderSummary,
  Page,
  ReportCreatedResponse,
  ReporterReportView,
  SchoolHoliday,
  StatsOverview,
  SubscriptionState,
  Unit,
  UnitChoice,
  VisitPolicy,
  VisitRecorded,
} from '@shouhu/shared';
import type { AdminAlert } from '../alerts/alerts.service';
import type { CalendarYear } from '../calendar/calendar.repository';
import type { DivisionItem } from '../divisions/divisions.service';
import type { DeliveryTally } from '../notifications/delivery';
import type { SweepResult } from '../sla/sla-sweeper';
import type { SmsTally } from '../sms/sms-sender';
import type { UploadReceipt } from '../uploads/uploads.service';

/**
 * Every kind of 2xx answer body, by the name a route gives it in `@Answers(name)`. The compiler
 * holds each route's return type to the type named here, and `answer-schemas.json` is generated
 * from these types (`npm run api-schemas -w server`), so the OpenAPI document says what the code
 * returns, from the one declaration of each shape.
 */
export interface ApiAnswers {
  AuthResponse: AuthResponse;
  AuthUser: AuthUser;
  ChildFileSummary: ChildFileSummary;
  CreatedId: { id: string };
  AuditPage: Page<AuditEntry>;
  ChildFileDetail: ChildFileDetail;
  ChildFilePage: Page<ChildFileSummary>;
  DueVisitPage: Page<DueVisit>;
  DropoutChanged: DropoutChanged;
  DropoutFigures: DropoutStateFigure[];
  GuardianshipHandover: GuardianshipHandover;
  HealthResponse: HealthResponse;
  HotlineCallbacks: HotlineCallback[];
  InboxBadge: InboxBadge;
  InboxMessage: InboxMessage;
  InboxPage: InboxPage;
  Institution: Institution;
  InstitutionImportResult: InstitutionImportResult;
  InstitutionPage: Page<Institution>;
  Invite: Invite;
  NewOrderSubscriptionState: NewOrderSubscriptionState;
  NotificationTemplates: NotificationTemplates;
  OrderDetail: OrderDetail;
  OrderPage: Page<OrderSummary>;
  OrderSummary: OrderSummary;
  ReportCreatedResponse: ReportCreatedResponse;
  ReporterReportView: ReporterReportView;
  ReporterReportViews: ReporterReportView[];
  StatsOverview: StatsOverview;
  SubscriptionState: SubscriptionState;
  Unit: Unit;
  Units: Unit[];
  UnitChoices: UnitChoice[];
  AdminAlerts: AdminAlert[];
  CalendarYear: CalendarYear;
  Divisions: DivisionItem[];
  DeliveryTally: DeliveryTally;
  SweepResult: SweepResult;
  SmsTally: SmsTally;
  UploadReceipt: UploadReceipt;
  VisitRecorded: VisitRecorded;
  DisabledUser: {
    id: string;
    /** Always true: the account is disabled and its sessions have ended. */
    disabled: true;
  };
  ClockSetting: { now: string };
  SchoolHoliday: SchoolHoliday;
  SchoolHolidays: SchoolHoliday[];
  VisitPolicy: VisitPolicy;
}

export type AnswerName = keyof ApiAnswers;

/** The error body of every 4xx and 5xx (api.md, Conventions), generated beside the answers. */
export type ApiError = ApiErrorBody;
