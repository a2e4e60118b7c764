/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect, type ComponentType } from 'react';
import { resetTaro } from '../../test/taro-mock';
import { aStaffUser, aStatsOverview, aTownshipWorker, tap } from '../../test/factories';
import BoardPage from '../board/index';
import ChildFilesPage from './index/index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
    useReachBottom: () => undefined,
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const COORDINATOR = aStaffUser();
const TOWNSHIP = aTownshipWorker();

/** Every page with a place filter: the filter is the same there, and so are its words. */
const PAGES: [string, ComponentType][] = [
  ['统计与台账', BoardPage],
  ['儿童档案', ChildFilesPage],
];

function serve() {
  taro.request.mockImplementation(async (options: { url: string }) => {
    const path = options.url.replace(/^.*\/api\/v1/, '');
    const data = path.startsWith('/divisions')
      ? [{ code: '341324100203', name: '关庙村委会' }]
      : path.startsWith('/stats/overview')
        ? aStatsOverview()
        : path.startsWith('/dropouts/figures')
          ? []
          : { items: [], total: 0 };
    return { statusCode: 200, header: {}, data };
  });
}

describe.each(PAGES)('the place filter of %s', (_name, Page) => {
  it.each([
    ['a county’s coordinator', COORDINATOR, '全县', '全县（全部乡镇）'],
    ['a township’s supervisor', TOWNSHIP, '全镇', '全镇（全部村）'],
  ])('names all of the places of %s', async (_who, user, whole, label) => {
    resetTaro();
    serve();
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', user);
    const { container } = render(<Page />);

    const field = await screen.findByText(label);
    expect(field.closest('.scope-field')).not.toBeNull();
    await tap(container.querySelector('.scope-field')!);

    expect(container.querySelector('.scope-all')?.textContent).toBe(label);
    expect(container.querySelector('.division-crumb')?.textContent).toBe(whole);
    expect(container.textContent).not.toContain('全部村（社区）');
  });
});

describe('the heading of the place filter of 儿童档案', () => {
  it.each([
    ['a county’s coordinator', COORDINATOR, '乡镇、村（社区）'],
    ['a township’s supervisor', TOWNSHIP, '村（社区）'],
  ])('names the levels %s chooses among', async (_who, user, heading) => {
    resetTaro();
    serve();
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', user);
    const { container } = render(<ChildFilesPage />);

    await screen.findByText(heading === '村（社区）' ? '全镇（全部村）' : '全县（全部乡镇）');
    const field = container.querySelector('.scope-field')!;
    expect(field.previousElementSibling?.textContent).toBe(heading);
  });
});
