/** @jest-environment jsdom */
import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { tap } from '../../../test/factories';
import { resetTaro } from '../../../test/taro-mock';
import IndexPage from './index';

/** What the page does each time it is shown, to show it again. */
const shown: (() => void)[] = [];

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useDidShow: (callback: () => void) =>
      useEffect(() => {
        shown.push(callback);
        callback();
      }, []), // eslint-disable-line react-hooks/exhaustive-deps
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

let unread: number | 'offline';
let asked: string[];

function open(roles: string[]) {
  resetTaro();
  shown.length = 0;
  asked = [];
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', { id: 'u1', roles, unitId: 'unit-1' });
  taro.request.mockImplementation(async (options: { url: string }) => {
    asked.push(options.url.replace(/^.*\/api\/v1/, ''));
    if (unread === 'offline') throw new Error('request:fail');
    return { statusCode: 200, header: {}, data: { items: [], total: unread, unread } };
  });
  return render(<IndexPage />).container;
}

const badge = (container: HTMLElement) => container.querySelector('.home-messages .home-badge');

describe('the home page’s 消息 entry', () => {
  it('shows a reporter the unread count beside 我的报告 and opens the inbox', async () => {
    unread = 3;
    const container = open(['reporter']);

    await waitFor(() => expect(badge(container)?.textContent).toBe('3'));
    expect(container.querySelector('.home-workbench')).toBeNull();
    expect(container.querySelector('.home-links .home-messages')).not.toBeNull();
    expect(asked).toContain('/notifications?page=1');
    await tap(screen.getByText('消息'));

    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/messages/index' });
  });

  it.each([['handler'], ['coordinator'], ['hotline_operator']])(
    'shows a %s the count in the 工作台, once',
    async (role) => {
      unread = 5;
      const container = open(['reporter', role]);

      await waitFor(() => expect(badge(container)?.textContent).toBe('5'));
      expect(container.querySelectorAll('.home-messages')).toHaveLength(1);
      expect(container.querySelector('.home-workbench .home-messages')).not.toBeNull();
    },
  );

  it('shows no badge when everything is read', async () => {
    unread = 0;
    const container = open(['reporter', 'handler']);

    await waitFor(() => expect(asked).toContain('/notifications?page=1'));
    expect(screen.getByText('消息')).toBeTruthy();
    expect(badge(container)).toBeNull();
  });

  it('shows 99+ beyond 99', async () => {
    unread = 120;
    const container = open(['reporter']);

    await waitFor(() => expect(badge(container)?.textContent).toBe('99+'));
  });

  it('counts again each time the page is shown, and keeps the last count offline', async () => {
    unread = 2;
    const container = open(['reporter', 'handler']);
    await waitFor(() => expect(badge(container)?.textContent).toBe('2'));

    unread = 0;
    await act(async () => shown.forEach((show) => show()));
    await waitFor(() => expect(badge(container)).toBeNull());

    unread = 4;
    await act(async () => shown.forEach((show) => show()));
    await waitFor(() => expect(badge(container)?.textContent).toBe('4'));

    unread = 'offline';
    await act(async () => shown.forEach((show) => show()));
    expect(badge(container)?.textContent).toBe('4');
  });
});

describe('the home page’s 走访 entry', () => {
  it.each([['village'], ['township']])(
    'shows a %s keeper of files how many visits are due, and opens the 走访 list',
    async (unitDepartment) => {
      resetTaro();
      shown.length = 0;
      Taro.setStorageSync('shouhu.token', 'token-1');
      Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['handler'], unitDepartment });
      taro.request.mockImplementation(async (options: { url: string }) => ({
        statusCode: 200,
        header: {},
        data: { items: [], total: options.url.includes('within=0') ? 1 : 3, unread: 0 },
      }));
      const { container } = render(<IndexPage />);

      await screen.findByText('走访（30 天内 3 次，超时 1 次）');
      expect(container.querySelector('.home-workbench .visits-entry')).not.toBeNull();
      await tap(container.querySelector('.visits-entry')!);

      expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/children/visits/index' });
    },
  );

  it('shows none to a handler who keeps no files', async () => {
    unread = 0;
    open(['handler']);

    await waitFor(() => expect(asked).toContain('/notifications?page=1'));
    expect(screen.queryByText(/^走访/)).toBeNull();
    expect(asked.some((url) => url.startsWith('/visits'))).toBe(false);
  });
});
