/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import {
  RATING_REFUSAL_CODES,
  ratingRefusalMessage,
  type ReporterReportView,
} from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { tap } from '../../../test/factories';
import ProgressPage from './index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return { ...mock, __esModule: true, useRouter: () => ({ params: { id: 'report-1' } }) };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const CLOSED: ReporterReportView = {
  id: 'report-1',
  trackingCode: 'ACDEFGHJKM',
  status: 'closed',
  priority: 'P3',
  createdAt: '2026-11-20T02:00:00Z',
  timeline: [{ at: '2026-11-20T02:00:00Z', kind: 'submitted', text: '报告已提交' }],
  orders: [],
  outcome: { code: 'answered', label: '已答复', summary: '已电话答复。' },
};

describe('ProgressPage when a rating is refused', () => {
  beforeEach(() => {
    resetTaro();
    Taro.setStorageSync('shouhu.token', 'token-1');
  });

  it.each(RATING_REFUSAL_CODES)(
    'keeps the page and shows what to do for %s, never the code',
    async (code) => {
      taro.request.mockImplementation(async (options: { method: string }) =>
        options.method === 'GET'
          ? { statusCode: 200, header: {}, data: CLOSED }
          : { statusCode: 409, header: {}, data: { code, message: ratingRefusalMessage(code) } },
      );
      const { container } = render(<ProgressPage />);

      await tap(await screen.findByText('4分'));
      await tap(screen.getByText('提交评价'));

      await screen.findByText(ratingRefusalMessage(code));
      expect(screen.getByText('办理结果：已答复')).toBeTruthy();
      expect(container.textContent).not.toContain(code);
    },
  );
});
