import {
  SITUATION_CODES,
  type ApiErrorBody,
  type AuthResponse,
  type OrderDetail,
  type OrderSummary,
  type Page,
  type Unit,
  type UnitChoice,
} from '@shouhu/shared';
import { COUNTY, aCounty, type County } from '../factories/county.factory';
import { orderOf, submitReport } from '../factories/order.factory';
import { aSessionWith } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** 关庙村 of 泗城镇, whose 儿童主任 has a unit; 龙霄社区 of 萧县's 龙城镇, likewise. */
const GUANMIAO = '341324100203';
const OTHER_COUNTY = '341322';
const LONGXIAO = '341322100002';

/**
 * Village units keep files and make visits; they never receive a report order (domain.md, "The
 * child, not the ticket"): a report placed in a village with a unit of its own still goes to the
 * township, police, civil affairs and education, or to the coordinator when no unit of the
 * department is there, and 转办 and 改派 never offer or accept a village unit.
 */
describe('reports placed in a village with a village unit', () => {
  let sut: TestApp;
  let county: County;
  let village: Unit;
  let villageWorker: AuthResponse;
  /** Another 泗县 township station, so the township order has somewhere to be moved to. */
  let dinghu: Unit;

  beforeAll(async () => {
    sut = await startTestApp();
    county = await aCounty(sut.baseUrl);
    village = await aUnit(sut.baseUrl, {
      name: '关庙村（儿童主任）',
      department: 'village',
      divisionPrefixes: [GUANMIAO],
      parentId: county.units.township.id,
    });
    dinghu = await aUnit(sut.baseUrl, {
      name: '丁湖镇儿童督导站',
      department: 'township',
      divisionPrefixes: [`${COUNTY}102`],
    });
    villageWorker = await aSessionWith(sut.baseUrl, { role: 'handler', unitId: village.id });
  });
  afterAll(() => sut.close());

  const ordersOf = async (token: string, reportId: string) =>
    (
      await http<Page<OrderSummary>>(sut.baseUrl, 'GET', '/orders?pageSize=100', { token })
    ).body.items.filter((o) => o.reportId === reportId);

  it.each(SITUATION_CODES)(
    'sends every order of a %s report to the department’s unit, none to the village',
    async (code) => {
      const report = await submitReport(sut.baseUrl, county.sessions.reporter.token, {
        situations: [code],
        location: { divisionCode: GUANMIAO },
        child: {},
      });

      const orders = await ordersOf(county.sessions.coordinator.token, report.id);
      const expectedUnit = {
        police: county.units.police.id,
        civil_affairs: county.units.civil.id,
        township: county.units.township.id,
        education: county.units.education.id,
      };

      expect(orders.length).toBe(report.orders.length);
      for (const order of orders) {
        expect([order.department, order.unitId, order.unrouted]).toEqual([
          order.department,
          expectedUnit[order.department],
          false,
        ]);
      }
      expect(await ordersOf(villageWorker.token, report.id)).toEqual([]);
    },
  );

  it('sends the orders no unit takes to the county’s coordinator, never to the village unit', async () => {
    const coordinator = await aUnit(sut.baseUrl, {
      name: '萧县联席办',
      department: 'coordinator',
      divisionPrefixes: [OTHER_COUNTY],
      parentId: county.units.city.id,
    });
    const station = await aUnit(sut.baseUrl, {
      name: '龙城镇儿童督导站',
      department: 'township',
      divisionPrefixes: [LONGXIAO.slice(0, 9)],
    });
    const longxiao = await aUnit(sut.baseUrl, {
      name: '龙霄社区（儿童主任）',
      department: 'village',
      divisionPrefixes: [LONGXIAO],
      parentId: station.id,
    });
    const xiaoCoordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: coordinator.id,
    });

    // Police lead, civil affairs and the township assist; 萧县 has no police or civil affairs unit.
    const report = await submitReport(sut.baseUrl, county.sessions.reporter.token, {
      situations: ['violence_abuse'],
      location: { divisionCode: LONGXIAO },
      child: {},
    });
    const orders = await ordersOf(xiaoCoordinator.token, report.id);

    expect(
      orders
        .map((o) => [o.department, o.unitId, o.unrouted])
        .sort((a, b) => `${a}`.localeCompare(`${b}`)),
    ).toEqual([
      ['civil_affairs', coordinator.id, true],
      ['police', coordinator.id, true],
      ['township', station.id, false],
    ]);
    expect(orders.map((o) => o.unitId)).not.toContain(longxiao.id);
  });

  describe('转办 and 改派 of the township order', () => {
    let orderId: string;

    beforeAll(async () => {
      const report = await submitReport(sut.baseUrl, county.sessions.reporter.token, {
        situations: ['carer_neglect'],
        location: { divisionCode: GUANMIAO },
        child: {},
      });
      orderId = (await orderOf(sut.baseUrl, county.sessions.township.token, report.id, 'township'))
        .id;
    });

    it.each([
      ['the township’s handler', 'township'],
      ['the coordinator', 'coordinator'],
    ] as const)('offers %s other township stations, never a village unit', async (_, who) => {
      const choices = await http<UnitChoice[]>(sut.baseUrl, 'GET', `/orders/${orderId}/units`, {
        token: county.sessions[who].token,
      });

      expect(choices.status).toBe(200);
      expect(choices.body.map((u) => u.id)).toContain(dinghu.id);
      expect(choices.body.filter((u) => u.department !== 'township')).toEqual([]);
    });

    it.each([
      ['transfer', 'township'],
      ['reassign', 'coordinator'],
    ] as const)(
      'refuses to %s it to the village unit, and the order stays',
      async (action, who) => {
        const refused = await http<ApiErrorBody>(
          sut.baseUrl,
          'POST',
          `/orders/${orderId}/${action}`,
          {
            token: county.sessions[who].token,
            body: { unitId: village.id, reason: '请村里办理' },
          },
        );
        const order = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${orderId}`, {
          token: county.sessions.coordinator.token,
        });

        expect(refused.status).toBe(400);
        expect(refused.body.errors?.unitId).toBeDefined();
        expect(order.body.order.unitId).toBe(county.units.township.id);
      },
    );
  });
});
