/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { AuthUser } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { anInstitution, tap } from '../../../test/factories';
import { handOverInstitution, takeRegisterChanged } from '../register-changes';
import InstitutionEditPage from './index';

let params: Record<string, string> = {};
jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return { ...mock, __esModule: true, useRouter: () => ({ params }) };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const COORDINATOR: AuthUser = {
  id: 'u-coord',
  roles: ['reporter', 'coordinator'],
  unitId: 'unit-coord',
  unitDepartment: 'coordinator',
  unitDivisionPrefixes: ['341324'],
};

let sent: { method: string; path: string; data: unknown }[];

function serve(answer: () => { statusCode: number; data: unknown }) {
  sent = [];
  taro.request.mockImplementation(
    async (options: { url: string; method: string; data: unknown }) => {
      const path = options.url.replace(/^.*\/api\/v1/, '');
      if (path.startsWith('/divisions')) {
        return { statusCode: 200, header: {}, data: [{ code: '341324100', name: '泗城镇' }] };
      }
      sent.push({ method: options.method, path, data: options.data });
      return { header: {}, ...answer() };
    },
  );
}

function open(query: Record<string, string> = {}) {
  resetTaro();
  params = query;
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', COORDINATOR);
  return render(<InstitutionEditPage />).container;
}

/** Taro's input draws its inner box after the first render. */
const inputOf = (container: HTMLElement, field: string) =>
  waitFor(() => {
    const found = container.querySelector<HTMLInputElement>(`.${field} input`);
    if (!found) throw new Error(`no ${field}`);
    return found;
  });

async function type(container: HTMLElement, field: string, value: string) {
  fireEvent.input(await inputOf(container, field), { target: { value } });
}

describe('机构信息', () => {
  it('names every missing field and sends nothing', async () => {
    serve(() => ({ statusCode: 201, data: anInstitution() }));
    const container = open();

    await tap(container.querySelector('.institution-save')!);

    expect(container.querySelector('.field-error-name')?.textContent).toBe('请填写机构名称');
    expect(container.querySelector('.field-error-type')?.textContent).toBe('请选择机构类型');
    expect(container.querySelector('.field-error-divisionCode')?.textContent).toBe(
      '请选择机构所在的区划',
    );
    expect(sent).toEqual([]);
  });

  it('takes a box’s red mark away once it is filled, and leaves the others', async () => {
    serve(() => ({ statusCode: 201, data: anInstitution() }));
    const container = open();
    await tap(container.querySelector('.institution-save')!);

    await tap(container.querySelector('.institution-type-medical')!);

    expect(container.querySelector('.field-error-type')).toBeNull();
    expect(container.querySelector('.field-error-name')?.textContent).toBe('请填写机构名称');
    expect(container.querySelector('.field-error-divisionCode')).not.toBeNull();
  });

  it('places a county-level institution in the county itself, in no township', async () => {
    serve(() => ({ statusCode: 201, data: anInstitution() }));
    const container = open();

    await type(container, 'institution-name', '泗县人民医院');
    await tap(container.querySelector('.institution-type-medical')!);
    await tap(container.querySelector('.scope-field')!);
    await tap(await screen.findByText('就选全县'));
    expect(container.querySelector('.scope-field')?.textContent).toContain('全县');
    await tap(container.querySelector('.institution-save')!);

    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: 'POST',
          path: '/institutions',
          data: { name: '泗县人民医院', type: 'medical', divisionCode: '341324' },
        },
      ]),
    );
  });

  it('adds an institution and goes back to a list that will load again', async () => {
    serve(() => ({ statusCode: 201, data: anInstitution() }));
    const container = open();

    await type(container, 'institution-name', ' 泗县第一中学 ');
    await tap(container.querySelector('.institution-type-school')!);
    await tap(container.querySelector('.scope-field')!);
    await tap(await waitFor(() => container.querySelector('.scope-option')!));
    await tap(await screen.findByText('就选泗城镇'));
    await type(container, 'institution-contact-phone', '0557-7012345');
    await tap(container.querySelector('.institution-save')!);

    await waitFor(() => expect(taro.navigateBack).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/institutions',
        data: {
          name: '泗县第一中学',
          type: 'school',
          divisionCode: '341324100',
          contactPhone: '0557-7012345',
        },
      },
    ]);
    expect(takeRegisterChanged()).toBe(true);
  });

  it.each([
    ['institution-name', 'name', '泗县\t第一中学', '机构名称'],
    ['institution-name', 'name', '泗县\u2028第一中学', '机构名称'],
    ['institution-contact-name', 'contactName', '王\t校长', '联系人'],
    ['institution-contact-phone', 'contactPhone', '0557\t7012345', '联系电话'],
  ])(
    'refuses a tab or line break in %s as the server does, sending nothing',
    async (input, field, value, label) => {
      serve(() => ({ statusCode: 201, data: anInstitution() }));
      const container = open();
      await type(container, 'institution-name', '泗县第一中学');
      await type(container, input, value);
      await tap(container.querySelector('.institution-type-school')!);
      await tap(container.querySelector('.scope-field')!);
      await tap(await waitFor(() => container.querySelector('.scope-option')!));
      await tap(await screen.findByText('就选泗城镇'));

      await tap(container.querySelector('.institution-save')!);

      expect(container.querySelector(`.field-error-${field}`)?.textContent).toBe(
        `${label}要写在一行内，请删去换行和制表符（Tab）`,
      );
      expect(sent).toEqual([]);
    },
  );

  it('says so under the name when the county has it already', async () => {
    serve(() => ({
      statusCode: 409,
      data: { code: 'INSTITUTION_EXISTS', message: '名录里已有这个名称的机构' },
    }));
    const container = open();
    await type(container, 'institution-name', '泗县第一中学');
    await tap(container.querySelector('.institution-type-school')!);
    await tap(container.querySelector('.scope-field')!);
    await tap(await waitFor(() => container.querySelector('.scope-option')!));
    await tap(await screen.findByText('就选泗城镇'));

    await tap(container.querySelector('.institution-save')!);

    await waitFor(() =>
      expect(container.querySelector('.field-error-name')?.textContent).toBe(
        '名录里已有这个名称的机构',
      ),
    );
    expect(taro.navigateBack).not.toHaveBeenCalled();
  });

  it('edits the institution tapped on the list, clearing a contact emptied', async () => {
    serve(() => ({ statusCode: 200, data: anInstitution() }));
    handOverInstitution(anInstitution());
    const container = open({ id: 'inst-1' });

    expect((await inputOf(container, 'institution-name')).value).toBe('泗县第一中学');
    await type(container, 'institution-contact-name', '');
    await tap(container.querySelector('.institution-save')!);

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PATCH',
      path: '/institutions/inst-1',
      data: {
        name: '泗县第一中学',
        type: 'school',
        divisionCode: '341324100',
        contactName: null,
        contactPhone: '05577012345',
      },
    });
  });

  it('asks to start again from the list when opened for an institution it was not handed', () => {
    serve(() => ({ statusCode: 200, data: anInstitution() }));
    open({ id: 'inst-9' });

    expect(screen.getByText(/页面地址不完整/)).toBeTruthy();
    expect(screen.getByText('返回首页')).toBeTruthy();
  });
});
