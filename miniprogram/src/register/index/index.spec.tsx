/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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

let requests: { method: string; path: string }[];

function serve(answers: Record<string, () => { statusCode: number; data: unknown }> = {}) {
  requests = [];
  taro.request.mockImplementation(async (options: { url: string; method: string }) => {
    const path = options.url.replace(/^.*\/api\/v1/, '');
    requests.push({ method: options.method, path });
    const answer = Object.entries(answers).find(([prefix]) => path.startsWith(prefix))?.[1];
    return {
      header: {},
      ...(answer?.() ?? { statusCode: 200, data: { items: [anInstitution()], total: 1 } }),
    };
  });
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

  it('asks before inviting a reporter, then shows the code to copy', async () => {
    serve({
      '/institutions/inst-1/invites': () => ({
        statusCode: 201,
        data: {
          code: 'ABCD2345EFGH',
          role: 'mandated_reporter',
          expiresAt: '2026-12-04T02:00:00Z',
        },
      }),
    });
    const container = open();
    await screen.findByText('泗县第一中学');

    await tap(container.querySelector('.register-invite')!);
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await tap(await screen.findByText('生成邀请码'));

    await screen.findByText('ABCD2345EFGH');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', path: '/institutions/inst-1/invites' },
    ]);
    expect(container.textContent).toContain('请在 2026年12月4日 10:00 前使用');
    await tap(container.querySelector('.invite-copy')!);
    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: 'ABCD2345EFGH' });
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
