/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import {
  PURGED_NOTICE,
  REFUSAL_CODES,
  refusalMessage,
  type OrderDetail,
  type OrderSummary,
  type ReportDetails,
} from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import {
  aHandover,
  aRoutingOrderDetail,
  anOrder,
  anOrderDetail,
  tap,
} from '../../../test/factories';
import { sendStaffQueued, staffOutboxState } from '../../services/staff-outbox';
import { REPORTER_WILL_READ } from '../order-actions';
import OrderPage from './index';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useRouter: () => ({ params: { id: 'order-1' } }),
    // The page loads when shown; in jsdom it is shown once, when mounted.
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

describe('OrderPage when the server refuses an action', () => {
  let detail: OrderDetail;
  let loads: number;

  beforeEach(() => {
    resetTaro();
    loads = 0;
    detail = anOrderDetail(anOrder());
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', {
      id: 'u1',
      roles: ['reporter', 'handler'],
      unitId: 'unit-town',
    });
  });

  function answerSignWith(status: number, body: unknown) {
    taro.request.mockImplementation(async (options: { url: string; method: string }) => {
      if (options.method === 'GET' && options.url.endsWith('/orders/order-1')) {
        loads += 1;
        return { statusCode: 200, header: {}, data: detail };
      }
      return { statusCode: status, header: {}, data: body };
    });
  }

  async function signAndConfirm() {
    const { container } = render(<OrderPage />);
    const find = (selector: string) =>
      waitFor(() => {
        const found = container.querySelector(selector);
        if (!found) throw new Error(`no ${selector}`);
        return found;
      });
    await tap(await find('.action-sign'));
    await tap(await screen.findByText('确认'));
    return container;
  }

  it.each(REFUSAL_CODES)(
    'shows what to do for %s, never the code, and reloads the order',
    async (code) => {
      answerSignWith(409, { code, message: refusalMessage(code) });

      const container = await signAndConfirm();

      await screen.findByText(refusalMessage(code));
      expect(container.textContent).not.toContain(code);
      await waitFor(() => expect(loads).toBe(2));
    },
  );

  it('shows a plain message when a refusal comes without words for people', async () => {
    answerSignWith(409, { code: 'WRONG_STATE', message: 'WRONG_STATE', errors: { sign: 'X_Y' } });

    const container = await signAndConfirm();

    await screen.findByText('操作没有成功：情况已有变化，请返回刷新后再试');
    expect(container.textContent).not.toMatch(/WRONG_STATE|X_Y/);
  });
});

describe('OrderPage: fewer taps and clear words', () => {
  let detail: OrderDetail<ReportDetails>;
  let sent: { url: string; data: unknown }[];
  const units = Array.from({ length: 9 }, (_, i) => ({
    id: `unit-${i}`,
    name: i === 4 ? '墩集镇儿童督导站' : `泗县第${i + 1}镇儿童督导站`,
  }));

  function serve(order: OrderSummary, extra: Partial<ReportDetails> = {}) {
    detail = anOrderDetail(order);
    detail.report = { ...detail.report, ...extra };
    sent = [];
    taro.request.mockImplementation(
      async (options: { url: string; method: string; data: unknown }) => {
        if (options.method === 'GET' && options.url.endsWith('/orders/order-1/units')) {
          return { statusCode: 200, header: {}, data: units };
        }
        if (options.method === 'GET') return { statusCode: 200, header: {}, data: detail };
        sent.push({ url: options.url, data: options.data });
        return { statusCode: 200, header: {}, data: order };
      },
    );
  }

  beforeEach(() => {
    resetTaro();
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['handler'], unitId: 'unit-town' });
  });

  async function page() {
    const { container } = render(<OrderPage />);
    const find = (selector: string) =>
      waitFor(() => {
        const found = container.querySelector(selector);
        if (!found) throw new Error(`no ${selector}`);
        return found;
      });
    return { container, find };
  }

  it('shows a report past its retention period as purged, not as details withheld', async () => {
    serve(anOrder({ status: 'resolved' }), {
      status: 'closed',
      description: '',
      purgedAt: '2029-11-21T02:00:00Z',
    });
    const { container, find } = await page();

    await find('.order-report');
    expect(container.querySelector('.order-report')?.textContent).toContain(
      `${PURGED_NOTICE}（2029年11月21日）`,
    );
    expect(container.querySelector('.order-child')?.textContent).toContain(PURGED_NOTICE);
    expect(container.textContent).not.toContain('无权查看孩子信息');
    expect(container.textContent).not.toContain('报告人要求保密');
    expect(container.textContent).not.toContain('描述');
  });

  it('signs with two taps, the button and one confirmation, and says 已签收', async () => {
    serve(anOrder());
    const { container, find } = await page();

    await tap(await find('.action-sign'));
    expect(container.querySelector('.action-panel')).toBeNull();
    await tap(await screen.findByText('确认'));

    await waitFor(() =>
      expect(sent.map((r) => r.url)).toEqual([expect.stringMatching(/\/orders\/order-1\/sign$/)]),
    );
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已签收', icon: 'success' });
  });

  it('records a contact from its sheet without a second dialog, and says 已记录接触', async () => {
    serve(anOrder({ status: 'in_progress' }));
    const { find } = await page();

    await tap(await find('.action-contact'));
    await tap(await find('.action-submit'));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(screen.queryByText('确认')).toBeNull();
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已记录接触', icon: 'success' });
  });

  it('warns under a note the reporter will read, and asks before saving it', async () => {
    serve(anOrder({ status: 'in_progress' }));
    const { container, find } = await page();

    await tap(await find('.action-note'));
    expect(container.textContent).not.toContain(REPORTER_WILL_READ);
    const textarea = (await find('.action-text textarea')) as HTMLTextAreaElement;
    fireEvent.input(textarea, { target: { value: '已与家长谈话。' } });
    await tap(screen.getAllByText('对报告人可见').find((el) => el.closest('.choice'))!);
    await find('.action-warning');
    expect(container.querySelector('.action-warning')?.textContent).toBe(REPORTER_WILL_READ);
    await tap(await find('.action-submit'));

    expect(sent).toHaveLength(0);
    await screen.findByText(`确认保存这条处理记录？保存后不能删除。${REPORTER_WILL_READ}。`);
    await tap(await screen.findByText('确认'));
    await waitFor(() =>
      expect(sent).toEqual([
        expect.objectContaining({ data: { text: '已与家长谈话。', reporterVisible: true } }),
      ]),
    );
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已保存记录', icon: 'success' });
  });

  it('finds the unit to transfer to by typing part of its name', async () => {
    serve(anOrder());
    const { container, find } = await page();

    await tap(await find('.action-transfer'));
    const search = (await find('.action-unit-search input')) as HTMLInputElement;
    expect(container.querySelectorAll('.action-field-unitId .choice')).toHaveLength(units.length);
    fireEvent.input(search, { target: { value: '墩集' } });

    await waitFor(() =>
      expect(
        Array.from(
          container.querySelectorAll('.action-field-unitId .choice'),
          (c) => c.textContent,
        ),
      ).toEqual(['墩集镇儿童督导站']),
    );
  });

  it('opens the reporter’s position, and shows it with 复制坐标 where no map opens', async () => {
    serve(anOrder(), {
      location: { ...anOrderDetail().report.location, latitude: 33.4781, longitude: 117.8839 },
    });
    const { container, find } = await page();

    await tap(await find('.order-open-position'));
    expect(taro.openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 33.4781, longitude: 117.8839 }),
    );
    expect(container.querySelector('.position-fallback')).toBeNull();

    taro.openLocation.mockRejectedValueOnce(new Error('openLocation:fail not supported'));
    await tap(await find('.order-open-position'));
    await find('.position-fallback');
    expect(container.textContent).toContain('北纬 33.478100，东经 117.883900');
    await tap(await find('.position-copy'));
    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: '33.4781,117.8839' });
  });
});

describe('OrderPage for an administrator on the admin queue', () => {
  beforeEach(() => {
    resetTaro();
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', { id: 'admin-1', roles: ['reporter', 'admin'] });
  });

  it('says plainly that it shows what routing needs, no identity, no empty boxes, and offers 改派', async () => {
    const detail = aRoutingOrderDetail();
    taro.request.mockImplementation(async () => ({ statusCode: 200, header: {}, data: detail }));
    const { container } = render(<OrderPage />);

    await screen.findByText('管理员只看到分派所需的信息，孩子和报告人的身份不显示。');
    expect(container.textContent).toContain('泗城镇');
    expect(container.textContent).toContain('辍学');
    for (const absent of ['.order-child', '.order-attachments', '.order-error']) {
      expect(container.querySelector(absent)).toBeNull();
    }
    expect(container.textContent).not.toMatch(/报告人：|描述|undefined|null/);
    for (const row of Array.from(container.querySelectorAll('.detail-value'))) {
      expect(row.textContent?.trim()).not.toBe('');
    }
    expect(container.querySelector('.action-reassign')).not.toBeNull();
    expect(container.querySelector('.action-sign')).toBeNull();
  });

  it('tells an admin with no unit to move the order to that the county needs its units first', async () => {
    const detail = aRoutingOrderDetail();
    taro.request.mockImplementation(async (options: { url: string; method: string }) =>
      options.url.endsWith('/units')
        ? { statusCode: 200, header: {}, data: [] }
        : { statusCode: 200, header: {}, data: detail },
    );
    const { container } = render(<OrderPage />);
    await waitFor(() => {
      if (!container.querySelector('.action-reassign')) throw new Error('no 改派 yet');
    });

    await tap(container.querySelector('.action-reassign') as Element);

    const hint = await waitFor(() => {
      const found = container.querySelector('.action-no-units');
      if (!found) throw new Error('no hint yet');
      return found;
    });
    expect(hint.textContent).toContain('请先为该县建立');
    expect(hint.textContent).not.toContain('联席办');
  });
});

describe('OrderPage: the child’s file, 转接 and 书面交接', () => {
  let sent: { url: string; data: unknown }[];

  function serve(detail: OrderDetail, user: Record<string, unknown>) {
    resetTaro();
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', user);
    sent = [];
    taro.request.mockImplementation(
      async (options: { url: string; method: string; data: unknown }) => {
        if (options.method === 'GET') return { statusCode: 200, header: {}, data: detail };
        sent.push({ url: options.url, data: options.data });
        if (options.url.endsWith('/handover')) {
          return { statusCode: 201, header: {}, data: aHandover() };
        }
        return { statusCode: 201, header: {}, data: anOrder({ id: 'order-new', role: 'assist' }) };
      },
    );
    const { container } = render(<OrderPage />);
    return container;
  }

  const TOWN_HANDLER = { id: 'u1', roles: ['handler'], unitId: 'unit-town' };
  const CIVIL_HANDLER = { id: 'u2', roles: ['handler'], unitId: 'unit-civil' };
  const civilOrder = (status: OrderSummary['status']) =>
    anOrder({ department: 'civil_affairs', unitId: 'unit-civil', status });

  it('links the child’s file when the server says the handler may open it', async () => {
    const container = serve(
      { ...anOrderDetail(anOrder()), childFile: { id: 'file-1' } },
      TOWN_HANDLER,
    );

    await tap(await screen.findByText('查看儿童档案'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/children/file/index?id=file-1' });
    expect(container.querySelector('.order-child-file')).not.toBeNull();
  });

  it('shows no file link without a file the handler may open', async () => {
    const container = serve(anOrderDetail(anOrder()), TOWN_HANDLER);

    await screen.findByText('经过');
    expect(container.querySelector('.order-child-file')).toBeNull();
  });

  it('hands off with a one-tap reason, asks first, then sends the department and the reason', async () => {
    const container = serve(anOrderDetail(anOrder({ status: 'in_progress' })), TOWN_HANDLER);

    await tap(await screen.findByText('转接'));
    expect(container.querySelector('.handoff-preset-warning_issued')).toBeNull();
    await tap(container.querySelector('.handoff-preset-needs_relief')!);
    await tap(container.querySelector('.sheet-submit')!);

    expect(sent).toEqual([]);
    await screen.findByText('将请民政协办，并为其生成协办工单。确认转接？');
    await tap(screen.getByText('确认'));
    await waitFor(() =>
      expect(sent).toEqual([
        {
          url: expect.stringMatching(/\/orders\/order-1\/handoff$/),
          data: {
            department: 'civil_affairs',
            reason: '家庭需要低保或临时救助，请民政部门评估并办理保障救助。',
          },
        },
      ]),
    );
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已转接', icon: 'success' });
  });

  it('offers no handoff to a department that already works the report, as the server would refuse', async () => {
    const detail = anOrderDetail(anOrder({ status: 'in_progress' }));
    const container = serve(
      {
        ...detail,
        otherOrders: [
          {
            department: 'civil_affairs',
            role: 'assist',
            status: 'in_progress',
            unitName: '民政局',
          },
          { department: 'police', role: 'assist', status: 'resolved', unitName: '公安局' },
        ],
      },
      TOWN_HANDLER,
    );

    await tap(await screen.findByText('转接'));
    expect(container.querySelector('.handoff-preset-needs_relief')).toBeNull();
    expect(container.querySelector('.handoff-preset-whereabouts_unknown')).not.toBeNull();
    expect(container.querySelector('.handoff-sheet')?.textContent).not.toContain('民政');
  });

  it('asks for a department and a reason of at least 5 characters before handing off', async () => {
    const container = serve(anOrderDetail(anOrder({ status: 'in_progress' })), TOWN_HANDLER);

    await tap(await screen.findByText('转接'));
    expect(
      Array.from(container.querySelectorAll('.handoff-sheet .choice'), (c) => c.textContent),
    ).toEqual(['公安', '民政', '教育']);
    const reason = await waitFor(() => {
      const found = container.querySelector('.handoff-reason textarea');
      if (!found) throw new Error('no reason box yet');
      return found;
    });
    fireEvent.input(reason, { target: { value: '请协助' } });
    await tap(container.querySelector('.sheet-submit')!);

    expect(container.querySelector('.field-error-department')?.textContent).toBe(
      '请选择要请哪个部门协办',
    );
    expect(container.querySelector('.field-error-reason')?.textContent).toBe(
      '请填写转接原因（至少5字）',
    );
    expect(sent).toEqual([]);
  });

  it.each([
    ['a returned order', anOrder({ status: 'returned' }), TOWN_HANDLER],
    ['another unit’s order', anOrder({ unitId: 'unit-police' }), TOWN_HANDLER],
  ])('offers no 转接 on %s', async (_what, order, user) => {
    const container = serve(anOrderDetail(order), user);

    await screen.findByText('经过');
    expect(container.querySelector('.action-handoff')).toBeNull();
  });

  it.each([
    ['a township order', anOrder({ status: 'in_progress' }), TOWN_HANDLER],
    ['an unsigned civil affairs order', civilOrder('dispatched'), CIVIL_HANDLER],
  ])('offers no 书面交接 on %s', async (_what, order, user) => {
    const container = serve(anOrderDetail(order), user);

    await screen.findByText('经过');
    expect(container.querySelector('.action-handover')).toBeNull();
  });

  it('records a written handover only when every part is filled, after a confirmation', async () => {
    const container = serve(anOrderDetail(civilOrder('in_progress')), CIVIL_HANDLER);

    await tap(await screen.findByText('书面交接'));
    await tap(container.querySelector('.sheet-submit')!);
    expect(container.querySelector('.field-error-handedOverBy')?.textContent).toContain(
      '请填写交出人',
    );
    expect(container.querySelector('.field-error-receivedBy')?.textContent).toContain(
      '请填写接收人',
    );
    expect(container.querySelector('.field-error-placedAt')?.textContent).toContain(
      '请填写安置地点',
    );
    expect(sent).toEqual([]);

    for (const [field, value] of [
      ['handedOverBy', '泗城派出所 张警官'],
      ['receivedBy', '县民政局 刘科长'],
      ['placedAt', '县未成年人救助保护中心'],
    ]) {
      const box = await waitFor(() => {
        const found = container.querySelector(`.handover-${field} input`);
        if (!found) throw new Error(`no ${field} box yet`);
        return found;
      });
      fireEvent.input(box, { target: { value } });
    }
    await tap(container.querySelector('.sheet-submit')!);
    expect(sent).toEqual([]);
    await tap(await screen.findByText('确认'));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      url: expect.stringMatching(/\/orders\/order-1\/handover$/),
      data: {
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/),
        handedOverBy: '泗城派出所 张警官',
        receivedBy: '县民政局 刘科长',
        placedAt: '县未成年人救助保护中心',
      },
    });
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已记录交接', icon: 'success' });
  });

  it('lists the order’s handovers in Beijing time', async () => {
    const container = serve(
      { ...anOrderDetail(civilOrder('resolved')), handovers: [aHandover()] },
      CIVIL_HANDLER,
    );

    await screen.findByText('书面交接（临时监护）');
    expect(container.querySelector('.handover-list')?.textContent).toContain(
      '交接时间：2026年11月23日 14:30',
    );
    expect(container.querySelector('.handover-list')?.textContent).toContain(
      '接收人：县民政局 刘科长',
    );
  });
});

describe('OrderPage: a refused field of an action, 转接 or 书面交接 is drawn red in its sheet', () => {
  const TOWN_HANDLER = { id: 'u1', roles: ['handler'], unitId: 'unit-town' };
  const CIVIL_HANDLER = { id: 'u2', roles: ['handler'], unitId: 'unit-civil' };
  const reasonAt = (container: HTMLElement, field: string) =>
    container.querySelector(`.action-panel .field-error-${field}`)?.textContent;
  const red = (container: HTMLElement) =>
    Array.from(container.querySelectorAll('.input-error'), (box) => box.className);
  const list = (container: HTMLElement) =>
    container.querySelector('.sheet-problems, .action-problems')?.textContent;
  let posted: number;

  function serve(
    order: OrderSummary,
    user: Record<string, unknown>,
    errors: Record<string, string>,
  ) {
    resetTaro();
    posted = 0;
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', user);
    taro.request.mockImplementation(async (options: { method: string }) => {
      if (options.method === 'GET') {
        return { statusCode: 200, header: {}, data: anOrderDetail(order) };
      }
      posted += 1;
      return {
        statusCode: 400,
        header: {},
        data: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请按提示修改', errors },
      };
    });
    const { container } = render(<OrderPage />);
    const find = (selector: string) =>
      waitFor(() => {
        const found = container.querySelector(selector);
        if (!found) throw new Error(`no ${selector}`);
        return found;
      });
    return { container, find };
  }

  it('退单: an empty reason, then the server’s refusal of it, under the reason in a red box', async () => {
    const { container, find } = serve(
      anOrder({ returnDueAt: '2099-01-01T00:00:00Z' }),
      TOWN_HANDLER,
      { reason: '退单原因含有不可见的控制字符，请删除后重新输入' },
    );

    await tap(await find('.action-return'));
    await tap(await find('.action-submit'));
    expect(reasonAt(container, 'reason')).toBe('请填写：退单原因（如：不属于本单位辖区）');
    expect(red(container)).toEqual([expect.stringContaining('action-text')]);
    expect(list(container)).toBeUndefined();
    expect(posted).toBe(0);

    fireEvent.input(await find('.action-text textarea'), { target: { value: '不属于本镇辖区' } });
    await tap(await find('.action-submit'));
    await tap(await screen.findByText('确认'));

    await waitFor(() =>
      expect(reasonAt(container, 'reason')).toBe('退单原因含有不可见的控制字符，请删除后重新输入'),
    );
    expect(red(container)).toEqual([expect.stringContaining('action-text')]);
    expect(list(container)).toBeUndefined();
  });

  it('转接: the department and the reason refused at their fields, by the sheet and by the server', async () => {
    const { container, find } = serve(anOrder({ status: 'in_progress' }), TOWN_HANDLER, {
      department: '公安已有这份报告的工单',
      reason: '转接原因最多500字',
    });

    await tap(await find('.action-handoff'));
    fireEvent.input(await find('.handoff-reason textarea'), { target: { value: '请协助' } });
    await tap(await find('.sheet-submit'));
    expect(reasonAt(container, 'department')).toBe('请选择要请哪个部门协办');
    expect(reasonAt(container, 'reason')).toBe('请填写转接原因（至少5字）');
    expect(red(container)).toEqual([expect.stringContaining('handoff-reason')]);
    expect(list(container)).toBeUndefined();

    await tap(container.querySelector('.handoff-preset-needs_relief')!);
    await tap(await find('.sheet-submit'));
    await tap(await screen.findByText('确认'));

    await waitFor(() => expect(reasonAt(container, 'department')).toBe('公安已有这份报告的工单'));
    expect(reasonAt(container, 'reason')).toBe('转接原因最多500字');
    expect(red(container)).toEqual([expect.stringContaining('handoff-reason')]);
    expect(list(container)).toBeUndefined();
  });

  it('书面交接: each empty part, then the server’s time, refused at its field', async () => {
    const { container, find } = serve(
      anOrder({ department: 'civil_affairs', unitId: 'unit-civil', status: 'in_progress' }),
      CIVIL_HANDLER,
      { at: '交接时间不能早于报告里发现情况的时间', whereabouts: '这一项不在表上' },
    );

    await tap(await find('.action-handover'));
    await tap(await find('.sheet-submit'));
    for (const [field, reason] of [
      ['handedOverBy', '请填写交出人'],
      ['receivedBy', '请填写接收人'],
      ['placedAt', '请填写安置地点'],
    ]) {
      expect(reasonAt(container, field)).toContain(reason);
      expect(container.querySelector(`.handover-${field}`)?.classList).toContain('input-error');
    }
    expect(list(container)).toBeUndefined();

    for (const [field, value] of [
      ['handedOverBy', '泗城派出所 张警官'],
      ['receivedBy', '县民政局 刘科长'],
      ['placedAt', '县未成年人救助保护中心'],
    ]) {
      fireEvent.input(await find(`.handover-${field} input`), { target: { value } });
    }
    await tap(await find('.sheet-submit'));
    await tap(await screen.findByText('确认'));

    await waitFor(() =>
      expect(reasonAt(container, 'at')).toBe('交接时间不能早于报告里发现情况的时间'),
    );
    expect(red(container)).toEqual([
      expect.stringContaining('handover-date'),
      expect.stringContaining('handover-time'),
    ]);
    expect(list(container)).toBe('这一项不在表上');
  });
});

describe('OrderPage with no signal', () => {
  /** Every action posted, with its Idempotency-Key, whether or not it got through. */
  let posted: { path: string; key: string; data: unknown }[];
  let network: 'down' | 'up' | 'busy';
  let order: OrderSummary;
  let loads: number;

  beforeEach(() => {
    resetTaro();
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['handler'], unitId: 'unit-town' });
    posted = [];
    loads = 0;
    network = 'down';
    order = anOrder();
    taro.request.mockImplementation(
      async (options: {
        url: string;
        method: string;
        data: unknown;
        header: Record<string, string>;
      }) => {
        const path = options.url.replace(/^.*\/api\/v1/, '');
        if (options.method === 'GET') {
          loads += 1;
          return { statusCode: 200, header: {}, data: anOrderDetail(order) };
        }
        posted.push({ path, key: options.header['Idempotency-Key'], data: options.data });
        if (network === 'down') throw new Error('request:fail');
        if (network === 'busy') {
          return {
            statusCode: 503,
            header: {},
            data: { code: 'SERVICE_UNAVAILABLE', message: '服务繁忙，请稍后再试' },
          };
        }
        if (path.endsWith('/sign')) order = { ...order, status: 'in_progress' };
        return { statusCode: 200, header: {}, data: order };
      },
    );
  });

  afterEach(async () => {
    network = 'up';
    await sendStaffQueued();
  });

  async function page() {
    const { container } = render(<OrderPage />);
    const find = (selector: string) =>
      waitFor(() => {
        const found = container.querySelector(selector);
        if (!found) throw new Error(`no ${selector}`);
        return found;
      });
    await find('.order-card');
    return { container, find };
  }

  it('keeps a 签收 on the phone, offers what comes next, and sends it once under the key of the press', async () => {
    const { container, find } = await page();

    await tap(await find('.action-sign'));
    await tap(await screen.findByText('确认'));

    await screen.findByText('签收工单已保存在手机上，恢复网络后自动发送');
    expect(container.textContent).not.toContain('请检查网络');
    expect(container.querySelector('.action-sign')).toBeNull();
    expect(container.querySelector('.action-contact')).not.toBeNull();
    expect(container.querySelector('.staff-outbox')?.textContent).toContain(
      '1 项等待网络，恢复后自动发送',
    );
    const pressKey = posted[0].key;
    expect(pressKey).toMatch(/^[0-9a-f-]{36}$/);

    network = 'up';
    const loadsBefore = loads;
    await sendStaffQueued();

    const signs = posted.filter((p) => p.path === '/orders/order-1/sign');
    expect(signs.every((p) => p.key === pressKey)).toBe(true);
    expect(signs.length).toBeGreaterThanOrEqual(2);
    expect(staffOutboxState().queued).toEqual([]);
    // The page shows the order as the server has it now.
    await waitFor(() => expect(loads).toBeGreaterThan(loadsBefore));
    await waitFor(() => expect(container.querySelector('.order-waiting')).toBeNull());
    expect(container.querySelector('.order-detail-status')?.textContent).toBe('办理中');
  });

  it('records a contact with no signal at the moment it was pressed', async () => {
    order = anOrder({ status: 'in_progress' });
    network = 'busy';
    const { find } = await page();

    await tap(await find('.action-contact'));
    await tap(await find('.action-submit'));

    await screen.findByText('记录接触已保存在手机上，恢复网络后自动发送');
    expect(staffOutboxState().queued).toEqual([
      expect.objectContaining({
        path: '/orders/order-1/contact',
        body: { at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
        label: '记录接触',
      }),
    ]);
  });

  it('keeps a note written with no signal, each note once', async () => {
    order = anOrder({ status: 'in_progress' });
    const { container, find } = await page();

    await tap(await find('.action-note'));
    fireEvent.input(await find('.action-text textarea'), { target: { value: '已与班主任通话。' } });
    await tap(await find('.action-submit'));

    await screen.findByText('处理记录已保存在手机上，恢复网络后自动发送');
    expect(staffOutboxState().queued).toEqual([
      expect.objectContaining({ body: { text: '已与班主任通话。', reporterVisible: false } }),
    ]);
    // Another note is another act.
    expect(container.querySelector('.action-note')).not.toBeNull();
  });

  it('does not keep what needs the server at once: a 退单 with no signal says so and stays', async () => {
    order = anOrder({ returnDueAt: '2099-01-01T00:00:00Z' });
    const { container, find } = await page();

    await tap(await find('.action-return'));
    fireEvent.input(await find('.action-text textarea'), {
      target: { value: '不属于本镇辖区' },
    });
    await tap(await find('.action-submit'));
    await tap(await screen.findByText('确认'));

    await screen.findByText('网络连接失败，请检查网络后重试；内容已保留');
    expect(staffOutboxState().queued).toEqual([]);
    expect(container.querySelector('.action-panel')).not.toBeNull();
  });

  it('keeps nothing the server refused: a refusal is shown in place', async () => {
    network = 'up';
    taro.request.mockImplementation(async (options: { method: string }) =>
      options.method === 'GET'
        ? { statusCode: 200, header: {}, data: anOrderDetail(order) }
        : {
            statusCode: 409,
            header: {},
            data: { code: 'CONFLICT', message: '这张工单已被改派，不能再签收' },
          },
    );
    const { find } = await page();

    await tap(await find('.action-sign'));
    await tap(await screen.findByText('确认'));

    await screen.findByText('这张工单已被改派，不能再签收');
    expect(staffOutboxState().queued).toEqual([]);
  });
});
