/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { resetTaro } from '../../../test/taro-mock';
import { anOrder, tap } from '../../../test/factories';
import ClockOrdersPage from './index';

let params: Record<string, string> = {};
jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useRouter: () => ({ params }),
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
    useReachBottom: () => undefined,
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;
let paths: string[];

function open(query: Record<string, string>) {
  resetTaro();
  params = query;
  paths = [];
  Taro.setStorageSync('shouhu.token', 'token-1');
  taro.request.mockImplementation(async (options: { url: string }) => {
    paths.push(options.url.replace(/^.*\/api\/v1/, ''));
    return { statusCode: 200, header: {}, data: { items: [anOrder()], total: 1 } };
  });
  return render(<ClockOrdersPage />).container;
}

const DRILL = {
  from: '2026-10-01',
  to: '2026-12-31',
  division: '341324100',
  unitId: 'unit-police',
  unitName: encodeURIComponent('泗县公安局'),
  clock: 'sign',
  result: 'overdue',
};

describe('时限背后的工单', () => {
  it('lists the orders of the unit’s clock on the result it was opened on, then another', async () => {
    const container = open(DRILL);

    await waitFor(() => expect(container.querySelectorAll('.order-card')).toHaveLength(1));
    expect(container.textContent).toContain('泗县公安局 · 签收时限');
    expect(container.querySelector('.tab-active')?.textContent).toBe('督办');
    expect(paths).toEqual([
      '/stats/clock-orders?from=2026-10-01&to=2026-12-31&division=341324100&unitId=unit-police&clock=sign&result=overdue&page=1&pageSize=20',
    ]);

    await tap(container.querySelector('.result-interrupted')!);

    await waitFor(() => expect(paths).toHaveLength(2));
    expect(paths[1]).toContain('&result=interrupted&page=1');
  });

  it('says the address is incomplete without a unit or a clock, and asks nothing', () => {
    open({ ...DRILL, clock: 'visit' });

    expect(screen.getByText(/页面地址不完整/)).toBeTruthy();
    expect(paths).toEqual([]);
  });
});
