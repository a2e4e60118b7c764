/** @jest-environment jsdom */
import { useEffect } from 'react';
import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaro } from '../../test/taro-mock';
import { COORDINATOR_QUEUES, INBOX_TABS, ordersPath, unitOverdueTab } from './inbox-logic';
import { OrderList } from './order-list';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useReachBottom: () => undefined,
    // The list loads when shown; in jsdom it is shown once, when mounted.
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

describe('OrderList tabs say how many orders each holds', () => {
  const tabLists = [
    ['the inbox', INBOX_TABS],
    ['the coordinator’s queues', COORDINATOR_QUEUES],
    ['a unit opened from the board', [unitOverdueTab('unit-9', '泗县公安局')]],
  ] as const;

  it.each(tabLists)('%s', async (_name, tabs) => {
    resetTaro();
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['coordinator'], unitId: 'unit-c' });
    // Each tab holds a different number, so a count shown on the wrong tab shows.
    const totals = new Map(tabs.map((t, i) => [ordersPath(t, 1, 1), i + 3]));
    taro.request.mockImplementation(async (options: { url: string }) => {
      const path = options.url.slice(options.url.indexOf('/orders'));
      return { statusCode: 200, header: {}, data: { items: [], total: totals.get(path) ?? 0 } };
    });

    const { container } = render(<OrderList tabs={tabs} empty="没有工单" />);

    await waitFor(() =>
      expect(Array.from(container.querySelectorAll('.tab'), (t) => t.textContent)).toEqual(
        tabs.map((t, i) => `${t.label} ${i + 3}`),
      ),
    );
  });

  it('asks for one unit’s overdue orders from the board', () => {
    expect(ordersPath(unitOverdueTab('unit-9', '泗县公安局'), 1, 20)).toBe(
      '/orders?overdue=true&unitId=unit-9&page=1&pageSize=20',
    );
  });
});
