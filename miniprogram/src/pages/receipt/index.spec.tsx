/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaro } from '../../../test/taro-mock';
import ReceiptPage from './index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useRouter: () => ({ params: { id: 'report-1', code: 'ACDEFGHJKM' } }),
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;
const TEMPLATES = { accepted: 'tmpl-accepted', progress: null, closed: 'tmpl-closed' };

/** The server's answer to report-1, as the phone keeps it after filing. */
function keepReceipt(orders: object[]) {
  Taro.setStorageSync('shouhu.receipt.report-1', {
    id: 'report-1',
    trackingCode: 'ACDEFGHJKM',
    status: 'submitted',
    priority: 'P3',
    advice: { call110: false },
    orders,
  });
}

describe('ReceiptPage in WeChat', () => {
  const posted: unknown[] = [];
  beforeEach(() => {
    resetTaro();
    posted.length = 0;
    process.env.TARO_ENV = 'weapp';
    Taro.setStorageSync('shouhu.token', 'token-1');
    keepReceipt([]);
    taro.request.mockImplementation(async (options: { url: string; data?: unknown }) => {
      if (options.url.endsWith('/notifications/templates')) {
        return { statusCode: 200, header: {}, data: TEMPLATES };
      }
      posted.push({ url: options.url, data: options.data });
      return { statusCode: 201, header: {}, data: { remaining: { accepted: 1 } } };
    });
  });
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('asks for the offered messages on a tap and tells the server which were accepted', async () => {
    taro.requestSubscribeMessage = jest.fn(async () => ({
      'tmpl-accepted': 'accept',
      'tmpl-closed': 'reject',
      errMsg: 'requestSubscribeMessage:ok',
    }));
    render(<ReceiptPage />);

    const button = await screen.findByText('接收受理、进度、办结通知');
    await act(async () => void fireEvent.click(button));

    await screen.findByText('已开启。部门受理、有进展和办结时，微信会通知您。');
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({
      tmplIds: ['tmpl-accepted', 'tmpl-closed'],
      entityIds: [],
    });
    expect(posted).toEqual([
      {
        url: expect.stringMatching(/\/reports\/report-1\/subscriptions$/),
        data: { kinds: ['accepted'] },
      },
    ]);
  });

  it('tells the server nothing when every message is declined', async () => {
    taro.requestSubscribeMessage = jest.fn(async () => ({
      'tmpl-accepted': 'reject',
      'tmpl-closed': 'reject',
    }));
    render(<ReceiptPage />);
    await waitFor(() => expect(taro.request).toHaveBeenCalled());

    await act(
      async () => void fireEvent.click(await screen.findByText('接收受理、进度、办结通知')),
    );

    await screen.findByText('您没有同意接收通知。随时可以在“我的报告”里查看进度。');
    expect(posted).toEqual([]);
  });

  it('offers nothing when the server has no templates', async () => {
    taro.request.mockImplementation(async () => ({
      statusCode: 200,
      header: {},
      data: { accepted: null, progress: null, closed: null },
    }));
    render(<ReceiptPage />);

    await waitFor(() => expect(taro.request).toHaveBeenCalled());
    await screen.findByText('报告已提交');
    expect(screen.queryByText('接收受理、进度、办结通知')).toBeNull();
  });
});

describe('ReceiptPage, what happens next', () => {
  beforeEach(() => resetTaro());

  const anOrderOf = (department: string, role: string) => ({
    department,
    role,
    unitName: '泗城镇',
    placement: 'unit',
    priority: 'P3',
    signDueAt: '2026-11-23T15:59:59.999Z',
    resolveDueAt: '2026-11-28T15:59:59.999Z',
  });

  it('names the lead department first, then the others as the reporter reads departments', async () => {
    keepReceipt([anOrderOf('education', 'assist'), anOrderOf('township', 'lead')]);
    const { container } = render(<ReceiptPage />);

    await screen.findByText('接下来会怎样');
    const named = Array.from(
      container.querySelectorAll('.receipt-department'),
      (d) => d.textContent,
    );
    expect(named).toEqual(['乡镇（牵头）', '教育（协助）']);
  });

  it('before any order, tells the sign deadline of each priority as the SLA policy sets it', async () => {
    keepReceipt([]);
    render(<ReceiptPage />);

    await screen.findByText(
      '报告会按情况送到负责的部门，紧急的30分钟内签收，加急的2小时内签收，一般的1个工作日内签收。',
    );
  });
});

describe('ReceiptPage for an address alone', () => {
  beforeEach(() => resetTaro());

  it('shows no receipt for a report this phone never filed, and a way back', async () => {
    render(<ReceiptPage />);

    await screen.findByText(/这台手机上没有这份报告的回执/);
    expect(screen.queryByText('报告已提交')).toBeNull();
    expect(screen.getByText('返回首页')).toBeTruthy();
  });
});
