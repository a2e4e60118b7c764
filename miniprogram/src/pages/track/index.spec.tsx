/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaro } from '../../../test/taro-mock';
import { tap } from '../../../test/factories';
import TrackPage from './index';

const taro = Taro as unknown as Record<string, jest.Mock>;

describe('TrackPage', () => {
  beforeEach(() => resetTaro());

  async function lookUp(code: string) {
    const { container } = render(<TrackPage />);
    const input = await waitFor(() => {
      const found = container.querySelector('.track-code input');
      if (!found) throw new Error('no input');
      return found;
    });
    fireEvent.input(input, { target: { value: code } });
    await tap(container.querySelector('.track-submit')!);
    return container;
  }

  it('keeps an unknown code on the page: says so, offers the box again and 返回首页', async () => {
    taro.request.mockResolvedValue({
      statusCode: 404,
      header: {},
      data: { code: 'NOT_FOUND', message: '没有找到' },
    });

    const container = await lookUp('ACDE-FGHJ-KM');

    await screen.findByText('没有找到这个查询码的报告。请核对后重新输入，或返回首页。');
    expect(taro.navigateTo).not.toHaveBeenCalled();
    expect(container.querySelector('.track-code input')).not.toBeNull();
    await tap(screen.getByText('返回首页'));
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });

  it('opens the progress of a code the server knows', async () => {
    taro.request.mockResolvedValue({
      statusCode: 200,
      header: {},
      data: {
        id: 'r1',
        trackingCode: 'ACDEFGHJKM',
        status: 'submitted',
        priority: 'P3',
        createdAt: '2026-11-20T02:00:00Z',
        timeline: [],
        orders: [],
      },
    });

    const container = await lookUp('acde fghj km');

    await waitFor(() =>
      expect(taro.navigateTo).toHaveBeenCalledWith({
        url: '/pages/progress/index?code=ACDEFGHJKM',
      }),
    );
    expect(container.textContent).not.toContain('返回首页');
  });
});
