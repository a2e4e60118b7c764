/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { resetTaro } from '../test/taro-mock';
import { tap } from '../test/factories';
import IndexPage from './pages/index/index';
import InboxPage from './staff/inbox/index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
    useReachBottom: () => undefined,
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const USERS = {
  village: { unitDepartment: 'village', roles: ['reporter', 'handler'] },
  township: { unitDepartment: 'township', roles: ['reporter', 'handler'] },
  coordinator: { unitDepartment: 'coordinator', roles: ['reporter', 'coordinator'] },
};

function login(kind: keyof typeof USERS) {
  resetTaro();
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', { id: 'u1', unitId: 'unit-1', ...USERS[kind] });
  taro.request.mockResolvedValue({ statusCode: 200, header: {}, data: { items: [], total: 0 } });
}

describe('where staff find the children’s files', () => {
  it('gives a village 儿童主任 儿童档案 as the first entry and no order inbox', async () => {
    login('village');
    const { container } = render(<IndexPage />);

    await tap(await screen.findByText('儿童档案'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/children/index/index' });
    expect(container.querySelector('.home-inbox')).toBeNull();
    expect(container.querySelector('.home-children')?.className).toContain('big-button-primary');
  });

  it.each(['township', 'coordinator'] as const)(
    'gives a %s both the order inbox and 儿童档案',
    async (kind) => {
      login(kind);
      const { container } = render(<IndexPage />);

      await screen.findByText('儿童档案');
      expect(container.querySelector('.home-inbox')).not.toBeNull();
    },
  );

  it('sends a village worker who opens the order inbox to the files', async () => {
    login('village');
    render(<InboxPage />);

    await screen.findByText('儿童档案');
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/children/index/index' });
  });

  it('offers a township supervisor the files from the inbox, and keeps them there', async () => {
    login('township');
    render(<InboxPage />);

    await tap(await screen.findByText('儿童档案'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/children/index/index' });
    expect(taro.redirectTo).not.toHaveBeenCalled();
  });
});
