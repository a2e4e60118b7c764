/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { shanghaiDate, type AuthUser } from '@shouhu/shared';
import { resetTaro } from '../../test/taro-mock';
import { aStaffUser, aStatsOverview, aTownshipWorker, tap } from '../../test/factories';
import { presetPeriod } from './period';
import BoardPage from './index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const COORDINATOR = aStaffUser();
const POLICE = aStaffUser({
  id: 'u-police',
  roles: ['reporter', 'handler'],
  unitId: 'unit-police',
  unitName: undefined,
  unitDepartment: 'police',
});
const TOWNSHIP_WORKER = aTownshipWorker();

const TOWNSHIPS = [
  { code: '341324100', name: '泗城镇' },
  { code: '341324101', name: '墩集镇' },
];

let paths: string[];

function serve(
  answer: () => { statusCode: number; data: unknown } = () => ({
    statusCode: 200,
    data: aStatsOverview(),
  }),
) {
  paths = [];
  taro.request.mockImplementation(async (options: { url: string }) => {
    const path = options.url.replace(/^.*\/api\/v1/, '');
    if (path.startsWith('/divisions')) return { statusCode: 200, header: {}, data: TOWNSHIPS };
    paths.push(path);
    return { header: {}, ...answer() };
  });
}

function open(user: AuthUser) {
  resetTaro();
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', user);
  return render(<BoardPage />).container;
}

const today = () => shanghaiDate(new Date());
const rows = (container: HTMLElement, selector: string) =>
  Array.from(container.querySelectorAll(`${selector} .bar-row`)).map((row) =>
    Array.from(row.children).map((cell) => cell.textContent),
  );

describe('统计与台账', () => {
  it('says why no institution is listed when the reports’ institutions are not open to the reader', async () => {
    const figures = aStatsOverview();
    serve(() => ({
      statusCode: 200,
      data: { ...figures, reportingDelay: { ...figures.reportingDelay, byInstitution: [] } },
    }));
    const container = open(TOWNSHIP_WORKER);

    await screen.findByText('学校');
    expect(container.querySelector('.stats-delay')?.textContent).toContain(
      '没有可以列出的机构：报告人单位不向你公开的报告，只计入上面的单位类型。',
    );
    expect(container.querySelector('.stats-delay')?.textContent).not.toContain('这段时间没有');
  });

  it('asks for this month of the caller’s county and shows every figure with its table', async () => {
    serve();
    const container = open(COORDINATOR);

    await screen.findByText('收到报告 12 件 · 重复报告 25%');
    const { from, to } = presetPeriod('this_month', today());
    expect(paths).toEqual([`/stats/overview?from=${from}&to=${to}`]);
    expect(rows(container, '.stats-reports')).toEqual([
      ['10月', '3'],
      ['11月', '5'],
      ['12月', '4'],
    ]);
    expect(container.querySelector('.stats-places .section-title')?.textContent).toBe(
      '各乡镇报告数',
    );
    expect(rows(container, '.stats-places')).toEqual([
      ['泗城镇', '9'],
      ['墩集镇', '3'],
    ]);
    expect(rows(container, '.stats-channels')).toEqual([
      ['强制报告', '8 件'],
      ['举报/求助', '4 件'],
    ]);
    expect(rows(container, '.stats-priorities')).toEqual([
      ['P1 紧急', '1 件'],
      ['P2 加急', '3 件'],
      ['P3 一般', '8 件'],
    ]);
    expect(rows(container, '.stats-clocks')).toEqual([
      ['泗城镇儿童督导员', '100% ›'],
      ['泗县公安局', '75% ›'],
    ]);
    const clocksText = container.querySelector('.stats-clocks')!.textContent!;
    expect(clocksText.split('泗县公安局')).toHaveLength(2);
    const police = container.querySelectorAll('.stats-clocks .bar-detail')[1];
    expect(police.textContent).toContain('到期 4 · 按时 75% · 中位 42分钟 · 90%在 2.5小时 内');
    expect(police.textContent).toContain('督办 1 · 红色清单 0 · 退回或改派中止 1');
    expect(container.querySelector('.stats-delay')?.textContent).toContain(
      '从发现到报告：中位 6.0小时，超过24小时才报告的占 13%（共 8 件强制报告）',
    );
    expect(rows(container, '.stats-delay-institutions')).toEqual([
      ['泗县第一中学', '8 件 · 中位 6.0小时 · 超24小时 13%'],
    ]);
    expect(container.querySelector('.stats-silent')?.textContent).toContain(
      '关庙小学学校 · 泗城镇关庙村 · 当地被他人报告 3 件',
    );
    expect(rows(container, '.stats-satisfaction')).toEqual([
      ['评价数', '4 件'],
      ['平均分（5分满分）', '3.5'],
      ['打1–2分的', '25%'],
      ['低分已复核（重新办理）', '1 件'],
    ]);
  });

  it('asks again for a preset period and for one township, once each', async () => {
    serve();
    const container = open(COORDINATOR);
    await screen.findByText('收到报告 12 件 · 重复报告 25%');

    await tap(container.querySelector('.period-last_month')!);
    const { from, to } = presetPeriod('last_month', today());
    await waitFor(() => expect(paths[1]).toBe(`/stats/overview?from=${from}&to=${to}`));
    await tap(container.querySelector('.scope-field')!);
    await tap(await waitFor(() => container.querySelectorAll('.scope-option')[1]));
    await tap(await screen.findByText('就选墩集镇'));

    await waitFor(() =>
      expect(paths[2]).toBe(`/stats/overview?from=${from}&to=${to}&division=341324101`),
    );
    expect(paths).toHaveLength(3);
  });

  describe('the reports by place', () => {
    const VILLAGES = [
      { divisionCode: '341324101', placeName: '墩集镇', count: 1 },
      { divisionCode: '341324101200', placeName: '墩集村委会', count: 4 },
    ];
    const figuresOf = (divisionCode: string) => () => ({
      statusCode: 200,
      data: aStatsOverview({
        divisionCode,
        reports: { ...aStatsOverview().reports, byVillage: VILLAGES },
      }),
    });
    const VILLAGE_WORKER: AuthUser = {
      ...TOWNSHIP_WORKER,
      unitDepartment: 'village',
      unitDivisionPrefixes: ['341324101200'],
    };
    const chart = (container: HTMLElement) => ({
      title: container.querySelector('.stats-places .section-title')?.textContent,
      rows: rows(container, '.stats-places'),
    });

    const VILLAGE_CHART = {
      title: '各村（社区）报告数',
      rows: [
        ['墩集镇（未写到村）', '1'],
        ['墩集村委会', '4'],
      ],
    };

    it('breaks a township into its villages for its worker', async () => {
      serve(figuresOf('341324101'));
      const container = open(TOWNSHIP_WORKER);
      await screen.findByText('收到报告 12 件 · 重复报告 25%');

      expect(chart(container)).toEqual(VILLAGE_CHART);
    });

    it('breaks the county into townships, and a township a coordinator chose into villages', async () => {
      serve(figuresOf('341324'));
      const container = open(COORDINATOR);
      await screen.findByText('收到报告 12 件 · 重复报告 25%');
      expect(chart(container).title).toBe('各乡镇报告数');

      serve(figuresOf('341324101'));
      await tap(container.querySelector('.scope-field')!);
      await tap(await waitFor(() => container.querySelectorAll('.scope-option')[1]));
      await tap(await screen.findByText('就选墩集镇'));

      await waitFor(() => expect(chart(container)).toEqual(VILLAGE_CHART));
    });

    it('has none for a village, which is one place', async () => {
      serve(figuresOf('341324101200'));
      const container = open(VILLAGE_WORKER);
      await screen.findByText('收到报告 12 件 · 重复报告 25%');

      expect(container.querySelector('.stats-places')).toBeNull();
    });
  });

  it('opens the orders behind a unit’s clock on its worst result', async () => {
    serve();
    const container = open(COORDINATOR);
    await screen.findByText('收到报告 12 件 · 重复报告 25%');

    await tap(container.querySelectorAll('.stats-clocks .bar-row')[1]);

    const { from, to } = presetPeriod('this_month', today());
    expect(taro.navigateTo).toHaveBeenCalledWith({
      url: `/board/orders/index?from=${from}&to=${to}&unitId=unit-police&unitName=${encodeURIComponent('泗县公安局')}&clock=sign&result=overdue`,
    });
  });

  it('lets a township worker open their own unit’s orders only', async () => {
    serve();
    const container = open(TOWNSHIP_WORKER);
    await screen.findByText('收到报告 12 件 · 重复报告 25%');

    const links = Array.from(
      container.querySelectorAll('.stats-clocks .bar-row.bar-row-link .bar-label'),
      (n) => n.textContent,
    );
    expect(links).toHaveLength(1);
    expect(links[0]).toContain(
      aStatsOverview().clocks.find((c) => c.unitId === 'unit-township')!.unitName,
    );
  });

  it('has no orders to open behind a visit clock', async () => {
    serve(() => ({
      statusCode: 200,
      data: aStatsOverview({
        clocks: [{ ...aStatsOverview().clocks[0], clock: 'visit', unitName: '关庙村委会' }],
      }),
    }));
    const container = open(COORDINATOR);
    await screen.findByText('收到报告 12 件 · 重复报告 25%');

    await tap(container.querySelector('.clock-visit')!);
    await tap(container.querySelector('.stats-clocks .bar-row')!);

    expect(container.querySelector('.stats-clocks .bar-row-link')).toBeNull();
    expect(taro.navigateTo).not.toHaveBeenCalled();
  });

  it('downloads the 台账 of the period with the user’s token', async () => {
    serve();
    const fetchMock = jest.fn(async () => ({ ok: true, blob: async () => new Blob(['x']) }));
    Object.assign(globalThis, { fetch: fetchMock });
    Object.assign(URL, { createObjectURL: () => 'blob:ledger', revokeObjectURL: () => undefined });
    const container = open(COORDINATOR);
    await screen.findByText('收到报告 12 件 · 重复报告 25%');

    await tap(container.querySelector('.stats-ledger')!);

    const { from, to } = presetPeriod('this_month', today());
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(`/api/v1/stats/ledger.xlsx?from=${from}&to=${to}`, {
        headers: { authorization: 'Bearer token-1' },
      }),
    );
  });

  it('says what went wrong with the ledger, in words', async () => {
    serve();
    Object.assign(globalThis, {
      fetch: jest.fn(async () => ({
        ok: false,
        status: 403,
        json: async () => ({ code: 'FORBIDDEN', message: '您不能查看这个地方的台账' }),
      })),
    });
    const container = open(COORDINATOR);
    await screen.findByText('收到报告 12 件 · 重复报告 25%');

    await tap(container.querySelector('.stats-ledger')!);

    await screen.findByText('您不能查看这个地方的台账');
  });

  it('shows a failure with what to do, and loads again on 重新加载', async () => {
    let fail = true;
    serve(() =>
      fail
        ? { statusCode: 500, data: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }
        : { statusCode: 200, data: aStatsOverview() },
    );
    const container = open(COORDINATOR);

    await screen.findByText('服务暂时不可用，请稍后再试');
    expect(screen.getByText('返回首页')).toBeTruthy();
    fail = false;
    await tap(container.querySelector('.stats-retry')!);
    await screen.findByText('收到报告 12 件 · 重复报告 25%');
  });

  it('is not open to another department’s handler, and asks nothing', async () => {
    serve();
    open(POLICE);

    await screen.findByText(/统计只对县联席办协调员、乡镇儿童督导员和村儿童主任开放/);
    expect(paths).toEqual([]);
  });
});
