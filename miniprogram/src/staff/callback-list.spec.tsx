/** @jest-environment jsdom */
import { useEffect as mockUseEffect } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { HotlineCallback } from '@shouhu/shared';
import { tap } from '../../test/factories';
import { resetTaro } from '../../test/taro-mock';
import { CallbackList } from './callback-list';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../test/taro-mock');
  // The page loads on show; in a test it is shown once, when it mounts.
  return {
    ...mock,
    __esModule: true,
    useDidShow: (load: () => void) => mockUseEffect(() => load(), []),
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const aCallback = (overrides: Partial<HotlineCallback> = {}): HotlineCallback => ({
  reportId: '7d3f0c1e-1b2a-4c5d-8e9f-0a1b2c3d4e5f',
  trackingCode: 'ACDEFGHJKM',
  closedAt: '2026-11-20T02:00:00Z',
  callerName: '张女士',
  callerPhone: '13912345678',
  outcomes: ['已劝返复学'],
  unreachedCalls: 0,
  ...overrides,
});

describe('CallbackList: 热线回访', () => {
  const posted: { url: string; data: unknown }[] = [];

  beforeEach(() => {
    resetTaro();
    posted.length = 0;
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', { id: 'user-1', roles: ['reporter', 'hotline_operator'] });
    taro.request.mockImplementation(
      async (options: { url: string; method: string; data?: unknown }) => {
        if (options.method === 'POST') {
          posted.push({ url: options.url, data: options.data });
          return { statusCode: 201, header: {}, data: [] };
        }
        return { statusCode: 200, header: {}, data: [aCallback()] };
      },
    );
  });

  it('lists the caller, the code and the outcome, and records a satisfaction score', async () => {
    render(<CallbackList />);
    await waitFor(() => expect(screen.getByText(/张女士/)).toBeTruthy());
    expect(screen.getByText(/ACDE-FGHJ-KM/)).toBeTruthy();
    expect(screen.getByText('结果：已劝返复学')).toBeTruthy();

    await tap(screen.getByText(/张女士/));
    await tap(screen.getByText('2分 不满意'));

    expect(posted).toEqual([
      {
        url: expect.stringMatching(/\/reports\/7d3f0c1e-1b2a-4c5d-8e9f-0a1b2c3d4e5f\/callback$/),
        data: { reached: true, score: 2 },
      },
    ]);
    await waitFor(() => expect(screen.getByText(/没有要回访的来电/)).toBeTruthy());
  });

  it('records 未接通 without a score', async () => {
    render(<CallbackList />);
    await waitFor(() => expect(screen.getByText(/张女士/)).toBeTruthy());

    await tap(screen.getByText(/张女士/));
    await tap(screen.getByText('未接通'));

    expect(posted.map((p) => p.data)).toEqual([{ reached: false }]);
  });
});
