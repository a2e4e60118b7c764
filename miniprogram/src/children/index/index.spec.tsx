/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { AuthUser, ChildFileSummary, DropoutStateFigure } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { aChildFileSummary, tap } from '../../../test/factories';
import { EMPTY_LIST } from '../list-query';
import ChildFilesPage from './index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
    useReachBottom: () => undefined,
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const VILLAGE: AuthUser = {
  id: 'u-village',
  roles: ['reporter', 'handler'],
  unitId: 'unit-guanmiao',
  unitName: '关庙村委会',
  unitDepartment: 'village',
  unitDivisionPrefixes: ['341324100203'],
};
const TOWNSHIP: AuthUser = {
  id: 'u-town',
  roles: ['reporter', 'handler'],
  unitId: 'unit-town',
  unitName: '泗城镇儿童督导站',
  unitDepartment: 'township',
  unitDivisionPrefixes: ['341324100'],
};
const POLICE: AuthUser = {
  id: 'u-police',
  roles: ['reporter', 'handler'],
  unitId: 'unit-police',
  unitDepartment: 'police',
  unitDivisionPrefixes: ['341324'],
};
const COORDINATOR: AuthUser = {
  id: 'u-coord',
  roles: ['reporter', 'coordinator'],
  unitId: 'unit-coord',
  unitDepartment: 'coordinator',
  unitDivisionPrefixes: ['341324'],
};

const VILLAGES = [
  { code: '341324100203', name: '关庙村委会' },
  { code: '341324100207', name: '胡陈村委会' },
];

const FIGURES: DropoutStateFigure[] = [
  { state: 'persuading', count: 3, medianDays: 20, longestDays: 30 },
  { state: 'returned', count: 2, medianDays: 10, longestDays: 15 },
  { state: 'consolidated', count: 0, medianDays: null, longestDays: null },
  { state: 'struck_off', count: 1, medianDays: 100, longestDays: 100 },
  { state: 'whereabouts_unknown', count: 1, medianDays: 3, longestDays: 3 },
];

let paths: string[];
let figurePaths: string[];

function serve(
  answer: (path: string) => { statusCode: number; data: unknown },
  figures: () => { statusCode: number; data: unknown } = () => ({ statusCode: 200, data: FIGURES }),
) {
  paths = [];
  figurePaths = [];
  taro.request.mockImplementation(async (options: { url: string }) => {
    const path = options.url.replace(/^.*\/api\/v1/, '');
    if (path.startsWith('/divisions')) return { statusCode: 200, header: {}, data: VILLAGES };
    if (path.startsWith('/dropouts/figures')) {
      figurePaths.push(path);
      return { header: {}, ...figures() };
    }
    paths.push(path);
    return { header: {}, ...answer(path) };
  });
}

const page =
  (items: ChildFileSummary[], total = items.length) =>
  () => ({
    statusCode: 200,
    data: { items, total },
  });

function open(user: AuthUser) {
  resetTaro();
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', user);
  const { container } = render(<ChildFilesPage />);
  return container;
}

const lastQuery = () => paths[paths.length - 1];

describe('儿童档案 list', () => {
  it('shows each child: name, gender and age, categories, village, next visit, open orders', async () => {
    serve(
      page([
        aChildFileSummary({ openOrderCount: 2 }),
        aChildFileSummary({
          id: 'file-2',
          child: {},
          categories: [],
          nextVisitDueAt: '2020-01-10T15:59:59Z',
        }),
      ]),
    );
    const container = open(VILLAGE);

    await screen.findByText('李小花');
    const [first, second] = Array.from(container.querySelectorAll('.file-row'));
    expect(first.textContent).toContain('女 · 9岁');
    expect(first.textContent).toContain('农村留守儿童');
    expect(first.textContent).toContain('泗城镇 · 关庙村委会');
    expect(first.textContent).toContain('下次走访：2027年2月20日前');
    expect(first.textContent).toContain('在办工单 2 件');
    expect(second.textContent).toContain('未登记姓名');
    expect(second.textContent).toContain('类别待核实');
    expect(second.querySelector('.file-overdue')?.textContent).toBe(
      '走访已逾期（应于2020年1月10日前）',
    );
    expect(lastQuery()).toBe('/children?status=active&page=1&pageSize=20');
  });

  it('opens a file when its row is tapped', async () => {
    serve(page([aChildFileSummary()]));
    const container = open(VILLAGE);
    await screen.findByText('李小花');

    await tap(container.querySelector('.file-row')!);

    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/children/file/index?id=file-1' });
  });

  it('says how to start when there is no file yet', async () => {
    serve(page([]));
    open(VILLAGE);

    await screen.findByText(EMPTY_LIST);
  });

  it('shows the error with a retry that loads again', async () => {
    let fail = true;
    serve(() =>
      fail
        ? { statusCode: 500, data: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }
        : page([aChildFileSummary()])(),
    );
    const container = open(VILLAGE);

    await screen.findByText('服务暂时不可用，请稍后再试');
    expect(screen.getByText('返回首页')).toBeTruthy();
    fail = false;
    await tap(container.querySelector('.children-retry')!);
    await screen.findByText('李小花');
  });

  it('builds the query from the status tab, the category and an exact name or ID', async () => {
    serve(page([]));
    const container = open(TOWNSHIP);
    await screen.findByText(EMPTY_LIST);

    await tap(container.querySelector('.children-tab-closed')!);
    await waitFor(() => expect(lastQuery()).toContain('status=closed'));
    await tap(container.querySelector('.children-category-left_behind')!);
    await waitFor(() =>
      expect(lastQuery()).toBe('/children?status=closed&category=left_behind&page=1&pageSize=20'),
    );
    const search = container.querySelector('.children-search input') as HTMLInputElement;
    fireEvent.input(search, { target: { value: ' 李小花 ' } });
    await tap(container.querySelector('.children-search-go')!);

    await waitFor(() =>
      expect(lastQuery()).toBe(
        `/children?status=closed&category=left_behind&q=${encodeURIComponent('李小花')}&page=1&pageSize=20`,
      ),
    );
    expect(container.textContent).toContain('没有符合条件的档案');
    expect(container.textContent).toContain('要输入完整的姓名或18位身份证号');
  });

  it('lets a township supervisor filter by one of their villages', async () => {
    serve(page([]));
    const container = open(TOWNSHIP);
    await screen.findByText(EMPTY_LIST);

    await tap(container.querySelector('.scope-field')!);
    await tap(await screen.findByText('胡陈村委会'));

    await waitFor(() => expect(lastQuery()).toContain('division=341324100207'));
  });

  it('has no village filter for a village worker, whose scope is their village', async () => {
    serve(page([]));
    const container = open(VILLAGE);
    await screen.findByText(EMPTY_LIST);

    expect(container.querySelector('.scope-field')).toBeNull();
  });

  it('loads the next page with 加载更多', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => aChildFileSummary({ id: `file-${i}` }));
    serve(page(twenty, 41));
    const container = open(COORDINATOR);
    await screen.findAllByText('李小花');
    expect(container.querySelector('.children-more')?.textContent).toBe('加载更多（共 41 份）');

    await tap(container.querySelector('.children-more')!);

    await waitFor(() => expect(lastQuery()).toBe('/children?status=active&page=2&pageSize=20'));
  });

  it.each([
    ['a village worker', VILLAGE, true],
    ['a township supervisor', TOWNSHIP, true],
    ['a police handler', POLICE, false],
    ['a coordinator', COORDINATOR, false],
  ])('offers 新建档案 to %s: %s', async (_who, user, offered) => {
    serve(page([]));
    const container = open(user);
    await screen.findByText(EMPTY_LIST);

    expect(container.querySelector('.children-new') !== null).toBe(offered);
  });

  describe('控辍保学', () => {
    it('marks a child on the dropout list on their row', async () => {
      serve(
        page([
          aChildFileSummary({
            dropout: {
              state: 'whereabouts_unknown',
              since: '2026-11-02T02:00:00Z',
              returnedAt: null,
              check: null,
            },
          }),
        ]),
      );
      const container = open(VILLAGE);
      await screen.findByText('李小花');

      expect(container.querySelector('.file-row-dropout')?.textContent).toBe('控辍保学：去向不明');
    });

    it('filters the list by a state of the dropout list', async () => {
      serve(page([]));
      const container = open(VILLAGE);
      await screen.findByText(EMPTY_LIST);

      await tap(container.querySelector('.children-dropout-returned')!);
      await waitFor(() =>
        expect(lastQuery()).toBe('/children?status=active&dropout=returned&page=1&pageSize=20'),
      );
      await tap(container.querySelector('.children-dropout-all')!);
      await waitFor(() => expect(lastQuery()).toBe('/children?status=active&page=1&pageSize=20'));
    });

    it.each([
      ['a coordinator', COORDINATOR, true],
      ['a township supervisor', TOWNSHIP, true],
      ['a village worker', VILLAGE, false],
      ['a police handler', POLICE, false],
    ])('shows the figures to %s', async (_who, user, shown) => {
      serve(page([]));
      const container = open(user);
      await screen.findByText(EMPTY_LIST);

      if (shown) {
        await screen.findByText('中位天数');
        const rows = Array.from(container.querySelectorAll('.figures-row')).map((row) =>
          Array.from(row.children).map((cell) => cell.textContent),
        );
        expect(rows).toEqual([
          ['状态', '人数', '中位天数', '最长天数'],
          ['劝返中', '3', '20天', '30天'],
          ['已复学', '2', '10天', '15天'],
          ['巩固', '0', '—', '—'],
          ['销号', '1', '100天', '100天'],
          ['去向不明', '1', '3天', '3天'],
        ]);
      } else {
        expect(container.querySelector('.dropout-figures')).toBeNull();
        expect(figurePaths).toEqual([]);
      }
    });

    it('counts the village the list is narrowed to', async () => {
      serve(page([]));
      const container = open(TOWNSHIP);
      await screen.findByText('中位天数');

      await tap(container.querySelector('.scope-field')!);
      await tap(await screen.findByText('胡陈村委会'));

      await waitFor(() =>
        expect(figurePaths).toEqual([
          '/dropouts/figures',
          '/dropouts/figures?division=341324100207',
        ]),
      );
    });

    it('says when nobody is on the list, and shows a failure with a retry', async () => {
      let fail = true;
      serve(page([]), () =>
        fail
          ? {
              statusCode: 503,
              data: { code: 'SERVICE_UNAVAILABLE', message: '系统繁忙，请稍后再试' },
            }
          : {
              statusCode: 200,
              data: FIGURES.map((f) => ({ ...f, count: 0, medianDays: null, longestDays: null })),
            },
      );
      const container = open(COORDINATOR);

      await screen.findByText('系统繁忙，请稍后再试');
      fail = false;
      await tap(container.querySelector('.dropout-figures-retry')!);
      await screen.findByText('名单上还没有孩子。');
    });
  });
});

describe('the way to 走访', () => {
  /** `due`: the visits due within 30 days; `overdue`: of them, those overdue (`within=0`). */
  const withVisitsDue =
    (due: number | 'offline', overdue = 0) =>
    (path: string) =>
      path.startsWith('/visits')
        ? due === 'offline'
          ? {
              statusCode: 503,
              data: { code: 'SERVICE_UNAVAILABLE', message: '服务繁忙，请稍后再试' },
            }
          : {
              statusCode: 200,
              data: { items: [], total: path.includes('within=0&') ? overdue : due },
            }
        : page([aChildFileSummary()])();

  it.each([
    ['a village 儿童主任', VILLAGE],
    ['a township 督导员', TOWNSHIP],
  ])('shows %s how many visits are due, and opens the 走访 list', async (_who, user) => {
    serve(withVisitsDue(3, 1));
    const container = open(user);

    await screen.findByText('走访（30 天内 3 次，超时 1 次）');
    expect(paths).toContain('/visits?due=true&within=30&page=1&pageSize=1');
    expect(paths).toContain('/visits?due=true&within=0&page=1&pageSize=1');
    await tap(container.querySelector('.visits-entry')!);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/children/visits/index' });
  });

  it('keeps the way open without a count when the count cannot be had', async () => {
    serve(withVisitsDue('offline'));
    const container = open(VILLAGE);

    await screen.findByText('李小花');
    await waitFor(() => expect(paths).toContain('/visits?due=true&within=30&page=1&pageSize=1'));
    expect(container.querySelector('.visits-entry')?.firstElementChild?.textContent).toBe('走访');
  });

  it.each([
    ['the police', POLICE],
    ['the county coordinator', COORDINATOR],
  ])('is not offered to %s, who keep no files', async (_who, user) => {
    serve(withVisitsDue(3, 1));
    const container = open(user);

    await screen.findByText('李小花');
    expect(container.querySelector('.visits-entry')).toBeNull();
    expect(paths.some((p) => p.startsWith('/visits'))).toBe(false);
  });
});
