/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { SITUATION_CODES, SITUATION_SHORT_LABELS } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { aFilledForm, tap } from '../../../test/factories';
import { REPORT_STEPS, emptyReportForm, formProblems } from './report-form';
import ReportPage from './index';

const router = { params: {} as Record<string, string> };

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return { ...mock, __esModule: true, useRouter: () => router };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

beforeEach(() => {
  resetTaro();
  // The county the form starts in: answered as an empty list of children, never loaded here.
  taro.request.mockResolvedValue({ statusCode: 200, header: {}, data: [] });
  Taro.setStorageSync('shouhu.token', 'token-1');
});

describe('ReportPage, step by step', () => {
  beforeEach(() => {
    router.params = { channel: 'public' };
    Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['reporter'] });
  });

  it('marks the step one is on, and the ones done', async () => {
    const { container } = render(<ReportPage />);
    const current = () => container.querySelector('.report-step-current')?.textContent;

    expect(container.querySelectorAll('.report-step')).toHaveLength(REPORT_STEPS.length);
    expect(current()).toBe(`1${REPORT_STEPS[0].title}`);

    await tap(screen.getByText('没有'));
    await tap(container.querySelector('.report-next')!);

    expect(current()).toBe(`2${REPORT_STEPS[1].title}`);
    expect(container.querySelector('.report-step-done')?.textContent).toBe(
      `✓${REPORT_STEPS[0].title}`,
    );
    expect(container.querySelectorAll('.report-step-current')).toHaveLength(1);
  });
});

describe('ReportPage for someone the channel asked for is not open to', () => {
  beforeEach(() => Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['reporter'] }));

  it('files a 强制报告 asked by an unbound reporter as 举报/求助, and says so', async () => {
    router.params = { channel: 'mandatory' };
    render(<ReportPage />);

    await screen.findByText(/这份报告将作为“举报\/求助”提交/);
  });

  it('gives a reporter who is no hotline operator the step-by-step form', () => {
    router.params = { channel: 'hotline' };
    const { container } = render(<ReportPage />);

    expect(container.querySelector('.report-next')).not.toBeNull();
    expect(container.querySelector('.quick-key')).toBeNull();
  });
});

describe('ReportPage for the hotline operator: one page', () => {
  beforeEach(() => {
    router.params = { channel: 'hotline' };
    Taro.setStorageSync('shouhu.user', { id: 'u2', roles: ['reporter', 'hotline_operator'] });
  });

  it('shows every field on one page, with no steps to page through', () => {
    const { container } = render(<ReportPage />);

    expect(container.querySelector('.report-next')).toBeNull();
    expect(container.querySelector('.report-steps')).toBeNull();
    const titles = Array.from(container.querySelectorAll('.section-title'), (t) => t.textContent);
    expect(titles).toEqual([
      '孩子现在有危险吗？',
      '来电反映的情况（可多选）',
      '发生了什么',
      '孩子在哪里？',
      '孩子的情况',
      '来电人',
    ]);
    expect(Array.from(container.querySelectorAll('.quick-key'), (k) => k.textContent)).toEqual(
      SITUATION_CODES.map((code) => SITUATION_SHORT_LABELS[code]),
    );
  });

  it('names every problem of every step at once, and sends nothing', async () => {
    const { container } = render(<ReportPage />);

    await tap(container.querySelector('.report-submit')!);

    const shown = Array.from(container.querySelectorAll('.error-line'), (l) => l.textContent);
    const expected = formProblems(emptyReportForm(), new Date(), 'public');
    expect(expected.length).toBeGreaterThan(2);
    expect(shown).toEqual(expect.arrayContaining(expected));
    await waitFor(() => expect(screen.queryByText('确认提交')).toBeNull());
    expect(taro.request.mock.calls.filter(([o]) => o.method === 'POST')).toEqual([]);
  });
});

describe('ReportPage, sending', () => {
  beforeEach(() => {
    router.params = { channel: 'public' };
    Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['reporter'] });
    Taro.setStorageSync('shouhu.draft.public', {
      form: aFilledForm(),
      step: REPORT_STEPS.length - 1,
    });
  });

  it('files one report however fast 确认提交 is tapped', async () => {
    const { container } = render(<ReportPage />);
    await tap(container.querySelector('.report-submit')!);
    const confirm = await screen.findByText('确认提交');

    await act(async () => {
      fireEvent.click(confirm);
      fireEvent.click(confirm);
      fireEvent.click(confirm);
    });

    await waitFor(() =>
      expect(taro.request.mock.calls.some(([o]) => o.method === 'POST')).toBe(true),
    );
    const keys = taro.request.mock.calls
      .filter(([o]) => o.method === 'POST' && String(o.url).endsWith('/reports'))
      .map(([o]) => o.header['Idempotency-Key']);
    expect(new Set(keys).size).toBe(1);
    expect(Taro.getStorageSync('shouhu.outbox')).toHaveLength(1);
  });
});

describe('ReportPage, phone boxes', () => {
  const typed = '+86 138 0000 0000';

  async function phoneBoxes(container: HTMLElement): Promise<HTMLInputElement[]> {
    return waitFor(() => {
      const found = Array.from(
        container.querySelectorAll<HTMLInputElement>('[class*="phone"] input'),
      );
      if (found.length === 0) throw new Error('no phone box');
      return found;
    });
  }

  it.each(['public', 'mandatory'])(
    'keep a number as people type it in the %s form, and let the reporter go on',
    async (channel) => {
      router.params = { channel };
      Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['reporter', 'mandated_reporter'] });
      const reporterStep = REPORT_STEPS.findIndex((s) => s.key === 'reporter');
      Taro.setStorageSync(`shouhu.draft.${channel}`, {
        form: aFilledForm({ identity: 'named' }),
        step: reporterStep,
      });
      const { container } = render(<ReportPage />);

      for (const box of await phoneBoxes(container)) {
        fireEvent.input(box, { target: { value: typed } });
        await waitFor(() => expect(box.value).toBe(typed));
      }
      await tap(container.querySelector('.report-next')!);

      expect(container.querySelectorAll('.error-line')).toHaveLength(0);
      expect(container.querySelector('.report-step-current')?.textContent).toContain('确认');
    },
  );

  it('keep a hotline caller’s number as typed, and offer SMS to it as a mobile', async () => {
    router.params = { channel: 'hotline' };
    Taro.setStorageSync('shouhu.user', { id: 'u2', roles: ['reporter', 'hotline_operator'] });
    const { container } = render(<ReportPage />);

    for (const box of await phoneBoxes(container)) {
      fireEvent.input(box, { target: { value: typed } });
      await waitFor(() => expect(box.value).toBe(typed));
    }

    await screen.findByText('同意接收短信通知（受理、办结）');
  });
});
