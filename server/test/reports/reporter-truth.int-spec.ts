import {
  ORDER_PLACEMENTS,
  leadFirst,
  placementText,
  type OrderPlacement,
  type ReceivingDepartment,
  type ReportCreatedResponse,
  type ReporterReportView,
} from '@shouhu/shared';
import { TOWN, TOWN_WITHOUT_SUPERVISOR, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, signAndResolve, submitReport } from '../factories/order.factory';
import { aReporterSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** 东城区 (北京): no unit and no coordinator of the test county covers it: the admin queue. */
const UNCOVERED_COUNTY = '110101';

const toKey = ([department, role]: (string | null)[]) =>
  ({ department, role }) as { department: ReceivingDepartment; role: 'lead' | 'assist' };

/**
 * What the reporter is told is true (issue 11): the receipt, 我的报告 and the progress page say
 * where each order really is, each department's result reaches the reporter when it is given, and
 * nothing names a unit or a handler.
 */
describe('what the reporter is told is true', () => {
  let sut: TestApp;
  let county: County;

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());

  const get = async (path: string, token?: string) => {
    const response = await http<ReporterReportView>(sut.baseUrl, 'GET', path, { token });
    expect(response.status).toBe(200);
    return response.body;
  };

  /** The report as its owner sees it on the progress page, in 我的报告, and by tracking code. */
  async function everyView(token: string, report: ReportCreatedResponse) {
    const mine = await http<ReporterReportView[]>(sut.baseUrl, 'GET', '/reports/mine', { token });
    const listed = mine.body.find((r) => r.id === report.id);
    if (!listed) throw new Error('the report is not in 我的报告');
    return {
      progress: await get(`/reports/${report.id}`, token),
      mine: listed,
      track: await get(`/track/${report.trackingCode}`),
    };
  }

  const unitNames = () => Object.values(county.units).map((u) => u.name);

  /**
   * One way each placement comes about: the township order of a dropout at 泗城镇 goes to its
   * 儿童督导站; at 墩集镇, which has none, to the county coordinator unrouted; a report no unit of
   * the county covers goes to the admin queue; a returned order waits for the coordinator too.
   */
  const placements: Record<
    OrderPlacement,
    { divisionCode: string; receiptUnit: () => string; returned?: boolean }[]
  > = {
    unit: [{ divisionCode: TOWN, receiptUnit: () => county.units.township.name }],
    coordinator: [
      { divisionCode: TOWN_WITHOUT_SUPERVISOR, receiptUnit: () => county.units.coordinator.name },
      { divisionCode: TOWN, receiptUnit: () => county.units.township.name, returned: true },
    ],
    admin: [{ divisionCode: UNCOVERED_COUNTY, receiptUnit: () => '系统管理员' }],
  };
  const cases = ORDER_PLACEMENTS.flatMap((placement) =>
    placements[placement].map((c) => [placement, c] as const),
  );

  it.each(cases)(
    'an order placed with %s is said to be there on the receipt, 我的报告, the progress page and by code',
    async (placement, scenario) => {
      const reporter = await aReporterSession(sut.baseUrl);
      const receipt = await submitReport(sut.baseUrl, reporter.token, {
        situations: ['dropout'],
        location: { divisionCode: scenario.divisionCode },
      });
      const township = receipt.orders.find((o) => o.department === 'township');
      if (scenario.returned) {
        const order = await orderOf(
          sut.baseUrl,
          county.sessions.township.token,
          receipt.id,
          'township',
        );
        await act(sut.baseUrl, county.sessions.township.token, order.id, 'return', {
          reason: '孩子户籍不在本镇',
        });
        expect(township).toMatchObject({ placement: 'unit' });
      } else {
        expect(township).toMatchObject({ placement, unitName: scenario.receiptUnit() });
      }

      for (const [where, view] of Object.entries(await everyView(reporter.token, receipt))) {
        const order = view.orders.find((o) => o.department === 'township');
        expect({ where, placement: order?.placement }).toEqual({ where, placement });
      }
    },
  );

  it('gives the deadlines of each department and what the report said, but only to its owner', async () => {
    const reporter = await aReporterSession(sut.baseUrl);
    const receipt = await submitReport(sut.baseUrl, reporter.token, {
      situations: ['dropout', 'poverty_hardship'],
      location: { divisionCode: TOWN },
      description: '孩子已经两周没有来上学，家里没有大人，邻居说常常饿肚子。',
    });

    const { progress, mine, track } = await everyView(reporter.token, receipt);

    for (const view of [progress, mine]) {
      expect(view.reported).toEqual({
        description: '孩子已经两周没有来上学，家里没有大人，邻居说常常饿肚子。',
        situations: ['dropout', 'poverty_hardship'],
      });
    }
    expect(track.reported).toBeUndefined();
    expect(JSON.stringify(track)).not.toContain('饿肚子');
    for (const view of [progress, mine, track]) {
      expect(view.orders.map((o) => [o.department, o.role, o.signDueAt, o.resolveDueAt])).toEqual(
        receipt.orders
          .map((o) => [o.department, o.role, o.signDueAt, o.resolveDueAt])
          .sort((a, b) => leadFirst(toKey(a), toKey(b))),
      );
    }
  });

  it('tells the reporter each department’s result of a statutory report as it is given, the lead’s last', async () => {
    const reporter = await aReporterSession(sut.baseUrl);
    const receipt = await submitReport(sut.baseUrl, reporter.token, {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN },
    });
    expect(receipt.orders.map((o) => o.department).sort()).toEqual([
      'civil_affairs',
      'police',
      'township',
    ]);
    const steps: {
      department: ReceivingDepartment;
      session: keyof County['sessions'];
      outcome: string;
      summary: string;
      label: string;
    }[] = [
      {
        department: 'civil_affairs',
        session: 'civil',
        outcome: 'benefits_granted',
        summary: '已为孩子申请临时救助。',
        label: '已纳入保障或给予救助',
      },
      {
        department: 'township',
        session: 'township',
        outcome: 'home_visit_done',
        summary: '督导员已上门看望孩子。',
        label: '已家访并落实帮扶',
      },
      {
        department: 'police',
        session: 'police',
        outcome: 'case_filed',
        summary: '已依法立案侦查。',
        label: '已立案侦查',
      },
    ];
    const given: ReceivingDepartment[] = [];

    for (const step of steps) {
      const token = county.sessions[step.session].token;
      const order = await orderOf(sut.baseUrl, token, receipt.id, step.department);
      await act(sut.baseUrl, token, order.id, 'sign');
      await act(sut.baseUrl, token, order.id, 'resolve', {
        outcome: step.outcome,
        reporterSummary: step.summary,
        detail: `内部记录：${county.units.police.name}经办`,
      });
      given.push(step.department);

      for (const view of Object.values(await everyView(reporter.token, receipt))) {
        const withResult = view.orders.filter((o) => o.result).map((o) => o.department);
        expect(withResult.sort()).toEqual([...given].sort());
        const mine = view.orders.find((o) => o.department === step.department);
        expect(mine?.result).toEqual({
          code: step.outcome,
          label: step.label,
          summary: step.summary,
        });
        expect(view.timeline.filter((e) => e.kind === 'result').map((e) => e.text)).toEqual(
          steps
            .slice(0, given.length)
            .map((s) => `${placementText(s.department, 'unit')}：${s.label}。${s.summary}`),
        );
        const json = JSON.stringify(view);
        for (const name of [...unitNames(), '内部记录']) expect(json).not.toContain(name);
      }
    }

    const closed = await get(`/reports/${receipt.id}`, reporter.token);
    expect(closed.status).toBe('closed');
    expect(closed.outcome).toEqual({
      code: 'case_filed',
      label: '已立案侦查',
      summary: '已依法立案侦查。',
    });
    expect(closed.orders.map((o) => o.department)[0]).toBe('police');
  });

  it('keeps a report 已提交 while only an assist has given its result, and 受理 comes from the lead signing', async () => {
    const reporter = await aReporterSession(sut.baseUrl);
    const receipt = await submitReport(sut.baseUrl, reporter.token, {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN },
    });
    await signAndResolve(sut.baseUrl, county.sessions.civil.token, receipt.id, 'civil_affairs', {
      outcome: 'assessed_no_need',
      reporterSummary: '经评估暂不需要临时监护。',
      detail: '入户评估，监护人在家。',
    });

    const before = await get(`/reports/${receipt.id}`, reporter.token);
    const police = await orderOf(sut.baseUrl, county.sessions.police.token, receipt.id, 'police');
    await act(sut.baseUrl, county.sessions.police.token, police.id, 'sign');
    const after = await get(`/reports/${receipt.id}`, reporter.token);

    expect(before.status).toBe('submitted');
    expect(before.outcome).toBeUndefined();
    expect(before.orders.find((o) => o.department === 'civil_affairs')?.result?.label).toBe(
      '经评估暂不需要保障',
    );
    expect(after.status).toBe('accepted');
  });

  it('keeps a report 已提交 when a note for the reporter comes before the lead signs, and still records 受理', async () => {
    const reporter = await aReporterSession(sut.baseUrl);
    const receipt = await submitReport(sut.baseUrl, reporter.token, {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN },
    });
    const township = await orderOf(
      sut.baseUrl,
      county.sessions.township.token,
      receipt.id,
      'township',
    );
    await act(sut.baseUrl, county.sessions.township.token, township.id, 'sign');
    await act(sut.baseUrl, county.sessions.township.token, township.id, 'notes', {
      text: '已联系学校了解情况。',
      reporterVisible: true,
    });

    const before = await get(`/reports/${receipt.id}`, reporter.token);
    const police = await orderOf(sut.baseUrl, county.sessions.police.token, receipt.id, 'police');
    await act(sut.baseUrl, county.sessions.police.token, police.id, 'sign');
    const after = await get(`/reports/${receipt.id}`, reporter.token);

    expect(before.status).toBe('submitted');
    expect(before.timeline.map((e) => e.kind)).toContain('progress');
    expect(after.status).toBe('accepted');
    expect(after.timeline.map((e) => e.kind)).toContain('accepted');
  });
});
