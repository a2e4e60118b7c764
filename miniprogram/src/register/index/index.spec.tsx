/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { AuthUser } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { anInstitution, tap } from '../../../test/factories';
import RegisterPage from './index';

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

const COORDINATOR: AuthUser = {
  id: 'u-coord',
  roles: ['reporter', 'coordinator'],
  unitId: 'unit-coord',
  unitDepartment: 'coordinator',
  unitDivisionPrefixes: ['341324'],
};

let requests: { method: string; path: string; data?: unknown }[];

function serve(answers: Record<string, () => { statusCode: number; data: unknown }> = {}) {
  requests = [];
  taro.request.mockImplementation(
    async (options: { url: string; method: string; data?: unknown }) => {
      const path = options.url.replace(/^.*\/api\/v1/, '');
      requests.push({
        method: options.method,
        path,
        ...(options.method === 'GET' ? {} : { data: options.data }),
      });
      const answer = Object.entries(answers).find(([prefix]) => path.startsWith(prefix))?.[1];
      return {
        header: {},
        ...(answer?.() ?? { statusCode: 200, data: { items: [anInstitution()], total: 1 } }),
      };
    },
  );
}

function open(user: AuthUser = COORDINATOR) {
  resetTaro();
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', user);
  return render(<RegisterPage />).container;
}

const lastList = () => requests.filter((r) => r.method === 'GET').pop()?.path;

describe('强制报告单位名录', () => {
  it('lists the county’s institutions with type, place, contact and reporters', async () => {
    serve();
    const container = open();

    await screen.findByText('泗县第一中学');
    expect(lastList()).toBe('/institutions?page=1&pageSize=20');
    const row = container.querySelector('.register-row')!;
    expect(row.textContent).toContain('学校 · 泗城镇');
    expect(row.textContent).toContain('王老师 05577012345 · 已加入报告人 2 名');
    expect(container.textContent).toContain('共 1 个机构');
  });

  it('filters by type and by part of the name', async () => {
    serve();
    const container = open();
    await screen.findByText('泗县第一中学');

    await tap(container.querySelector('.register-type-field')!);
    await tap(container.querySelector('.register-type-hotel')!);
    await waitFor(() => expect(lastList()).toBe('/institutions?type=hotel&page=1&pageSize=20'));
    fireEvent.input(container.querySelector('.register-search input')!, {
      target: { value: ' 一中 ' },
    });
    await tap(container.querySelector('.register-search-go')!);

    await waitFor(() =>
      expect(lastList()).toBe(
        `/institutions?type=hotel&q=${encodeURIComponent('一中')}&page=1&pageSize=20`,
      ),
    );
  });

  it('says how to start when the register is empty', async () => {
    serve({ '/institutions': () => ({ statusCode: 200, data: { items: [], total: 0 } }) });
    open();

    await screen.findByText(/名录还是空的/);
  });

  const TWO = {
    items: [
      anInstitution(),
      anInstitution({ id: 'inst-2', name: '泗县第二中学', reporterCount: 0 }),
    ],
    total: 2,
  };
  const INVITE = {
    code: 'ABCD2345EFGH',
    role: 'mandated_reporter',
    expiresAt: '2026-12-04T02:00:00Z',
  };
  const cardOf = (container: HTMLElement, name: string) =>
    Array.from(container.querySelectorAll<HTMLElement>('.register-row')).find((row) =>
      row.textContent?.includes(name),
    )!;
  const dialog = () =>
    waitFor(() => {
      const found = document.querySelector<HTMLElement>('.confirm-dialog');
      if (!found) throw new Error('no dialog yet');
      return found;
    });

  it('asks before inviting a reporter, then shows the code under the card tapped, to copy', async () => {
    serve({
      '/institutions/inst-2/invites': () => ({ statusCode: 201, data: INVITE }),
      '/institutions': () => ({ statusCode: 200, data: TWO }),
    });
    const container = open();
    await screen.findByText('泗县第二中学');

    await tap(cardOf(container, '泗县第二中学').querySelector('.register-invite')!);
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await tap(await screen.findByText('生成邀请码'));

    await screen.findByText('ABCD2345EFGH');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', path: '/institutions/inst-2/invites', data: {} },
    ]);
    const tapped = cardOf(container, '泗县第二中学');
    expect(within(tapped).getByText('ABCD2345EFGH')).toBeTruthy();
    expect(tapped.textContent).toContain('请在 2026年12月4日 10:00 前使用，只能用一次。');
    expect(cardOf(container, '泗县第一中学').querySelector('.invite-result')).toBeNull();
    expect(container.querySelectorAll('.invite-result')).toHaveLength(1);
    await tap(tapped.querySelector('.invite-copy')!);
    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: 'ABCD2345EFGH' });
  });

  it('says under the card tapped when no code could be made', async () => {
    serve({
      '/institutions/inst-2/invites': () => ({
        statusCode: 409,
        data: { code: 'INSTITUTION_RETIRED', message: '“泗县第二中学”已停用，不能再邀请报告人' },
      }),
      '/institutions': () => ({ statusCode: 200, data: TWO }),
    });
    const container = open();
    await screen.findByText('泗县第二中学');

    await tap(cardOf(container, '泗县第二中学').querySelector('.register-invite')!);
    await tap(await screen.findByText('生成邀请码'));

    await waitFor(() =>
      expect(cardOf(container, '泗县第二中学').querySelector('.invite-error')?.textContent).toBe(
        '“泗县第二中学”已停用，不能再邀请报告人',
      ),
    );
    expect(cardOf(container, '泗县第一中学').querySelector('.invite-error')).toBeNull();
  });

  it('asks before retiring, saying what it means, then takes the card off the list', async () => {
    serve({
      '/institutions/inst-2': () => ({
        statusCode: 200,
        data: anInstitution({ id: 'inst-2', retiredAt: '2026-12-01T02:00:00Z' }),
      }),
      '/institutions': () => ({ statusCode: 200, data: TWO }),
    });
    const container = open();
    await screen.findByText('泗县第二中学');

    await tap(cardOf(container, '泗县第二中学').querySelector('.register-retire')!);
    const asking = await dialog();
    expect(asking.textContent).toContain('停用后不能再邀请报告人，已有的报告和统计保留');
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
    await tap(within(asking).getByText('停用'));

    await waitFor(() => expect(screen.queryByText('泗县第二中学')).toBeNull());
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([
      { method: 'PATCH', path: '/institutions/inst-2', data: { retired: true } },
    ]);
    expect(container.textContent).toContain('共 1 个机构');
    expect(screen.getByText('泗县第一中学')).toBeTruthy();
    expect(taro.showToast).toHaveBeenLastCalledWith({ title: '已停用', icon: 'success' });
  });

  it('retires nothing when the coordinator cancels', async () => {
    serve({ '/institutions': () => ({ statusCode: 200, data: TWO }) });
    const container = open();
    await screen.findByText('泗县第二中学');

    await tap(cardOf(container, '泗县第二中学').querySelector('.register-retire')!);
    await tap(within(await dialog()).getByText('取消'));

    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
    expect(screen.getByText('泗县第二中学')).toBeTruthy();
  });

  it('keeps the card and says why under it when retiring fails', async () => {
    serve({
      '/institutions/inst-2': () => ({
        statusCode: 404,
        data: { code: 'NOT_FOUND', message: '本县名录中没有这个机构' },
      }),
      '/institutions': () => ({ statusCode: 200, data: TWO }),
    });
    const container = open();
    await screen.findByText('泗县第二中学');

    await tap(cardOf(container, '泗县第二中学').querySelector('.register-retire')!);
    await tap(within(await dialog()).getByText('停用'));

    await waitFor(() =>
      expect(cardOf(container, '泗县第二中学').querySelector('.register-note')?.textContent).toBe(
        '本县名录中没有这个机构',
      ),
    );
  });

  it('lists the retired under 已停用, with no invitation, and restores one', async () => {
    const closed = anInstitution({
      id: 'inst-3',
      name: '泗县某村小学',
      retiredAt: '2026-11-20T02:00:00Z',
    });
    serve({
      '/institutions/inst-3': () => ({ statusCode: 200, data: { ...closed, retiredAt: null } }),
      '/institutions?retired=true': () => ({
        statusCode: 200,
        data: { items: [closed], total: 1 },
      }),
      '/institutions': () => ({ statusCode: 200, data: TWO }),
    });
    const container = open();
    await screen.findByText('泗县第一中学');

    await tap(container.querySelector('.register-tab-retired')!);

    await screen.findByText('泗县某村小学');
    expect(lastList()).toBe('/institutions?retired=true&page=1&pageSize=20');
    const card = cardOf(container, '泗县某村小学');
    expect(card.textContent).toContain('已停用（2026年11月20日起）');
    expect(card.querySelector('.register-invite')).toBeNull();
    expect(card.querySelector('.register-retire')).toBeNull();
    expect(container.textContent).toContain('已停用 1 个机构');

    await tap(card.querySelector('.register-restore')!);

    await waitFor(() => expect(screen.queryByText('泗县某村小学')).toBeNull());
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([
      { method: 'PATCH', path: '/institutions/inst-3', data: { retired: false } },
    ]);
    expect(taro.showToast).toHaveBeenLastCalledWith({ title: '已恢复', icon: 'success' });
    await tap(container.querySelector('.register-tab-active')!);
    await waitFor(() => expect(lastList()).toBe('/institutions?page=1&pageSize=20'));
  });

  it('says when nothing is retired', async () => {
    serve({
      '/institutions?retired=true': () => ({ statusCode: 200, data: { items: [], total: 0 } }),
    });
    const container = open();
    await screen.findByText('泗县第一中学');

    await tap(container.querySelector('.register-tab-retired')!);

    await screen.findByText('没有已停用的机构。');
  });

  it('imports a sheet and says what it did', async () => {
    serve();
    Object.assign(URL, { createObjectURL: () => 'blob:sheet' });
    taro.uploadFile.mockResolvedValue({
      statusCode: 200,
      data: JSON.stringify({ created: 3, updated: 1, unchanged: 2 }),
    });
    const container = open();
    await screen.findByText('泗县第一中学');

    const input = container.querySelector('.import-file') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'a.xlsx')] } });

    await screen.findByText('导入完成：新增 3 个，更新 1 个，2 个没有变化。');
    expect(taro.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/v1/institutions/import',
        filePath: 'blob:sheet',
        name: 'file',
        header: { authorization: 'Bearer token-1' },
      }),
    );
    await waitFor(() => expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2));
  });

  it('lists a refused sheet’s cells in the order of its rows', async () => {
    serve();
    Object.assign(URL, { createObjectURL: () => 'blob:sheet' });
    taro.uploadFile.mockResolvedValue({
      statusCode: 400,
      data: JSON.stringify({
        code: 'VALIDATION_FAILED',
        message: '表格有错误，没有导入',
        errors: { '第12行 联系电话': '联系电话不正确', '第3行 类型': '没有这个类型：银行' },
      }),
    });
    const container = open();
    await screen.findByText('泗县第一中学');

    fireEvent.change(container.querySelector('.import-file')!, {
      target: { files: [new File(['x'], 'a.xlsx')] },
    });

    await screen.findByText('表格有错误，没有导入');
    expect(
      Array.from(container.querySelectorAll('.import-cell')).map((cell) => cell.textContent),
    ).toEqual(['第3行 类型：没有这个类型：银行', '第12行 联系电话：联系电话不正确']);
  });

  it('says a file that is no spreadsheet in words alone, with no cell list', async () => {
    serve();
    Object.assign(URL, { createObjectURL: () => 'blob:sheet' });
    taro.uploadFile.mockResolvedValue({
      statusCode: 400,
      data: JSON.stringify({
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误，请按提示修改',
        errors: { file: '这个文件不是 Excel 表格（.xlsx），请用导入模板填写后再导入' },
      }),
    });
    const container = open();
    await screen.findByText('泗县第一中学');

    fireEvent.change(container.querySelector('.import-file')!, {
      target: { files: [new File(['x'], 'a.xlsx')] },
    });

    await screen.findByText('这个文件不是 Excel 表格（.xlsx），请用导入模板填写后再导入');
    expect(container.querySelector('.import-errors')).toBeNull();
    expect(container.textContent).not.toContain('file');
  });

  it('is kept by the coordinator only, and asks nothing of others', async () => {
    serve();
    open({ id: 'u', roles: ['reporter', 'handler'], unitDepartment: 'township' });

    await screen.findByText(/名录由县联席办协调员维护/);
    expect(requests).toEqual([]);
  });
});
