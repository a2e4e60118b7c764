import { act, fireEvent } from '@testing-library/react';
import type { OrderDetail, OrderSummary, ReportDetails, ReportRoutingView } from '@shouhu/shared';
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
