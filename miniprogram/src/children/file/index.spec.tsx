/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { ChildFileDetail } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import {
  aChildFileDetail,
  aChildFileVisit,
  aHandover,
  aPlannedVisit,
  tap,
} from '../../../test/factories';
import { queueStaffRequest, sendStaffQueued } from '../../services/staff-outbox';
import { MOVE_WARNING } from '../file-actions';
import ChildFilePage from './index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useRouter: () => ({ params: { id: 'file-1' } }),
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const DIVISIONS: Record<string, { code: string; name: string }[]> = {
  '': [{ code: '34', name: '安徽省' }],
  '34': [{ code: '3413', name: '宿州市' }],
  '3413': [{ code: '341324', name: '泗县' }],
  '341324': [{ code: '341324100', name: '泗城镇' }],
  '341324100': [
    { code: '341324100203', name: '关庙村委会' },
    { code: '341324100207', name: '胡陈村委会' },
  ],
};

let sent: { method: string; path: string; data: unknown }[];
let file: ChildFileDetail;

function serve(detail: ChildFileDetail, refuse?: { statusCode: number; data: unknown }) {
  file = detail;
  sent = [];
  taro.request.mockImplementation(
    async (options: { url: string; method: string; data: unknown }) => {
      const path = options.url.replace(/^.*\/api\/v1/, '');
      if (path.startsWith('/divisions')) {
        const parent = /parent=(\d+)/.exec(path)?.[1] ?? '';
        return { statusCode: 200, header: {}, data: DIVISIONS[parent] ?? [] };
      }
      if (options.method === 'GET') return { statusCode: 200, header: {}, data: file };
      sent.push({ method: options.method, path, data: options.data });
      return refuse ? { header: {}, ...refuse } : { statusCode: 200, header: {}, data: file };
    },
  );
}

async function open(detail: ChildFileDetail) {
  resetTaro();
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['handler'], unitId: 'unit-guanmiao' });
  serve(detail);
  const { container } = render(<ChildFilePage />);
  await screen.findByText('档案经过');
  return container;
}

describe('档案详情', () => {
  it('shows the child, the people with their phones, the help, the reports and the timeline', async () => {
    const container = await open(aChildFileDetail({ handovers: [aHandover()] }));

    const text = container.textContent ?? '';
    expect(text).toContain('李小花');
    expect(text).toContain('在册');
    expect(text).toContain('2017年3月8日');
    expect(text).toContain('关庙小学三年级');
    expect(text).toContain('结对帮扶教师 · 关庙小学 陈老师');
    expect(text).toContain('自2026年9月1日起');
    expect(text).toContain('报告人要求保密');
    expect(text).toContain('孩子最近常常没吃早饭来上学');
    expect(text).toContain('安置地点：县未成年人救助保护中心');
    // Beijing time, Chinese style: 02:00Z is 10:00 in Beijing.
    expect(container.querySelector('.file-timeline')?.textContent).toContain('11月22日 10:00');

    await tap(screen.getByText('拨打 13800000002'));
    expect(taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800000002' });
  });

  it('links the orders the viewer may open, and only those', async () => {
    const container = await open(aChildFileDetail());

    const links = container.querySelectorAll('.file-order-link');
    expect(links).toHaveLength(1);
    await tap(links[0]);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/order/index?id=order-1' });
    expect(container.querySelector('.file-order')?.textContent).toContain('泗县民政局');
  });

  it('names an order’s department short on its button, with the unit below', async () => {
    const container = await open(aChildFileDetail());

    const link = container.querySelector('.file-order-link')!;
    expect(link.firstElementChild?.textContent).toBe('乡镇 · 牵头 · 办理中');
    expect(link.querySelector('.big-button-note')?.textContent).toBe('泗城镇儿童督导站 · 查看工单');
  });

  it('offers no change to a viewer who may only read the file', async () => {
    const container = await open(aChildFileDetail({ capacity: 'order_holder', mayEdit: false }));

    expect(container.querySelector('.file-actions')).toBeNull();
    expect(container.textContent).not.toMatch(/编辑档案|迁到其他村|销号|恢复在册/);
  });

  it('asks a keeper to choose the category of a file that has none, opening the edit page', async () => {
    const container = await open(aChildFileDetail({ categories: [] }));

    expect(container.querySelector('.file-no-category')?.textContent).toContain(
      '还没有选类别，不会排入走访计划。请核实后选择类别',
    );
    await tap(container.querySelector('.file-pick-category')!);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/children/edit/index?id=file-1' });
  });

  it.each<[string, Partial<ChildFileDetail>]>([
    ['with a category', {}],
    [
      'to a reader who may not change it',
      { categories: [], capacity: 'order_holder', mayEdit: false },
    ],
    ['once closed', { categories: [], status: 'closed', closeReason: 'turned_18' }],
  ])('asks nothing of a file %s', async (_when, patch) => {
    const container = await open(aChildFileDetail(patch));

    expect(container.querySelector('.file-no-category')).toBeNull();
  });

  it('closes a file only with a reason, a note for 其他原因, and a confirmation', async () => {
    const container = await open(aChildFileDetail());

    await tap(container.querySelector('.file-close')!);
    await tap(container.querySelector('.sheet-submit')!);
    expect(container.querySelector('.field-error-closeReason')?.textContent).toBe('请选择销号原因');

    await tap(screen.getByText('其他原因'));
    await tap(container.querySelector('.sheet-submit')!);
    expect(container.querySelector('.field-error-closeNote')?.textContent).toContain(
      '请写明销号说明',
    );
    expect(sent).toEqual([]);

    fireEvent.input(container.querySelector('.file-close-note textarea')!, {
      target: { value: '随父母去外地上学' },
    });
    await tap(container.querySelector('.sheet-submit')!);
    expect(sent).toEqual([]);
    await screen.findByText(/确认销号？原因：其他原因/);
    await tap(screen.getByText('确认'));

    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: 'PATCH',
          path: '/children/file-1',
          data: { status: 'closed', closeReason: 'other', closeNote: '随父母去外地上学' },
        },
      ]),
    );
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已销号', icon: 'success' });
  });

  it('shows a closed file’s reason and offers 恢复在册 after a confirmation', async () => {
    const container = await open(
      aChildFileDetail({
        status: 'closed',
        closeReason: 'turned_18',
        closeNote: null,
        closedAt: '2026-12-01T02:00:00Z',
      }),
    );

    expect(container.querySelector('.file-head')?.textContent).toContain(
      '年满18周岁 · 2026年12月1日',
    );
    expect(container.querySelector('.file-edit')).toBeNull();
    await tap(container.querySelector('.file-reopen')!);
    expect(sent).toEqual([]);
    await tap(await screen.findByText('确认'));

    await waitFor(() =>
      expect(sent).toEqual([
        { method: 'PATCH', path: '/children/file-1', data: { status: 'active' } },
      ]),
    );
  });

  it('moves a file to another village after saying the worker will no longer see it', async () => {
    const container = await open(aChildFileDetail());

    await tap(container.querySelector('.file-move')!);
    await waitFor(() => expect(container.textContent).toContain('安徽省 宿州市 泗县'));
    await tap(container.querySelector('.file-move-sheet .division-field')!);
    await tap(await screen.findByText('泗城镇'));
    await tap(await screen.findByText('胡陈村委会'));
    await tap(container.querySelector('.sheet-submit')!);

    await screen.findByText(`迁到安徽省 宿州市 泗县 泗城镇 胡陈村委会？${MOVE_WARNING}。`);
    expect(sent).toEqual([]);
    await tap(screen.getByText('确认'));
    await waitFor(() =>
      expect(sent).toEqual([
        { method: 'PATCH', path: '/children/file-1', data: { divisionCode: '341324100207' } },
      ]),
    );
    // The file now belongs to the new village: back to the list, not to a page that says 没有找到.
    await waitFor(() =>
      expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/children/index/index' }),
    );
  });

  it('offers only villages of the file’s own county as the place to move to', async () => {
    const container = await open(aChildFileDetail());

    await tap(container.querySelector('.file-move')!);
    await waitFor(() => expect(container.textContent).toContain('安徽省 宿州市 泗县'));
    await tap(container.querySelector('.file-move-sheet .division-field')!);
    await screen.findByText('泗城镇');
    // A county or a township would be refused (请选到村一级), and leaving the county is 销号.
    expect(container.querySelector('.file-move-sheet .division-done')).toBeNull();
    expect(screen.queryByText('全国')).toBeNull();
    const fixed = container.querySelectorAll('.file-move-sheet .division-crumb-fixed');
    expect(Array.from(fixed, (crumb) => crumb.textContent)).toEqual(['安徽省', ' › 宿州市']);
    await tap(fixed[0]);
    await tap(screen.getByText('泗城镇'));
    await screen.findByText('胡陈村委会');
    expect(container.querySelector('.file-move-sheet .division-done')).toBeNull();
  });

  it('refuses to move a file to the village it is in', async () => {
    const container = await open(aChildFileDetail());

    await tap(container.querySelector('.file-move')!);
    await waitFor(() => expect(container.textContent).toContain('安徽省 宿州市 泗县'));
    await tap(container.querySelector('.file-move-sheet .division-field')!);
    await tap(await screen.findByText('泗城镇'));
    await waitFor(() => expect(container.querySelectorAll('.division-option').length).toBe(2));
    await tap(container.querySelector('.division-option')!);
    await tap(container.querySelector('.sheet-submit')!);

    expect(container.querySelector('.field-error-divisionCode')?.textContent).toContain(
      '孩子已经在这个村',
    );
    expect(sent).toEqual([]);
  });

  it('shows the server’s refusal that names no field in the sheet, and under the buttons once it is closed', async () => {
    const container = await open(aChildFileDetail());
    serve(file, {
      statusCode: 409,
      data: { code: 'CHILD_FILE_CLOSED', message: '这份档案已销号，请先恢复在册' },
    });

    await tap(container.querySelector('.file-close')!);
    await tap(screen.getByText('年满18周岁'));
    await tap(container.querySelector('.sheet-submit')!);
    await tap(await screen.findByText('确认'));

    await waitFor(() =>
      expect(container.querySelector('.sheet-problems')?.textContent).toBe(
        '这份档案已销号，请先恢复在册',
      ),
    );
    await tap(container.querySelector('.sheet-cancel')!);
    expect(container.querySelector('.file-refusal')).toBeNull();
  });
});

describe('档案详情: a refused field of 销号 or 迁档 is drawn red in its sheet', () => {
  const reasonAt = (container: HTMLElement, field: string) =>
    container.querySelector(`.action-panel .field-error-${field}`)?.textContent;
  const list = (container: HTMLElement) => container.querySelector('.sheet-problems')?.textContent;

  function refuseWith(errors: Record<string, string>) {
    serve(file, {
      statusCode: 400,
      data: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请按提示修改', errors },
    });
  }

  async function closeFor(container: HTMLElement, reason: string) {
    await tap(container.querySelector('.file-close')!);
    await tap(screen.getByText(reason));
    await tap(container.querySelector('.sheet-submit')!);
    await tap(await screen.findByText('确认'));
  }

  async function moveTo(container: HTMLElement, village: string) {
    await tap(container.querySelector('.file-move')!);
    await waitFor(() => expect(container.textContent).toContain('安徽省 宿州市 泗县'));
    await tap(container.querySelector('.file-move-sheet .division-field')!);
    await tap(await screen.findByText('泗城镇'));
    await waitFor(() => expect(container.querySelectorAll('.division-option').length).toBe(2));
    await tap(
      Array.from(container.querySelectorAll('.division-option')).find(
        (option) => option.textContent === village,
      )!,
    );
    await tap(container.querySelector('.sheet-submit')!);
  }

  it('销号: the form’s own refusals under the reason and in the note’s red box', async () => {
    const container = await open(aChildFileDetail());

    await tap(container.querySelector('.file-close')!);
    await tap(container.querySelector('.sheet-submit')!);
    expect(reasonAt(container, 'closeReason')).toBe('请选择销号原因');

    await tap(screen.getByText('其他原因'));
    await tap(container.querySelector('.sheet-submit')!);
    expect(reasonAt(container, 'closeReason')).toBeUndefined();
    expect(reasonAt(container, 'closeNote')).toContain('请写明销号说明');
    expect(container.querySelector('.file-close-note')?.classList).toContain('input-error');
    expect(list(container)).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it.each([
    ['closeNote', '.file-close-note'],
    ['closeReason', null],
  ])('销号: the server’s refusal of %s under that field', async (field, box) => {
    const container = await open(aChildFileDetail());
    refuseWith({ [field]: '服务器说这一项不对' });

    await closeFor(container, '年满18周岁');

    await waitFor(() => expect(reasonAt(container, field)).toBe('服务器说这一项不对'));
    expect(Array.from(container.querySelectorAll('.input-error'), (b) => b.className)).toEqual(
      box ? [expect.stringContaining(box.slice(1))] : [],
    );
    expect(list(container)).toBeUndefined();
  });

  it('销号: a refusal of a field the sheet does not show stays in its list', async () => {
    const container = await open(aChildFileDetail());
    refuseWith({ status: '档案状态只能是在册或销号' });

    await closeFor(container, '年满18周岁');

    await waitFor(() => expect(list(container)).toContain('档案状态只能是在册或销号'));
    expect(list(container)).toContain('提交的内容有误，请按提示修改');
  });

  it('迁档: the form’s own refusal and the server’s under the place, its box red', async () => {
    const container = await open(aChildFileDetail());

    await moveTo(container, '关庙村委会');
    expect(reasonAt(container, 'divisionCode')).toContain('孩子已经在这个村');
    expect(container.querySelector('.file-move-sheet .division-field')?.classList).toContain(
      'input-error',
    );
    expect(list(container)).toBeUndefined();
    expect(sent).toEqual([]);

    await tap(container.querySelector('.sheet-cancel')!);
    refuseWith({ divisionCode: '没有这个区划代码，请从列表中选择孩子迁入的村' });
    await moveTo(container, '胡陈村委会');
    await tap(await screen.findByText('确认'));

    await waitFor(() =>
      expect(reasonAt(container, 'divisionCode')).toBe(
        '没有这个区划代码，请从列表中选择孩子迁入的村',
      ),
    );
    expect(container.querySelector('.file-move-sheet .division-field')?.classList).toContain(
      'input-error',
    );
    expect(list(container)).toBeUndefined();
  });
});

describe('档案详情: 走访', () => {
  it('says from which day a visit whose window has not opened yet counts', async () => {
    const container = await open(
      aChildFileDetail({
        plannedVisits: [
          aPlannedVisit({
            reason: 'dropout_check',
            startedAt: '2098-12-29T16:00:00Z',
            dueAt: '2099-01-06T02:00:00Z',
          }),
        ],
      }),
    );

    expect(container.querySelector('.visit-planned')?.textContent).toContain(
      '12月30日起、1月6日前完成',
    );
  });

  it('shows the plan soonest first, overdue in red, and what escalated', async () => {
    const container = await open(
      aChildFileDetail({
        plannedVisits: [
          aPlannedVisit({ id: 'later', dueAt: '2099-03-01T02:00:00Z' }),
          aPlannedVisit({
            id: 'late',
            reason: 'follow_up',
            dueAt: '2020-01-01T02:00:00Z',
            escalationLevel: 1,
          }),
        ],
      }),
    );

    const planned = Array.from(container.querySelectorAll('.visit-planned'));
    expect(planned.map((p) => p.textContent)).toEqual([
      expect.stringMatching(/^案后回访已超时 \d+ 天已督办$/),
      '季度走访2099年3月1日前完成',
    ]);
    expect(planned[0].querySelector('.file-overdue')).not.toBeNull();
    expect(planned[1].querySelector('.file-overdue')).toBeNull();
  });

  it('shows each visit, newest first: when, who, whom met, the four checks, what it fulfilled, the report filed from it', async () => {
    const container = await open(
      aChildFileDetail({
        visits: [
          aChildFileVisit(),
          aChildFileVisit({
            id: 'visit-2',
            at: '2026-12-02T01:00:00Z',
            met: ['guardian'],
            checks: {
              family: { result: 'normal' },
              guardianship: { result: 'concern', finding: '父亲外出，祖母生病住院' },
              schooling: { result: 'normal' },
              wellbeing: { result: 'normal' },
            },
            findings: null,
            fulfilled: ['follow_up', 'quarterly'],
            position: { latitude: 33.4781, longitude: 117.8839 },
            reportId: 'report-1',
          }),
        ],
      }),
    );

    const [newest, older] = Array.from(container.querySelectorAll('.visit-entry'));
    expect(newest.textContent).toContain('2026年12月2日 09:00 · 关庙村委会');
    expect(newest.textContent).toContain('见到监护人');
    expect(newest.querySelector('.visit-concern')?.textContent).toBe(
      '监护情况需关注：父亲外出，祖母生病住院',
    );
    expect(newest.textContent).toContain('完成案后回访、季度走访');
    expect(newest.textContent).toContain('北纬 33.478100，东经 117.883900');
    await tap(newest.querySelector('.visit-entry-report')!);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/order/index?id=order-1' });

    expect(older.textContent).toContain('见到儿童本人、委托照护人');
    expect(older.textContent).toContain('家庭情况正常');
    expect(older.textContent).toContain('就学情况需关注：最近两周迟到三次');
    expect(older.textContent).toContain('其他发现祖母说孩子晚上看手机到很晚。');
    expect(older.querySelector('.visit-entry-report')).toBeNull();
  });

  it('says when nothing is planned and no visit recorded yet', async () => {
    const container = await open(aChildFileDetail());

    expect(container.querySelector('.file-visits')?.textContent).toContain('现在没有安排的走访');
    expect(container.querySelector('.file-visits')?.textContent).toContain('还没有走访记录');
  });

  it('offers 记录走访 to the keepers of a 在册 file, opening the form with the child’s name', async () => {
    const container = await open(aChildFileDetail());

    await tap(container.querySelector('.file-visit-record')!);

    expect(taro.navigateTo).toHaveBeenCalledWith({
      url: '/children/visit/index?fileId=file-1&from=file',
    });
    expect(Taro.getStorageSync('shouhu.draft.visit.file-1')).toMatchObject({
      childName: '李小花',
    });
  });

  it.each<[string, Partial<ChildFileDetail>]>([
    ['a handler who holds an order', { capacity: 'order_holder', mayEdit: false }],
    ['the county coordinator', { capacity: 'coordinator' }],
    [
      'a closed file',
      { status: 'closed', closeReason: 'moved_out', closedAt: '2026-12-01T02:00:00Z' },
    ],
  ])('offers no 记录走访 to %s', async (_who, overrides) => {
    const container = await open(aChildFileDetail(overrides));

    expect(container.querySelector('.file-visit-record')).toBeNull();
  });

  it('shows a visit waiting on the phone, and the visit once it arrives', async () => {
    const container = await open(aChildFileDetail());
    taro.request.mockRejectedValue(new Error('request:fail'));
    await act(async () => {
      queueStaffRequest({
        idempotencyKey: 'key-v',
        method: 'POST',
        path: '/children/file-1/visits',
        body: {},
        label: '走访记录',
        page: '/children/visit/index?fileId=file-1',
      });
      await sendStaffQueued();
    });

    expect(container.querySelector('.visit-waiting')?.textContent).toContain(
      '在手机上，恢复网络后自动发送',
    );
    expect(container.querySelector('.staff-outbox')?.textContent).toContain('1 项等待网络');

    serve(aChildFileDetail({ visits: [aChildFileVisit()] }));
    await act(async () => {
      await sendStaffQueued();
    });

    await waitFor(() => expect(container.querySelector('.visit-entry')).not.toBeNull());
    expect(container.querySelector('.visit-waiting')).toBeNull();
  });
});
