import {
  SUBSCRIBE_KINDS,
  type AuthResponse,
  type ChildFileDetail,
  type ChildFileDropout,
  type ChildFileSummary,
  type DropoutChanged,
  type DropoutStateFigure,
  type GuardianshipHandover,
  type DueVisit,
  type HotlineCallback,
  type InboxMessage,
  type Institution,
  type InstitutionImportResult,
  type Invite,
  type InboxPage,
  type NewOrderSubscriptionState,
  type NotificationTemplates,
  type OrderDetail,
  type OrderSummary,
  type Page,
  type ReportCreatedResponse,
  type ReportDetails,
  type ReportRoutingView,
  type ReporterReportView,
  type StatsOverview,
  type SubscriptionState,
  type TimelineEntry,
  type UnitChoice,
} from '@shouhu/shared';
import {
  arrayOf,
  either,
  exactly,
  isBoolean,
  isNumber,
  isString,
  nullable,
  objectWith,
  optional,
} from './answer-shape';

/**
 * The shape of each answer of api.md the app reads (docs/api.md; types in shared/src/api.ts),
 * checked in `httpRequest` before any page sees it.
 */

const orNull = nullable(isString);

export const isAuthResponse = objectWith<AuthResponse>({
  token: isString,
  user: objectWith({
    id: isString,
    roles: arrayOf(isString),
    unitDepartment: optional(isString),
    unitDivisionPrefixes: optional(arrayOf(isString)),
  }),
});

export const isDivisionList = arrayOf(
  objectWith<{ code: string; name: string }>({
    code: isString,
    name: isString,
  }),
);

const isTimelineEntry = objectWith<TimelineEntry>({ at: isString, kind: isString, text: isString });

export const isReporterReportView = objectWith<ReporterReportView>({
  id: isString,
  trackingCode: isString,
  status: isString,
  priority: isString,
  createdAt: isString,
  timeline: arrayOf(isTimelineEntry),
  orders: arrayOf(
    objectWith({
      department: isString,
      role: isString,
      placement: isString,
      status: isString,
      signDueAt: nullable(isString),
      resolveDueAt: nullable(isString),
      result: nullable(objectWith({ label: isString, summary: isString })),
    }),
  ),
  outcome: optional(objectWith({ label: isString, summary: isString })),
  rating: optional(objectWith({ score: isNumber })),
  reported: optional(objectWith({ description: isString, situations: arrayOf(isString) })),
});

export const isReporterReportList = arrayOf(isReporterReportView);

export const isReportCreated = objectWith<ReportCreatedResponse>({
  id: isString,
  trackingCode: isString,
  status: isString,
  priority: isString,
  advice: objectWith({ call110: isBoolean }),
  orders: arrayOf(
    objectWith({
      department: isString,
      role: isString,
      unitName: isString,
      placement: isString,
      priority: isString,
      signDueAt: isString,
      resolveDueAt: isString,
    }),
  ),
});

export const isOrderSummary = objectWith<OrderSummary>({
  id: isString,
  reportId: isString,
  department: isString,
  role: isString,
  status: isString,
  priority: isString,
  unitId: orNull,
  unitName: orNull,
  unrouted: isBoolean,
  situations: arrayOf(isString),
  placeName: isString,
  signDueAt: orNull,
  resolveDueAt: orNull,
  returnDueAt: isString,
  nextClock: nullable(objectWith({ clock: isString, dueAt: isString })),
  overdue: arrayOf(isString),
  escalationLevel: isNumber,
  extensionPendingDays: nullable(isNumber),
  extensionsGranted: isNumber,
  contactedAt: orNull,
  outcome: nullable(objectWith({ label: isString, summary: isString })),
});

export const isOrderPage = objectWith<Page<OrderSummary>>({
  items: arrayOf(isOrderSummary),
  total: isNumber,
});

const reportFacts = {
  id: isString,
  situations: arrayOf(isString),
  immediateDanger: isBoolean,
  discoveredAt: isString,
  location: objectWith({
    divisionPath: arrayOf(objectWith({ code: isString, name: isString })),
  }),
};

export const isHandover = objectWith<GuardianshipHandover>({
  id: isString,
  at: isString,
  handedOverBy: isString,
  receivedBy: isString,
  placedAt: isString,
  unitName: orNull,
});

export const isOrderDetail = objectWith<OrderDetail>({
  order: isOrderSummary,
  report: either(
    objectWith<ReportDetails>({
      ...reportFacts,
      view: exactly('full'),
      description: isString,
      child: nullable(objectWith({})),
      reporter: objectWith({ disclosed: isBoolean }),
      repeat: isBoolean,
      attachments: arrayOf(objectWith({ id: isString, kind: isString })),
    }),
    objectWith<ReportRoutingView>({ ...reportFacts, view: exactly('routing') }),
  ),
  otherOrders: arrayOf(
    objectWith({ department: isString, role: isString, status: isString, unitName: orNull }),
  ),
  timeline: arrayOf(isTimelineEntry),
  childFile: nullable(objectWith({ id: isString })),
  handovers: arrayOf(isHandover),
});

export const isUnitChoiceList = arrayOf(objectWith<UnitChoice>({ id: isString, name: isString }));

/** A template left out is one not offered, as null is: the app then asks for nothing. */
const maybeTemplate = optional(nullable(isString));

export const isNotificationTemplates = objectWith<NotificationTemplates>({
  ...Object.fromEntries(SUBSCRIBE_KINDS.map((kind) => [kind, maybeTemplate])),
  newOrder: maybeTemplate,
});

/** The app reads nothing of it: any JSON object says the server took the acceptances. */
export const isSubscriptionState = objectWith<SubscriptionState>({});

export const isNewOrderSubscriptionState = objectWith<NewOrderSubscriptionState>({
  remaining: isNumber,
});

export const isUploaded = objectWith<{ uploadId: string }>({ uploadId: isString });

export const isHotlineCallbackList = arrayOf(
  objectWith<HotlineCallback>({
    reportId: isString,
    trackingCode: isString,
    closedAt: isString,
    callerName: orNull,
    callerPhone: orNull,
    outcomes: arrayOf(isString),
    unreachedCalls: isNumber,
  }),
);

/** A file's place on the 控辍保学 list; null off it (an older server sends nothing: off it too). */
const isDropout = optional(
  nullable(
    objectWith<ChildFileDropout>({
      state: isString,
      since: isString,
      returnedAt: orNull,
      check: optional(nullable(objectWith({ startedAt: isString, dueAt: isString }))),
    }),
  ),
);

export const isDropoutChanged = objectWith<DropoutChanged>({
  dropout: objectWith({ state: isString, since: isString }),
  police: nullable(objectWith({ via: isString, reportId: isString, orderId: isString })),
});

export const isDropoutFigures = arrayOf(
  objectWith<DropoutStateFigure>({
    state: isString,
    count: isNumber,
    medianDays: nullable(isNumber),
    longestDays: nullable(isNumber),
  }),
);

export const isChildFileSummary = objectWith<ChildFileSummary>({
  id: isString,
  status: isString,
  categories: arrayOf(isString),
  divisionCode: isString,
  placeName: isString,
  unitName: orNull,
  child: objectWith({}),
  openOrderCount: isNumber,
  nextVisitDueAt: orNull,
  dropout: isDropout,
});

export const isChildFilePage = objectWith<Page<ChildFileSummary>>({
  items: arrayOf(isChildFileSummary),
  total: isNumber,
});

const isPerson = nullable(objectWith({}));

const isVisitCheck = objectWith({ result: isString, finding: optional(isString) });

/** The four checks of a visit, each with its result. */
const isVisitChecks = objectWith({
  family: isVisitCheck,
  guardianship: isVisitCheck,
  schooling: isVisitCheck,
  wellbeing: isVisitCheck,
});

/** A visit on the plan: why, and by when. */
const plannedVisitFields = {
  id: isString,
  reason: isString,
  dueAt: isString,
  escalationLevel: isNumber,
};

export const isChildFileDetail = objectWith<ChildFileDetail>({
  id: isString,
  status: isString,
  categories: arrayOf(isString),
  divisionCode: isString,
  placeName: isString,
  mayEdit: isBoolean,
  child: objectWith({}),
  guardian: isPerson,
  carer: isPerson,
  help: arrayOf(objectWith({ kind: isString, since: isString, provider: isString })),
  closeReason: orNull,
  dropout: isDropout,
  reports: arrayOf(
    objectWith({
      id: isString,
      situations: arrayOf(isString),
      status: isString,
      description: isString,
      createdAt: isString,
      reporter: objectWith({ disclosed: isBoolean }),
      orders: arrayOf(
        objectWith({ id: isString, department: isString, status: isString, mayOpen: isBoolean }),
      ),
    }),
  ),
  handovers: arrayOf(isHandover),
  timeline: arrayOf(isTimelineEntry),
  visits: arrayOf(
    objectWith({
      id: isString,
      at: isString,
      unitName: orNull,
      met: arrayOf(isString),
      checks: isVisitChecks,
      findings: orNull,
      fulfilled: arrayOf(isString),
      reportId: orNull,
    }),
  ),
  plannedVisits: arrayOf(objectWith(plannedVisitFields)),
});

/** `GET /visits?due=true`: the visits due for the caller's unit. */
export const isDueVisitPage = objectWith<Page<DueVisit>>({
  items: arrayOf(
    objectWith<DueVisit>({
      ...plannedVisitFields,
      childFileId: isString,
      overdue: isBoolean,
      placeName: isString,
      child: objectWith({}),
    }),
  ),
  total: isNumber,
});

/** `POST /children`: the new file's id. */
export const isCreatedFile = objectWith<{ id: string }>({ id: isString });

export const isInboxMessage = objectWith<InboxMessage>({
  id: isString,
  kind: isString,
  text: isString,
  page: orNull,
  createdAt: isString,
  readAt: orNull,
});

export const isInboxPage = objectWith<InboxPage>({
  items: arrayOf(isInboxMessage),
  total: isNumber,
  unread: isNumber,
});

/** `POST /notifications/read`: the unread count left, for the badge. */
export const isUnreadCount = objectWith<Pick<InboxPage, 'unread'>>({ unread: isNumber });

/** `GET /stats/overview`: every table the coordinator's page draws (shared/src/stats.ts). */
const isCount = { count: isNumber };
const orNumber = nullable(isNumber);
const isDelayFigure = { reports: isNumber, medianHours: orNumber, over24hShare: orNumber };

const isPlaceCount = objectWith({ divisionCode: isString, placeName: isString, ...isCount });

export const isStatsOverview = objectWith<StatsOverview>({
  from: isString,
  to: isString,
  divisionCode: isString,
  placeName: isString,
  by: isString,
  reports: objectWith({
    total: isNumber,
    repeatShare: orNumber,
    trend: arrayOf(objectWith({ period: isString, ...isCount })),
    bySituation: arrayOf(objectWith({ situation: isString, ...isCount })),
    byChannel: arrayOf(objectWith({ channel: isString, ...isCount })),
    byPriority: arrayOf(objectWith({ priority: isString, ...isCount })),
    byTownship: arrayOf(isPlaceCount),
    byVillage: arrayOf(isPlaceCount),
  }),
  children: objectWith({
    byCategory: arrayOf(objectWith({ category: isString, ...isCount })),
    byStatus: arrayOf(objectWith({ status: isString, ...isCount })),
    dropouts: arrayOf(objectWith({ state: isString, ...isCount })),
  }),
  clocks: arrayOf(
    objectWith({
      unitId: orNull,
      unitName: isString,
      clock: isString,
      total: isNumber,
      onTimeShare: orNumber,
      medianMinutes: orNumber,
      p90Minutes: orNumber,
      overdue: isNumber,
      escalated: isNumber,
      interrupted: isNumber,
    }),
  ),
  reportingDelay: objectWith({
    all: objectWith(isDelayFigure),
    byType: arrayOf(objectWith({ type: isString, ...isDelayFigure })),
    byInstitution: arrayOf(
      objectWith({ institutionId: isString, name: isString, type: isString, ...isDelayFigure }),
    ),
    silent: arrayOf(
      objectWith({
        institutionId: isString,
        name: isString,
        type: isString,
        placeName: isString,
        reportsFromCatchment: isNumber,
      }),
    ),
  }),
  satisfaction: objectWith({
    rated: isNumber,
    meanScore: orNumber,
    lowShare: orNumber,
    reviewed: isNumber,
  }),
});

export const isInstitution = objectWith<Institution>({
  id: isString,
  name: isString,
  type: isString,
  divisionCode: isString,
  placeName: isString,
  contactName: orNull,
  contactPhone: orNull,
  reporterCount: isNumber,
  retiredAt: orNull,
});

export const isInstitutionPage = objectWith<Page<Institution>>({
  items: arrayOf(isInstitution),
  total: isNumber,
});

export const isInstitutionImportResult = objectWith<InstitutionImportResult>({
  created: isNumber,
  updated: isNumber,
  unchanged: isNumber,
});

/** `POST /institutions/:id/invites`: the code to hand over, and until when it works. */
export const isInvite = objectWith<Invite>({ code: isString, expiresAt: isString });
