/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { DEMO_LOGINS } from '@shouhu/shared';
import { resetTaro } from '../../test/taro-mock';
import { tap } from '../../test/factories';
import { currentUser } from '../services/session';
import { DemoAccountSwitch } from './demo-account-switch';

const taro = Taro as unknown as Record<string, jest.Mock>;

describe(DemoAccountSwitch.name, () => {
  beforeEach(() => {
    resetTaro();
    Taro.setStorageSync('shouhu.token', 'visitor-token');
    taro.request.mockImplementation(async (options: { data: { openid: string } }) => ({
      statusCode: 200,
      header: {},
      data: { token: `token-of-${options.data.openid}`, user: { id: 'u9', roles: ['handler'] } },
    }));
  });

  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it.each(DEMO_LOGINS)('in H5, signs in as $openid and makes it the session', async (login) => {
    render(<DemoAccountSwitch />);

    await tap(screen.getByText('开发者：切换演示账号'));
    await tap(screen.getByText(login.label));

    expect(taro.request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: expect.stringMatching(/\/auth\/dev$/),
        data: { openid: login.openid },
      }),
    );
    expect(Taro.getStorageSync('shouhu.token')).toBe(`token-of-${login.openid}`);
    expect(currentUser()?.roles).toEqual(['handler']);
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });

  it('is not there in a WeChat build', () => {
    process.env.TARO_ENV = 'weapp';
    const { container } = render(<DemoAccountSwitch />);

    expect(container.textContent).toBe('');
  });
});
