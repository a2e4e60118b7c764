/** @jest-environment jsdom */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { AuthUser } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { aChildFileDetail, tap } from '../../../test/factories';
import EditChildFilePage from './index';

let params: Record<string, string> = {};

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return { ...mock, __esModule: true, useRouter: () => ({ params }) };
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

let sent: { method: string; path: string; data: unknown }[];

function serve(answer: { statusCode: number; data: unknown }, file = aChildFileDetail()) {
  sent = [];
  taro.request.mockImplementation(
    async (options: { url: string; method: string; data: unknown }) => {
      const path = options.url.replace(/^.*\/api\/v1/, '');
      if (options.method === 'GET') {
        return { statusCode: 200, header: {}, data: file };
      }
      sent.push({ method: options.method, path, data: options.data });
      return { header: {}, ...answer };
    },
  );
}

function open(user: AuthUser = VILLAGE, keep = false) {
  if (!keep) resetTaro();
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', user);
  return render(<EditChildFilePage />).container;
}

/** Types into a box once Taro's component has drawn its inner input. */
async function type(container: HTMLElement, selector: string, value: string) {
  const box = await waitFor(() => {
    const found = container.querySelector(`${selector} input, ${selector} textarea`);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  });
  fireEvent.input(box, { target: { value } });
}

describe('新建档案', () => {
  beforeEach(() => {
    params = {};
  });

  it('starts in the village worker’s own village and sends what was typed', async () => {
    serve({ statusCode: 201, data: { id: 'file-9' } });
    const container = open();

    expect(container.querySelector('.scope-fixed')?.textContent).toBe('关庙村委会');
    await type(container, '.edit-child-name', '李小花');
    await tap(screen.getByText('女'));
    await type(container, '.edit-child-idNumber', '341324201703080025');
    await tap(screen.getByText('农村留守儿童'));
    await type(container, '.edit-guardian-phone', '+86 138 0000 0001');
    await type(container, '.edit-guardian-relation', '父亲');
    await tap(container.querySelector('.edit-save')!);

    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: 'POST',
          path: '/children',
          data: {
            divisionCode: '341324100203',
            child: { name: '李小花', gender: 'female', idNumber: '341324201703080025' },
            categories: ['left_behind'],
            guardian: { phone: '+86 138 0000 0001', relation: '父亲' },
          },
        },
      ]),
    );
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/children/file/index?id=file-9' });
    expect(Taro.getStorageSync('shouhu.draft.childFile')).toBe('');
  });

  it('checks phones, the 身份证号, ages and help with the server’s rules, at their fields, before sending', async () => {
    serve({ statusCode: 201, data: { id: 'file-9' } });
    const container = open();

    await type(container, '.edit-carer-phone', '12345');
    await type(container, '.edit-child-idNumber', '341324201703080022');
    await type(container, '.edit-child-age', '19');
    await tap(container.querySelector('.help-add')!);
    await tap(container.querySelector('.edit-save')!);

    const at = (field: string) =>
      container.querySelector(`.field-error-${field.replace(/\./g, '-')}`)?.textContent;
    expect(at('carer.phone')).toBe('电话应为手机号或带区号的固定电话');
    expect(at('child.idNumber')).toContain('身份证号不正确');
    expect(at('child.ageYears')).toBe('年龄应为0到17之间的整数');
    expect(at('help.0.kind')).toBe('请选择帮扶措施');
    expect(at('help.0.since')).toBe('请选择从哪天开始');
    expect(at('help.0.provider')).toBe('请填写帮扶人或单位');
    expect(sent).toEqual([]);
    for (const box of [
      '.edit-carer-phone',
      '.edit-child-idNumber',
      '.edit-child-age',
      '.help-since',
    ])
      expect(container.querySelector(box)?.classList).toContain('input-error');
    expect(container.querySelector('.edit-guardian-phone')?.classList).not.toContain('input-error');
    await waitFor(() =>
      expect(Taro.pageScrollTo).toHaveBeenCalledWith(
        expect.objectContaining({ selector: '.input-error, .field-error' }),
      ),
    );
  });

  it('shows the server’s field errors at their fields', async () => {
    serve({
      statusCode: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误，请修改后再提交',
        errors: { 'child.name': '孩子姓名含有不可见的控制字符，请删除后重新输入' },
      },
    });
    const container = open();

    await type(container, '.edit-child-name', '李小花');
    await tap(container.querySelector('.edit-save')!);

    await waitFor(() =>
      expect(container.querySelector('.field-error-child-name')?.textContent).toBe(
        '孩子姓名含有不可见的控制字符，请删除后重新输入',
      ),
    );
    expect(container.querySelector('.edit-problems')?.textContent).toContain(
      '提交的内容有误，请修改后再提交',
    );
  });

  it('draws the server’s refusal of the choices and of the help list, and lists a field the form does not show', async () => {
    serve({
      statusCode: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误，请按提示修改',
        errors: {
          categories: '类别代码不正确',
          'child.gender': '性别只能是 female、male 或 unknown',
          help: '帮扶措施最多20项',
          status: '新建档案不填状态',
        },
      },
    });
    const container = open();

    await type(container, '.edit-child-name', '李小花');
    await tap(container.querySelector('.edit-save')!);

    await waitFor(() =>
      expect(container.querySelector('.field-error-categories')?.textContent).toBe(
        '类别代码不正确',
      ),
    );
    expect(container.querySelector('.field-error-child-gender')?.textContent).toBe(
      '性别只能是 female、male 或 unknown',
    );
    expect(container.querySelector('.field-error-help')?.textContent).toBe('帮扶措施最多20项');
    const general = container.querySelector('.edit-problems')?.textContent;
    expect(general).toContain('提交的内容有误，请按提示修改');
    expect(general).toContain('新建档案不填状态');
    expect(general).not.toContain('类别代码不正确');
  });

  it('links the file that already exists when the server finds the same child', async () => {
    serve({
      statusCode: 409,
      data: {
        code: 'CHILD_FILE_EXISTS',
        message: '这个孩子已经有档案了',
        errors: { fileId: 'file-1' },
      },
    });
    const container = open();

    await type(container, '.edit-child-idNumber', '341324201703080025');
    await tap(container.querySelector('.edit-save')!);

    await tap(await screen.findByText('查看已有档案'));
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/children/file/index?id=file-1' });
  });

  it('keeps what was typed when the page is closed and opened again', async () => {
    serve({ statusCode: 201, data: { id: 'file-9' } });
    const container = open();
    await type(container, '.edit-child-name', '李小花');
    cleanup();

    const reopened = open(VILLAGE, true);

    await waitFor(() =>
      expect(
        (reopened.querySelector('.edit-child-name input') as HTMLInputElement | null)?.value,
      ).toBe('李小花'),
    );
  });
});

describe('编辑档案', () => {
  beforeEach(() => {
    params = { id: 'file-1' };
  });

  it('opens with the file’s contents and sends the whole change', async () => {
    serve({ statusCode: 200, data: aChildFileDetail() });
    const container = open();

    await waitFor(() =>
      expect(
        (container.querySelector('.edit-child-name input') as HTMLInputElement | null)?.value,
      ).toBe('李小花'),
    );
    expect(container.querySelector('.scope-field, .scope-fixed')).toBeNull();
    await type(container, '.edit-carer-name', '');
    await type(container, '.edit-carer-phone', '');
    await type(container, '.edit-carer-relation', '');
    await tap(container.querySelector('.edit-save')!);

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PATCH',
      path: '/children/file-1',
      data: {
        child: {
          name: '李小花',
          gender: 'female',
          birthDate: '2017-03-08',
          idNumber: '341324201703080025',
        },
        school: '关庙小学三年级',
        categories: ['left_behind'],
        guardian: { name: '李强', phone: '13800000001', relation: '父亲' },
        carer: null,
        help: [{ kind: 'paired_teacher', since: '2026-09-01', provider: '关庙小学 陈老师' }],
      },
    });
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/children/file/index?id=file-1' });
  });

  it('refuses a birth after the day the file was opened, as the server would, before sending', async () => {
    // Opened on 1 March 2017 (Beijing) for a child whose birth date and 身份证号 say 8 March.
    serve(
      { statusCode: 200, data: {} },
      aChildFileDetail({ createdAt: '2017-03-01T02:00:00.000Z' }),
    );
    const container = open();

    await waitFor(() =>
      expect(
        (container.querySelector('.edit-child-name input') as HTMLInputElement | null)?.value,
      ).toBe('李小花'),
    );
    await tap(container.querySelector('.edit-save')!);

    const at = (field: string) =>
      container.querySelector(`.field-error-${field.replace(/\./g, '-')}`)?.textContent;
    expect(at('child.birthDate')).toBe('出生日期不能晚于建档日期（2017年3月1日）');
    expect(at('child.idNumber')).toBe(
      '身份证号中的出生日期（2017-03-08）晚于建档日期（2017年3月1日），请核对',
    );
    expect(sent).toEqual([]);
  });
});
