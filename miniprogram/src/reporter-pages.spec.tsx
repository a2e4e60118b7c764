/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import {
  ORDER_PLACEMENTS,
  chineseDateTime,
  placementText,
  type CreateReportRequest,
  type OrderPlacement,
  type ReportCreatedResponse,
  type ReporterReportView,
} from '@shouhu/shared';
import type { ComponentType } from 'react';
import { aFilledForm, tap } from '../test/factories';
import { resetTaro } from '../test/taro-mock';
import IndexPage from './pages/index/index';
import MyReportsPage from './pages/mine/index';
import ProgressPage from './pages/progress/index';
import ReceiptPage from './pages/receipt/index';
import { queueReport, sendQueued } from './services/outbox';
import { keepReceipt } from './services/reports';

const mockParams: Record<string, string> = {};
jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../test/taro-mock');
  const { useEffect } = jest.requireActual('react');
  return {
    ...mock,
    __esModule: true,
    useRouter: () => ({ params: mockParams }),
    // Pages load their data when shown: once, as a page is shown once here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    useDidShow: (show: () => void) => useEffect(() => show(), []),
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;
const SIGN_DUE = '2026-11-21T15:59:59.999Z';
const RESOLVE_DUE = '2026-11-27T15:59:59.999Z';
const DESCRIPTION =
  '孩子已经两周没有来上学，家里电话一直打不通。邻居说他白天一个人在镇上网吧，晚上很晚才回家，奶奶年纪大了管不住他，父母都在外地打工，过年才回来一次。';

function aView(placement: OrderPlacement): ReporterReportView {
  return {
    id: 'report-1',
    trackingCode: 'ACDEFGHJKM',
    status: 'submitted',
    priority: 'P3',
    createdAt: '2026-11-20T02:00:00Z',
    timeline: [{ at: '2026-11-20T02:00:00Z', kind: 'submitted', text: '报告已提交' }],
    orders: [
      {
        department: 'township',
        role: 'lead',
        placement,
        status: 'dispatched',
        signDueAt: SIGN_DUE,
        resolveDueAt: RESOLVE_DUE,
        result: null,
      },
      {
        department: 'education',
        role: 'assist',
        placement: 'unit',
        status: 'resolved',
        signDueAt: null,
        resolveDueAt: null,
        result: { code: 'answered', label: '已答复', summary: '学校已安排老师家访。' },
      },
    ],
    reported: { description: DESCRIPTION, situations: ['dropout'] },
  };
}

function aReceipt(placement: OrderPlacement): ReportCreatedResponse {
  return {
    id: 'report-1',
    trackingCode: 'ACDEFGHJKM',
    status: 'submitted',
    priority: 'P3',
    advice: { call110: false },
    orders: [
      {
        department: 'township',
        role: 'lead',
        unitName: placement === 'unit' ? '泗城镇儿童督导站' : '泗县联席办',
        placement,
        priority: 'P3',
        signDueAt: SIGN_DUE,
        resolveDueAt: RESOLVE_DUE,
      },
    ],
  };
}

function answer(data: (url: string) => unknown) {
  taro.request.mockImplementation(async (options: { url: string }) => {
    const body = data(options.url);
    return body === undefined
      ? { statusCode: 404, header: {}, data: { code: 'NOT_FOUND', message: '没有找到' } }
      : { statusCode: 200, header: {}, data: body };
  });
}

beforeEach(() => {
  resetTaro();
  for (const key of Object.keys(mockParams)) delete mockParams[key];
  Taro.setStorageSync('shouhu.token', 'token-1');
});

/** Each page where the reporter reads where a report went. */
const WHERE_IT_WENT: [string, ComponentType, (placement: OrderPlacement) => void][] = [
  [
    'the receipt',
    ReceiptPage,
    (placement) => {
      Object.assign(mockParams, { id: 'report-1', code: 'ACDEFGHJKM' });
      keepReceipt(aReceipt(placement));
      answer(() => ({ accepted: null, progress: null, closed: null }));
    },
  ],
  ['我的报告', MyReportsPage, (placement) => answer(() => [aView(placement)])],
  [
    'the progress page',
    ProgressPage,
    (placement) => {
      mockParams.id = 'report-1';
      answer(() => aView(placement));
    },
  ],
];

describe.each(WHERE_IT_WENT)('%s', (_, Page, arrange) => {
  it.each(ORDER_PLACEMENTS)(
    'says where an order held by %s really is, and its deadlines in Beijing time',
    async (placement) => {
      arrange(placement);
      const { container } = render(<Page />);

      await screen.findAllByText(
        new RegExp(placementText('township', placement).replace(/[（）]/g, '.')),
      );
      expect(container.textContent).toContain(`${chineseDateTime(SIGN_DUE)} 前签收`);
      expect(container.textContent).toContain(`${chineseDateTime(RESOLVE_DUE)} 前办结`);
      if (placement !== 'unit') expect(container.textContent).not.toMatch(/乡镇（儿童督导员）/);
    },
  );
});

describe('我的报告 and the progress page', () => {
  it('show what the reporter wrote (the start of it in the list) and each department’s result', async () => {
    answer(() => [aView('unit')]);
    const list = render(<MyReportsPage />);
    await screen.findByText('辍学');
    const listed = list.container.textContent ?? '';
    list.unmount();
    mockParams.id = 'report-1';
    answer(() => aView('unit'));
    const progress = render(<ProgressPage />);
    await screen.findByText('您报告的情况');

    expect(listed).toContain(`${[...DESCRIPTION].slice(0, 59).join('')}…`);
    expect(listed).not.toContain(DESCRIPTION);
    expect(progress.container.textContent).toContain(DESCRIPTION);
    for (const text of [listed, progress.container.textContent]) {
      expect(text).toContain('办理结果：已答复。学校已安排老师家访。');
    }
  });
});

const request: CreateReportRequest = {
  channel: 'public',
  situations: ['dropout'],
  immediateDanger: false,
  description: DESCRIPTION,
  discoveredAt: '2026-11-20T08:00:00+08:00',
  location: { divisionCode: '341324' },
  child: {},
  reporter: { anonymous: true },
};

/** Each page that says a report is waiting to be sent. */
const SHOWS_WAITING: [string, ComponentType][] = [
  ['the home page', IndexPage],
  ['我的报告', MyReportsPage],
];

describe.each(SHOWS_WAITING)('%s', (_, Page) => {
  it('shows a report waiting to be sent, sends it on 立即发送 and then offers its receipt', async () => {
    let online = false;
    const posted: string[] = [];
    taro.request.mockImplementation(
      async (options: { url: string; header: Record<string, string> }) => {
        if (options.url.endsWith('/reports') && !online) throw new Error('request:fail');
        if (options.url.endsWith('/reports')) {
          posted.push(options.header['Idempotency-Key']);
          return { statusCode: 201, header: {}, data: aReceipt('unit') };
        }
        if (options.url.endsWith('/reports/mine')) return { statusCode: 200, header: {}, data: [] };
        return {
          statusCode: 200,
          header: {},
          data: { token: 't', user: { id: 'u', roles: ['reporter'] } },
        };
      },
    );
    await queueReport({ idempotencyKey: 'key-1', request, form: aFilledForm() });
    render(<Page />);

    await screen.findByText('1 份报告等待发送，联网后自动发送');
    online = true;
    await tap(screen.getByText('立即发送'));
    await act(() => sendQueued());

    await screen.findByText('等待发送的报告已发送');
    expect(posted).toEqual(['key-1']);
    await tap(screen.getByText('查看回执'));
    expect(taro.navigateTo).toHaveBeenCalledWith({
      url: expect.stringContaining('/pages/receipt/index?id=report-1&code=ACDEFGHJKM'),
    });
  });
});

describe('the home page', () => {
  it('says exactly what anonymity means and costs', async () => {
    const { container } = render(<IndexPage />);

    expect(container.textContent).toContain(
      '匿名报告：办理人员看不到您是谁；报告会保存在您手机的“我的报告”里，方便您查看进度；因为不知道您是谁，办理人员无法回电向您了解情况',
    );
    expect(container.textContent).not.toContain('谁也不知道');
  });
});
