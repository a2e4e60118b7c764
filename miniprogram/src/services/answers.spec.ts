import {
  aChildFileDetail,
  aMessage,
  aChildFileSummary,
  aChildFileVisit,
  aDueVisit,
  aHandover,
  aPlannedVisit,
  anOrder,
  anOrderDetail,
  anInstitution,
  aStatsOverview,
} from '../../test/factories';
import type { Shape } from './answer-shape';
import * as answers from './answers';
import { ApiError } from './api-error';

const view = {
  id: 'report-1',
  trackingCode: 'ACDEFGHJKM',
  status: 'closed',
  priority: 'P3',
  createdAt: '2026-11-20T02:00:00Z',
  timeline: [{ at: '2026-11-20T02:00:00Z', kind: 'submitted', text: '报告已提交' }],
  orders: [
    {
      department: 'township',
      role: 'lead',
      placement: 'unit',
      status: 'resolved',
      signDueAt: null,
      resolveDueAt: null,
      result: { code: 'answered', label: '已答复', summary: '已电话答复。' },
    },
  ],
  reported: { description: '孩子两周没上学。', situations: ['dropout'] },
  outcome: { code: 'answered', label: '已答复', summary: '已电话答复。' },
};

/** An answer the server sends, per check: each check must let the real thing through. */
const GOOD: Record<keyof typeof answers, unknown> = {
  isAuthResponse: { token: 't', user: { id: 'u1', roles: ['reporter'] } },
  isDivisionList: [{ code: '34', name: '安徽省' }],
  isReporterReportView: view,
  isReporterReportList: [view, { ...view, outcome: undefined }],
  isReportCreated: {
    id: 'report-1',
    trackingCode: 'ACDEFGHJKM',
    status: 'submitted',
    priority: 'P1',
    advice: { call110: true },
    orders: [
      {
        department: 'police',
        role: 'lead',
        unitName: '泗县公安局',
        placement: 'unit',
        priority: 'P1',
        signDueAt: '2026-11-20T02:30:00Z',
        resolveDueAt: '2026-11-23T02:00:00Z',
      },
    ],
  },
  isOrderSummary: anOrder(),
  isOrderPage: { items: [anOrder(), anOrder({ nextClock: null, unitId: null })], total: 2 },
  isOrderDetail: { ...anOrderDetail(), childFile: { id: 'file-1' }, handovers: [aHandover()] },
  isHandover: aHandover(),
  isChildFileSummary: aChildFileSummary({ child: {}, nextVisitDueAt: null, unitName: null }),
  isChildFilePage: { items: [aChildFileSummary()], total: 1 },
  isChildFileDetail: aChildFileDetail({
    guardian: null,
    carer: null,
    visits: [aChildFileVisit(), aChildFileVisit({ unitName: null, findings: null, reportId: 'r' })],
    plannedVisits: [aPlannedVisit()],
  }),
  isDueVisitPage: {
    items: [aDueVisit(), aDueVisit({ child: {}, unitId: null, unitName: null, overdue: true })],
    total: 2,
  },
  isCreatedFile: { id: 'file-1' },
  isDropoutChanged: {
    dropout: {
      state: 'whereabouts_unknown',
      since: '2026-12-01T02:00:00Z',
      returnedAt: null,
      check: null,
    },
    nextVisitDueAt: null,
    police: { via: 'handoff', reportId: 'report-1', orderId: 'order-9', unitName: '泗县公安局' },
  },
  isDropoutFigures: [
    { state: 'persuading', count: 3, medianDays: 20, longestDays: 30 },
    { state: 'consolidated', count: 0, medianDays: null, longestDays: null },
  ],
  isUnitChoiceList: [{ id: 'unit-1', name: '墩集派出所', department: 'police' }],
  isNotificationTemplates: { accepted: 'tmpl-1', progress: null, closed: null, newOrder: null },
  isSubscriptionState: { remaining: { accepted: 1, progress: 0, closed: 0 } },
  isNewOrderSubscriptionState: { remaining: 3 },
  isUploaded: { uploadId: '6f1c1f39-3a47-4d6c-9a7e-0d8f2b3c4d5e' },
  isInboxMessage: aMessage({ readAt: '2026-12-03T06:05:00Z' }),
  isInboxPage: {
    items: [aMessage(), aMessage({ id: 'message-2', page: null, readAt: '2026-12-03T06:05:00Z' })],
    total: 2,
    unread: 1,
  },
  isUnreadCount: { unread: 0 },
  isStatsOverview: aStatsOverview(),
  isInstitution: anInstitution({ contactName: null, contactPhone: null }),
  isInstitutionPage: { items: [anInstitution()], total: 1 },
  isInstitutionImportResult: { created: 3, updated: 1, unchanged: 0 },
  isInvite: { code: 'ABCD2345EFGH', role: 'mandated_reporter', expiresAt: '2026-12-04T02:00:00Z' },
  isHotlineCallbackList: [
    {
      reportId: 'report-1',
      trackingCode: 'ACDEFGHJKM',
      closedAt: '2026-11-20T02:00:00Z',
      callerName: '王女士',
      callerPhone: '13800000000',
      outcomes: ['已答复'],
      unreachedCalls: 0,
    },
    {
      ...view,
      reportId: 'report-2',
      callerName: null,
      callerPhone: null,
      outcomes: [],
      unreachedCalls: 2,
      closedAt: '2026-11-21T02:00:00Z',
    },
  ],
};

/** What a public Wi-Fi login page or a broken proxy answers with `200`. */
const NOT_THE_SERVER: [string, unknown][] = [
  ['a login page', '<html><body>请登录后上网</body></html>'],
  ['null', null],
  ['a number', 1],
];

const CHECKS = Object.entries(answers) as [keyof typeof answers, Shape<unknown>][];

describe('the checks of each answer the app reads', () => {
  it.each(CHECKS)('%s lets the server’s answer through', (name, check) => {
    expect(check(GOOD[name])).toBe(true);
  });

  it.each(
    CHECKS.flatMap(([name, check]) =>
      NOT_THE_SERVER.map(([what, body]) => [name, what, body, check] as const),
    ),
  )('%s refuses %s', (_name, _what, body, check) => {
    expect(check(body)).toBe(false);
  });

  it.each(
    CHECKS.filter(([name]) => name !== 'isSubscriptionState' && name !== 'isNotificationTemplates'),
  )('%s refuses {"ok":true}', (_name, check) => {
    expect(check({ ok: true })).toBe(false);
  });

  it.each([
    ['an order without its clocks', answers.isOrderSummary, anOrder({ overdue: undefined })],
    ['figures without the clocks', answers.isStatsOverview, aStatsOverview({ clocks: undefined })],
    [
      'a share that is text',
      answers.isStatsOverview,
      aStatsOverview({
        satisfaction: { rated: 1, meanScore: 5, lowShare: '0', reviewed: 0 } as never,
      }),
    ],
    [
      'an institution without its place',
      answers.isInstitution,
      anInstitution({ placeName: undefined }),
    ],
    ['an invite without its code', answers.isInvite, { expiresAt: '2026-12-04T02:00:00Z' }],
    ['a timeline that is not a list', answers.isReporterReportView, { ...view, timeline: {} }],
    ['a count that is text', answers.isNewOrderSubscriptionState, { remaining: '3' }],
    ['an inbox without its unread count', answers.isInboxPage, { items: [], total: 0 }],
    ['a message without its text', answers.isInboxMessage, aMessage({ text: undefined })],
  ])('refuses %s', (_what, check: Shape<unknown>, body) => {
    expect(check(body)).toBe(false);
  });
});

describe('ApiError.badAnswer', () => {
  it.each([
    ['a login page', '<html></html>', '网络可能需要登录，请检查Wi-Fi后再试'],
    ['JSON of another shape', { ok: true }, '服务器返回的内容不正确，请稍后再试'],
  ])('says what to do after %s, and the call may be sent again', (_what, body, message) => {
    const error = ApiError.badAnswer(200, body);

    expect(error.lines()).toEqual([message]);
    expect(error.retryable).toBe(true);
  });
});
