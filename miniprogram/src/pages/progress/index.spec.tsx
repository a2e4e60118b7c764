/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import {
  PURGED_NOTICE,
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

describe('ProgressPage of a report past its retention period', () => {
  beforeEach(() => {
    resetTaro();
    Taro.setStorageSync('shouhu.token', 'token-1');
  });

  it('says plainly that the personal details were removed, and still shows the result', async () => {
    const purged: ReporterReportView = {
      ...CLOSED,
      timeline: [{ at: '2026-11-20T02:00:00Z', kind: 'submitted', text: PURGED_NOTICE }],
      rating: { score: 4 },
      purgedAt: '2029-11-21T02:00:00Z',
    };
    taro.request.mockResolvedValue({ statusCode: 200, header: {}, data: purged });
    const { container } = render(<ProgressPage />);

    expect(await screen.findByText(PURGED_NOTICE, { selector: '.section-title' })).toBeTruthy();
    expect(container.querySelector('.progress-purged')?.textContent).toContain('2029年11月21日');
    expect(screen.getByText('办理结果：已答复')).toBeTruthy();
    expect(screen.getByText('您的评价：4分')).toBeTruthy();
    expect(container.querySelector('.progress-reported')).toBeNull();
  });
});
