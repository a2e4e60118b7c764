import { randomUUID } from 'node:crypto';
import {
  STATS_MAX_SPAN_DAYS,
  type ApiErrorBody,
  type ChildFileDetail,
  type OrderDetail,
  type CreateReportRequest,
} from '@shouhu/shared';
import { COUNTY, TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReport } from '../factories/report.factory';
import { dateInputs, type DateInput } from '../setup/date-inputs';
import { http, type HttpResponse } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Monday 16 November 2026, noon in Beijing: "now" for every request below. */
const NOW = '2026-11-16T12:00:00+08:00';
const HOUR = 3600_000;
const at = (offsetHours: number) => new Date(Date.parse(NOW) + offsetHours * HOUR).toISOString();
/** When the file that PATCH and visits meet was opened (摸排). */
const OPENED = '2026-03-01T10:00:00+08:00';

/** A relation a date must keep: sent broken, the route answers 400 naming `key` with `reason`. */
interface Relation {
  rule: string;
  send(): Promise<HttpResponse<ApiErrorBody>>;
  reason: string;
  /** The field the refusal names when it is not the date's own (`days` for `days[].date`). */
  key?: string;
}

/**
 * "Can't be before X / after now": what each date or time a route takes must keep with the other
 * dates of the request or of what it changes. The walk finds every body and query date
 * (`dateInputs`, as the test of impossible dates does); each must stand here, with the relations
 * it keeps, each sent broken, or with why it has none. A date added to a route without its
 * relations fails the walk.
 */
describe('dates and times: the relations each date keeps, walked over every route', () => {
  let sut: TestApp;
  let county: County;
  let inputs: DateInput[];
  let fileId: string;
  let contactOrderId: string;
  let handoverOrderId: string;
  let relations: Record<string, Relation[] | string>;

  const token = (who: keyof County['sessions']) => county.sessions[who].token;
  const send = (who: keyof County['sessions'], method: string, path: string, body?: unknown) =>
    http<ApiErrorBody>(sut.baseUrl, method, path, {
      token: token(who),
      body,
      headers: { 'idempotency-key': randomUUID() },
    });
  const report = (overrides: Partial<CreateReportRequest>) =>
    send(
      'reporter',
      'POST',
      '/reports',
      aReport({ location: { divisionCode: TOWN }, ...overrides }),
    );
  const newFile = (body: object) =>
    send('township', 'POST', '/children', {
      divisionCode: TOWN,
      categories: ['left_behind'],
      child: { name: '关系童' },
      ...body,
    });
  const changeFile = (body: object) => send('township', 'PATCH', `/children/${fileId}`, body);
  const visit = (visitAt: string, visitedFileId = fileId) =>
    send('township', 'POST', `/children/${visitedFileId}/visits`, {
      at: visitAt,
      met: ['child'],
      checks: {
        family: { result: 'normal' },
        guardianship: { result: 'normal' },
        schooling: { result: 'normal' },
        wellbeing: { result: 'normal' },
      },
    });
  const handover = (handoverAt: string) =>
    send('civil', 'POST', `/orders/${handoverOrderId}/handover`, {
      at: handoverAt,
      handedOverBy: '交接人甲',
      receivedBy: '接收人乙',
      placedAt: '安置地丙',
    });
  type Send = (body: object) => Promise<HttpResponse<ApiErrorBody>>;
  /** A child's birth date, on every body that carries one: not after today, under 18. */
  const birthDates = (sendWith: (birthDate: string) => ReturnType<Send>): Relation[] => [
    { rule: 'not after today', send: () => sendWith('2026-11-17'), reason: '出生日期不能晚于今天' },
    {
      rule: 'not 18 years or more before today',
      send: () => sendWith('2008-11-16'),
      reason: '本平台受理未满18周岁的未成年人的情况',
    },
  ];
  /** When help began: not after today; no lower bound, as 低保 is the household's, older than the child. */
  const helpSince = (sendWith: Send): Relation[] => [
    {
      rule: 'not after today',
      send: () =>
        sendWith({ help: [{ kind: 'paired_teacher', since: '2026-11-17', provider: '王老师' }] }),
      reason: '帮扶开始日期不能晚于今天',
      key: 'help.0.since',
    },
  ];
  /** A period whose end comes before its start, and one longer than the figures take. */
  const periods = (path: string, extra = ''): Relation[] => [
    {
      rule: 'to not before from',
      send: () => send('coordinator', 'GET', `${path}?from=2026-11-02&to=2026-11-01${extra}`),
      reason: '结束日期不能早于开始日期',
    },
    {
      rule: 'at most the longest period',
      send: () => send('coordinator', 'GET', `${path}?from=2026-01-01&to=2027-01-02${extra}`),
      reason: `统计区间最长${STATS_MAX_SPAN_DAYS}天`,
    },
  ];
  const FROM = 'bounded by `to`, whose refusal names `to`';

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
    inputs = dateInputs(sut.app).filter((input) => input.in !== 'path');

    await county.setClock(OPENED);
    fileId = ((await newFile({ child: { name: '建档童' } })).body as unknown as { id: string }).id;

    await county.setClock(at(-2));
    const dropout = await submitReport(sut.baseUrl, token('reporter'), {
      discoveredAt: at(-3),
      location: { divisionCode: TOWN },
    });
    contactOrderId = (await orderOf(sut.baseUrl, token('township'), dropout.id, 'township')).id;
    const alone = await submitReport(sut.baseUrl, token('reporter'), {
      situations: ['living_alone'],
      discoveredAt: at(-3),
      location: { divisionCode: TOWN },
    });
    handoverOrderId = (await orderOf(sut.baseUrl, token('civil'), alone.id, 'civil_affairs')).id;
    await county.setClock(NOW);
    await act(sut.baseUrl, token('township'), contactOrderId, 'sign');
    await act(sut.baseUrl, token('civil'), handoverOrderId, 'sign');

    relations = {
      'POST /reports discoveredAt': [
        {
          rule: 'not after now',
          send: () => report({ discoveredAt: at(1) }),
          reason: '发现时间不能晚于现在',
        },
        {
          rule: 'not before the child’s birth',
          send: () =>
            report({
              discoveredAt: '2016-04-30T12:00:00+08:00',
              child: { birthDate: '2016-05-01' },
            }),
          reason: '发现时间不能早于孩子的出生日期（2016年5月1日）',
        },
      ],
      'POST /reports child.birthDate': birthDates((birthDate) => report({ child: { birthDate } })),
      'POST /children child.birthDate': birthDates((birthDate) =>
        newFile({ child: { birthDate } }),
      ),
      'POST /children help[].since': helpSince(newFile),
      'PATCH /children/:id child.birthDate': [
        ...birthDates((birthDate) => changeFile({ child: { birthDate } })),
        {
          rule: 'not after the day the file was opened',
          send: () => changeFile({ child: { birthDate: '2026-03-02' } }),
          reason: '出生日期不能晚于建档日期（2026年3月1日）',
        },
      ],
      'PATCH /children/:id help[].since': helpSince(changeFile),
      'POST /children/:id/visits at': [
        { rule: 'not after now', send: () => visit(at(1)), reason: '走访时间不能晚于现在' },
        {
          rule: 'not before the file was opened',
          send: () => visit('2026-03-01T09:00:00+08:00'),
          reason: '走访时间不能早于建档时间（2026年3月1日 10:00）',
        },
      ],
      'POST /orders/:id/contact at': [
        {
          rule: 'not after now',
          send: () => send('township', 'POST', `/orders/${contactOrderId}/contact`, { at: at(1) }),
          reason: '接触时间应在派单之后、现在之前',
        },
        {
          rule: 'not before the order was dispatched',
          send: () => send('township', 'POST', `/orders/${contactOrderId}/contact`, { at: at(-3) }),
          reason: '接触时间应在派单之后、现在之前',
        },
      ],
      'POST /orders/:id/handover at': [
        { rule: 'not after now', send: () => handover(at(1)), reason: '交接时间不能晚于现在' },
        {
          rule: 'not before the danger was found',
          send: () => handover(at(-4)),
          reason: '交接时间不能早于报告里发现情况的时间',
        },
      ],
      'POST /admin/school-holidays startsOn': [
        {
          rule: 'not before today',
          send: () =>
            send('admin', 'POST', '/admin/school-holidays', {
              countyCode: COUNTY,
              kind: 'winter',
              startsOn: '2026-11-15',
            }),
          reason: '假期开始日期不能早于今天：请录入还没有开始的假期',
        },
      ],
      'PUT /admin/calendar/:year days[].date': [
        {
          rule: 'within the year of the path',
          send: () =>
            send('admin', 'PUT', '/admin/calendar/2026', {
              days: [{ date: '2027-01-01', working: false }],
            }),
          reason: '日期 2027-01-01 不在 2026 年',
          key: 'days',
        },
      ],
      'PUT /admin/clock now': 'a drill sets the simulated clock to any time, back or forth',
      'GET /stats/overview from': FROM,
      'GET /stats/overview to': periods('/stats/overview'),
      'GET /stats/clock-orders from': FROM,
      'GET /stats/clock-orders to': periods(
        '/stats/clock-orders',
        `&unitId=${randomUUID()}&clock=sign&result=late`,
      ),
      'GET /stats/ledger.xlsx from': FROM,
      'GET /stats/ledger.xlsx to': periods('/stats/ledger.xlsx'),
    };
  }, 120_000);
  afterAll(() => sut.close());

  it('lists every date of every route’s body and query, and only those', () => {
    const walked = inputs.map((input) => `${input.route} ${input.field}`);

    expect([...new Set(walked)].sort()).toEqual(Object.keys(relations).sort());
  });

  it('takes a time a fast phone clock put a few minutes ahead as now, on every route refusing a time after now', async () => {
    const ahead = new Date(Date.parse(NOW) + 5 * 60_000).toISOString();
    const taken: Record<string, () => Promise<{ status: number; stored?: string | null }>> = {
      'POST /reports discoveredAt': async () => report({ discoveredAt: ahead }),
      'POST /children/:id/visits at': async () => {
        const file = (await newFile({ child: { name: '快钟童' } })).body as unknown as {
          id: string;
        };
        return visit(ahead, file.id);
      },
      'POST /orders/:id/contact at': async () => {
        const filed = await submitReport(sut.baseUrl, token('reporter'), {
          discoveredAt: at(-1),
          location: { divisionCode: TOWN },
        });
        const order = await orderOf(sut.baseUrl, token('township'), filed.id, 'township');
        await act(sut.baseUrl, token('township'), order.id, 'sign');
        const answer = await send('township', 'POST', `/orders/${order.id}/contact`, { at: ahead });
        const stored = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${order.id}`, {
          token: token('township'),
        });
        return { status: answer.status, stored: stored.body.order.contactedAt };
      },
      'POST /orders/:id/handover at': async () => {
        const filed = await submitReport(sut.baseUrl, token('reporter'), {
          situations: ['living_alone'],
          discoveredAt: at(-1),
          location: { divisionCode: TOWN },
        });
        const order = await orderOf(sut.baseUrl, token('civil'), filed.id, 'civil_affairs');
        await act(sut.baseUrl, token('civil'), order.id, 'sign');
        const answer = await send('civil', 'POST', `/orders/${order.id}/handover`, {
          at: ahead,
          handedOverBy: '交接人甲',
          receivedBy: '接收人乙',
          placedAt: '安置地丙',
        });
        const stored = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${order.id}`, {
          token: token('civil'),
        });
        return { status: answer.status, stored: stored.body.handovers[0]?.at };
      },
    };
    const refusingAfterNow = Object.entries(relations)
      .filter(
        ([, kept]) => typeof kept !== 'string' && kept.some((r) => r.rule === 'not after now'),
      )
      .map(([date]) => date);
    expect(Object.keys(taken).sort()).toEqual(refusingAfterNow.sort());

    const answers: Record<string, unknown> = {};
    for (const [date, send] of Object.entries(taken)) answers[date] = await send();

    // A contact or handover is recorded as done no later than the server received it.
    const now = new Date(NOW).toISOString();
    expect(answers).toEqual({
      'POST /reports discoveredAt': expect.objectContaining({ status: 201 }),
      'POST /children/:id/visits at': expect.objectContaining({ status: 201 }),
      'POST /orders/:id/contact at': { status: 200, stored: now },
      'POST /orders/:id/handover at': { status: 201, stored: now },
    });
  });

  it('answers 400 naming the field and why, for each relation broken, and changes nothing', async () => {
    const wrong: string[] = [];
    for (const [date, kept] of Object.entries(relations)) {
      if (typeof kept === 'string') continue;
      const field = date.split(' ')[2].replace('[]', '.0');
      for (const relation of kept) {
        const response = await relation.send();
        const got = response.body?.errors?.[relation.key ?? field];
        if (response.status !== 400 || got !== relation.reason) {
          wrong.push(
            `${date} (${relation.rule}): ${response.status} ${JSON.stringify(response.body)}`,
          );
        }
      }
    }

    expect(wrong).toEqual([]);
    const file = await http<ChildFileDetail>(sut.baseUrl, 'GET', `/children/${fileId}`, {
      token: token('township'),
    });
    expect([file.body.child, file.body.visits, file.body.help]).toEqual([
      { name: '建档童' },
      [],
      [],
    ]);
  });
});
