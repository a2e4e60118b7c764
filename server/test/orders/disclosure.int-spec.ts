import type { OrderDetail, ReportDetails } from '@shouhu/shared';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { orderOf, submitReport } from '../factories/order.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('what handlers see of a report', () => {
  let sut: TestApp;
  let county: County;

  beforeAll(async () => {
    sut = await startTestApp();
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());

  type Viewer = 'police' | 'township' | 'coordinator';

  async function viewAs(
    reporter: Parameters<typeof submitReport>[2] extends infer O
      ? O extends { reporter?: infer R }
        ? R
        : never
      : never,
  ): Promise<Record<Viewer, OrderDetail<ReportDetails>>> {
    const report = await submitReport(sut.baseUrl, county.sessions.reporter.token, {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN, address: '泗城镇某村三组' },
      child: { name: '李小花', ageYears: 7, school: '泗城镇中心小学' },
      reporter,
    });
    const detail = async (who: Viewer, department: 'police' | 'township') => {
      const order = await orderOf(sut.baseUrl, county.sessions[who].token, report.id, department);
      const response = await http<OrderDetail<ReportDetails>>(
        sut.baseUrl,
        'GET',
        `/orders/${order.id}`,
        {
          token: county.sessions[who].token,
        },
      );
      return response.body;
    };
    return {
      police: await detail('police', 'police'),
      township: await detail('township', 'township'),
      coordinator: await detail('coordinator', 'township'),
    };
  }

  it('shows a confidential reporter to police orders and coordinators only', async () => {
    const views = await viewAs({
      anonymous: false,
      confidential: true,
      name: '张医生',
      phone: '13800001111',
    });

    expect(views.police.report.reporter).toMatchObject({
      disclosed: true,
      name: '张医生',
      phone: '13800001111',
    });
    expect(views.coordinator.report.reporter).toMatchObject({ disclosed: true, name: '张医生' });
    expect(views.township.report.reporter).toEqual({
      disclosed: false,
      anonymous: false,
      confidential: true,
    });
  });

  it('shows an anonymous reporter to nobody', async () => {
    const views = await viewAs({ anonymous: true, name: undefined, phone: undefined });

    for (const view of Object.values(views)) {
      expect(view.report.reporter).toEqual({
        disclosed: false,
        anonymous: true,
        confidential: false,
      });
    }
  });

  it('shows a named reporter to every handler of the report', async () => {
    const views = await viewAs({
      anonymous: false,
      confidential: false,
      name: '王老师',
      phone: '13800002222',
    });

    expect(views.township.report.reporter).toMatchObject({ disclosed: true, name: '王老师' });
  });

  it('shows the child, the place and the other departments to handlers of the report', async () => {
    const views = await viewAs({ anonymous: true, name: undefined, phone: undefined });

    expect(views.township.report.child).toEqual({
      name: '李小花',
      ageYears: 7,
      school: '泗城镇中心小学',
    });
    expect(views.township.report.location).toMatchObject({
      address: '泗城镇某村三组',
      divisionPath: [
        { code: '34', name: '安徽省' },
        { code: '3413', name: '宿州市' },
        { code: '341324', name: '泗县' },
        { code: '341324100', name: '泗城镇' },
      ],
    });
    expect(views.township.otherOrders.map((o) => o.department).sort()).toEqual([
      'civil_affairs',
      'police',
    ]);
  });
});
