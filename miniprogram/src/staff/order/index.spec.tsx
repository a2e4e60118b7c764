/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { REFUSAL_CODES, refusalMessage, type OrderDetail } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { anOrder, anOrderDetail, tap } from '../../../test/factories';
import OrderPage from './index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useRouter: () => ({ params: { id: 'order-1' } }),
    // The page loads when shown; in jsdom it is shown once, when mounted.
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

describe('OrderPage when the server refuses an action', () => {
  let detail: OrderDetail;
  let loads: number;

  beforeEach(() => {
    resetTaro();
    loads = 0;
    detail = anOrderDetail(anOrder());
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', {
      id: 'u1',
      roles: ['reporter', 'handler'],
      unitId: 'unit-town',
    });
  });

  function answerSignWith(status: number, body: unknown) {
    taro.request.mockImplementation(async (options: { url: string; method: string }) => {
      if (options.method === 'GET' && options.url.endsWith('/orders/order-1')) {
        loads += 1;
        return { statusCode: 200, header: {}, data: detail };
      }
      return { statusCode: status, header: {}, data: body };
    });
  }

  async function signAndConfirm() {
    const { container } = render(<OrderPage />);
    const find = (selector: string) =>
      waitFor(() => {
        const found = container.querySelector(selector);
        if (!found) throw new Error(`no ${selector}`);
        return found;
      });
    await tap(await find('.action-sign'));
    await tap(await find('.action-submit'));
    await tap(await screen.findByText('确认'));
    return container;
  }

  it.each(REFUSAL_CODES)(
    'shows what to do for %s, never the code, and reloads the order',
    async (code) => {
      answerSignWith(409, { code, message: refusalMessage(code) });

      const container = await signAndConfirm();

      await screen.findByText(refusalMessage(code));
      expect(container.textContent).not.toContain(code);
      await waitFor(() => expect(loads).toBe(2));
    },
  );

  it('shows a plain message when a refusal comes without words for people', async () => {
    answerSignWith(409, { code: 'WRONG_STATE', message: 'WRONG_STATE', errors: { sign: 'X_Y' } });

    const container = await signAndConfirm();

    await screen.findByText('操作没有成功：情况已有变化，请返回刷新后再试');
    expect(container.textContent).not.toMatch(/WRONG_STATE|X_Y/);
  });
});
