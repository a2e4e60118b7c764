import { act, fireEvent } from '@testing-library/react';
import type {
  AuthUser,
  ChildFileSummary,
  ChildFileVisit,
  DueVisit,
  GuardianshipHandover,
  InboxMessage,
  Institution,
  OrderDetail,
  OrderSummary,
  PlannedVisit,
  ReportDetails,
  ReportRoutingView,
  StatsOverview,
} from '@shouhu/shared';
import type { ChildFileDetail } from '@shouhu/shared';
import { emptyReportForm, type Evidence, type ReportForm } from '../src/pages/report/report-form';

/**
 * A form every step accepts: no danger, a dropout (whereabouts known) in 泗县, a description long
 * enough.
 */
export function aFilledForm(overrides: Partial<ReportForm> = {}): ReportForm {
  return {
    ...emptyReportForm([
      { code: '34', name: '安徽省' },
      { code: '3413', name: '宿州市' },
      { code: '341324', name: '泗县' },
    ]),
    immediateDanger: false,
    situations: ['dropout'],
    whereaboutsUnknown: false,
    description: '孩子已经两周没有来上学了。',
    ...overrides,
  };
}

export function anEvidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    localId: 'local-1',
    path: 'blob:photo-1',
    kind: 'image',
    uploadId: '6f1c1f39-3a47-4d6c-9a7e-0d8f2b3c4d5e',
    failed: false,
    ...overrides,
  };
}

/** A tap, with React's updates flushed. */
export const tap = (element: Element) => act(async () => void fireEvent.click(element));

/** A P3 township order of a dropout report, waiting to be signed. */
export function anOrder(overrides: Partial<OrderSummary> = {}): OrderSummary {
  return {
    id: 'order-1',
    reportId: 'report-1',
    department: 'township',
    role: 'lead',
    status: 'dispatched',
    priority: 'P3',
    initialPriority: 'P3',
    unitId: 'unit-town',
    unitName: '泗城镇儿童督导站',
    unrouted: false,
    situations: ['dropout'],
    divisionCode: '341324100',
    placeName: '泗城镇',
    signDueAt: '2026-11-23T15:59:59Z',
    contactDueAt: null,
    feedbackDueAt: null,
    resolveDueAt: '2026-11-30T15:59:59Z',
    returnDueAt: '2026-11-23T15:59:59Z',
    nextClock: { clock: 'sign', dueAt: '2026-11-23T15:59:59Z' },
    overdue: [],
    escalationLevel: 0,
    extensionPendingDays: null,
    extensionsGranted: 0,
    contactedAt: null,
    outcome: null,
    handedOffFrom: null,
    createdAt: '2026-11-22T07:00:00Z',
    ...overrides,
  };
}

/** An order as its handler opens it: a dropout report without child details or photos. */
export function anOrderDetail(order: OrderSummary = anOrder()): OrderDetail<ReportDetails> {
  return {
    order,
    report: {
      view: 'full',
      id: order.reportId,
      trackingCode: 'ACDEFGHJKM',
      channel: 'public',
      status: 'submitted',
      priority: order.priority,
      situations: order.situations,
      immediateDanger: false,
      description: '孩子已经两周没有来上学了。',
      discoveredAt: '2026-11-22T06:00:00Z',
      createdAt: order.createdAt,
      location: {
        divisionCode: order.divisionCode,
        divisionPath: [{ code: order.divisionCode, name: order.placeName }],
      },
      child: null,
      reporter: { disclosed: false, anonymous: true, confidential: false },
      repeat: false,
      attachments: [],
    },
    otherOrders: [],
    timeline: [],
    childFile: null,
    handovers: [],
  };
}

/** An admin-queue order as an administrator sees it: what routing needs, no identity. */
export function aRoutingOrderDetail(
  order: OrderSummary = anOrder({ unitId: null, unitName: null }),
): OrderDetail<ReportRoutingView> {
  const full = anOrderDetail(order).report;
  return {
    order,
    report: {
      view: 'routing',
      id: full.id,
      channel: full.channel,
      status: full.status,
      priority: full.priority,
      situations: full.situations,
      immediateDanger: full.immediateDanger,
      discoveredAt: full.discoveredAt,
      createdAt: full.createdAt,
      location: {
        divisionCode: full.location.divisionCode,
        divisionPath: full.location.divisionPath,
      },
    },
    otherOrders: [],
    timeline: [
      {
        at: order.createdAt,
        kind: 'created',
        text: '无匹配单位，进入管理员待分派。',
        actorRole: null,
        reporterVisible: false,
      },
    ],
    childFile: null,
    handovers: [],
  };
}

/** A left-behind girl of 关庙村, found in 摸排, with her next visit due. */
export function aChildFileSummary(overrides: Partial<ChildFileSummary> = {}): ChildFileSummary {
  return {
    id: 'file-1',
    status: 'active',
    origin: 'survey',
    categories: ['left_behind'],
    divisionCode: '341324100203',
    placeName: '泗城镇 · 关庙村委会',
    unitId: 'unit-guanmiao',
    unitName: '关庙村委会',
    child: { name: '李小花', gender: 'female', ageYears: 9 },
    reportCount: 0,
    openOrderCount: 0,
    nextVisitDueAt: '2027-02-20T15:59:59Z',
    priority: false,
    dropout: null,
    createdAt: '2026-11-22T02:00:00Z',
    updatedAt: '2026-11-22T02:00:00Z',
    ...overrides,
  };
}

export function aHandover(overrides: Partial<GuardianshipHandover> = {}): GuardianshipHandover {
  return {
    id: 'handover-1',
    orderId: 'order-civil',
    at: '2026-11-23T06:30:00Z',
    handedOverBy: '泗城派出所 张警官',
    receivedBy: '县民政局 刘科长',
    placedAt: '县未成年人救助保护中心',
    unitName: '泗县民政局',
    recordedAt: '2026-11-23T07:00:00Z',
    ...overrides,
  };
}

/** The same file as its village keeper opens it: one teacher's report, a timeline, editable. */
export function aChildFileDetail(overrides: Partial<ChildFileDetail> = {}): ChildFileDetail {
  const { child, ...summary } = aChildFileSummary();
  return {
    ...summary,
    capacity: 'keeper',
    mayEdit: true,
    child: {
      ...child,
      birthDate: '2017-03-08',
      idNumber: '341324201703080025',
      school: '关庙小学三年级',
    },
    guardian: { name: '李强', phone: '13800000001', relation: '父亲' },
    carer: { name: '王桂兰', phone: '13800000002', relation: '祖母' },
    help: [{ kind: 'paired_teacher', since: '2026-09-01', provider: '关庙小学 陈老师' }],
    closeReason: null,
    closeNote: null,
    closedAt: null,
    reports: [
      {
        id: 'report-1',
        trackingCode: 'ACDEFGHJKM',
        channel: 'mandatory',
        status: 'in_progress',
        priority: 'P3',
        situations: ['carer_neglect'],
        description: '孩子最近常常没吃早饭来上学，衣服单薄。',
        createdAt: '2026-11-25T01:00:00Z',
        reporter: { disclosed: false, anonymous: false, confidential: true },
        orders: [
          {
            id: 'order-1',
            department: 'township',
            role: 'lead',
            status: 'in_progress',
            unitName: '泗城镇儿童督导站',
            mayOpen: true,
          },
          {
            id: 'order-2',
            department: 'civil_affairs',
            role: 'assist',
            status: 'dispatched',
            unitName: '泗县民政局',
            mayOpen: false,
          },
        ],
      },
    ],
    handovers: [],
    visits: [],
    plannedVisits: [],
    timeline: [
      { at: '2026-11-22T02:00:00Z', kind: 'opened', text: '关庙村儿童主任摸排建档' },
      {
        at: '2026-11-25T01:00:00Z',
        kind: 'report',
        text: '收到一份强制报告',
        reportId: 'report-1',
      },
    ],
    ...overrides,
  };
}

/** The quarterly visit of that file, due in February, nothing escalated. */
export function aPlannedVisit(overrides: Partial<PlannedVisit> = {}): PlannedVisit {
  return {
    id: 'due-1',
    reason: 'quarterly',
    startedAt: '2026-11-22T02:00:00Z',
    dueAt: '2027-02-20T02:00:00Z',
    stage: 'running',
    escalationLevel: 0,
    ...overrides,
  };
}

/** A visit the 关庙村 儿童主任 recorded: the child and the carer met, schooling needs attention. */
export function aChildFileVisit(overrides: Partial<ChildFileVisit> = {}): ChildFileVisit {
  return {
    id: 'visit-1',
    at: '2026-11-28T07:30:00Z',
    unitName: '关庙村委会',
    met: ['child', 'carer'],
    checks: {
      family: { result: 'normal' },
      guardianship: { result: 'normal' },
      schooling: { result: 'concern', finding: '最近两周迟到三次' },
      wellbeing: { result: 'normal' },
    },
    findings: '祖母说孩子晚上看手机到很晚。',
    position: null,
    fulfilled: ['quarterly'],
    reportId: null,
    ...overrides,
  };
}

/** A line of the 走访 list: that file's quarterly visit, as its village unit sees it. */
export function aDueVisit(overrides: Partial<DueVisit> = {}): DueVisit {
  return {
    ...aPlannedVisit(),
    childFileId: 'file-1',
    overdue: false,
    unitId: 'unit-guanmiao',
    unitName: '关庙村委会',
    placeName: '泗城镇 · 关庙村委会',
    child: { name: '李小花', gender: 'female', ageYears: 9 },
    ...overrides,
  };
}

/** 泗县's coordinator, signed in; a township's or a village's worker with overrides. */
export function aStaffUser(overrides: Partial<AuthUser> = {}): AuthUser {
  return {
    id: 'u-coord',
    roles: ['reporter', 'coordinator'],
    unitId: 'unit-coord',
    unitName: '泗县联席办',
    unitDepartment: 'coordinator',
    unitDivisionPrefixes: ['341324'],
    ...overrides,
  };
}

/** 泗城镇's 儿童督导员, of the unit `aStatsOverview` calls `unit-township`. */
export function aTownshipWorker(overrides: Partial<AuthUser> = {}): AuthUser {
  return aStaffUser({
    id: 'u-town',
    roles: ['reporter', 'handler'],
    unitId: 'unit-township',
    unitName: '泗城镇儿童督导员',
    unitDepartment: 'township',
    unitDivisionPrefixes: ['341324100'],
    ...overrides,
  });
}

/** An unread message of a new P1 order for the handler's unit. */
export function aMessage(overrides: Partial<InboxMessage> = {}): InboxMessage {
  return {
    id: 'message-1',
    kind: 'new_order',
    text: '你单位有一张新的紧急（P1）工单，请在12月3日 14:30前签收。',
    page: 'staff/order/index?id=order-1',
    createdAt: '2026-12-03T06:00:00Z',
    readAt: null,
    ...overrides,
  };
}

/**
 * A quarter of 泗县 (2026-10-01 – 2026-12-31) by month: 12 reports, two units' clocks, one
 * institution timely and one silent, four ratings.
 */
export function aStatsOverview(overrides: Partial<StatsOverview> = {}): StatsOverview {
  return {
    from: '2026-10-01',
    to: '2026-12-31',
    divisionCode: '341324',
    placeName: '泗县',
    by: 'month',
    reports: {
      total: 12,
      repeatShare: 0.25,
      trend: [
        { period: '2026-10', count: 3 },
        { period: '2026-11', count: 5 },
        { period: '2026-12', count: 4 },
      ],
      bySituation: [
        { situation: 'dropout', count: 7 },
        { situation: 'abandoned_unattended', count: 5 },
      ],
      byChannel: [
        { channel: 'mandatory', count: 8 },
        { channel: 'public', count: 4 },
      ],
      byPriority: [
        { priority: 'P1', count: 1 },
        { priority: 'P2', count: 3 },
        { priority: 'P3', count: 8 },
      ],
      byTownship: [
        { divisionCode: '341324100', placeName: '泗城镇', count: 9 },
        { divisionCode: '341324101', placeName: '墩集镇', count: 3 },
      ],
      byVillage: [],
    },
    children: {
      byCategory: [{ category: 'left_behind', count: 6 }],
      byStatus: [{ status: 'active', count: 6 }],
      dropouts: [{ state: 'persuading', count: 2, medianDays: 10, longestDays: 14 }],
    },
    clocks: [
      {
        unitId: 'unit-police',
        unitName: '泗县公安局',
        clock: 'sign',
        total: 4,
        onTime: 3,
        late: 1,
        onTimeShare: 0.75,
        medianMinutes: 42,
        p90Minutes: 150,
        overdue: 1,
        escalated: 0,
        interrupted: 1,
      },
      {
        unitId: 'unit-township',
        unitName: '泗城镇儿童督导员',
        clock: 'sign',
        total: 8,
        onTime: 8,
        late: 0,
        onTimeShare: 1,
        medianMinutes: 20,
        p90Minutes: 55,
        overdue: 0,
        escalated: 0,
        interrupted: 0,
      },
      {
        unitId: 'unit-police',
        unitName: '泗县公安局',
        clock: 'resolve',
        total: 2,
        onTime: 1,
        late: 1,
        onTimeShare: 0.5,
        medianMinutes: 4320,
        p90Minutes: 7200,
        overdue: 1,
        escalated: 1,
        interrupted: 0,
      },
    ],
    reportingDelay: {
      all: { reports: 8, medianHours: 6, over24hShare: 0.125 },
      byType: [{ type: 'school', reports: 8, medianHours: 6, over24hShare: 0.125 }],
      byInstitution: [
        {
          institutionId: 'inst-1',
          name: '泗县第一中学',
          type: 'school',
          reports: 8,
          medianHours: 6,
          over24hShare: 0.125,
        },
      ],
      silent: [
        {
          institutionId: 'inst-2',
          name: '关庙小学',
          type: 'school',
          divisionCode: '341324100203',
          placeName: '泗城镇关庙村',
          reportsFromCatchment: 3,
        },
      ],
    },
    satisfaction: { rated: 4, meanScore: 3.5, lowShare: 0.25, reviewed: 1 },
    ...overrides,
  };
}

export function anInstitution(overrides: Partial<Institution> = {}): Institution {
  return {
    id: 'inst-1',
    countyCode: '341324',
    name: '泗县第一中学',
    type: 'school',
    divisionCode: '341324100',
    placeName: '泗城镇',
    contactName: '王老师',
    contactPhone: '05577012345',
    reporterCount: 2,
    retiredAt: null,
    createdAt: '2026-11-01T02:00:00Z',
    updatedAt: '2026-11-01T02:00:00Z',
    ...overrides,
  };
}
