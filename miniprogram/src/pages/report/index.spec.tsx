/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { SITUATION_CODES, SITUATION_SHORT_LABELS } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { aFilledForm, anEvidence, tap } from '../../../test/factories';
import {
  REPORT_STEPS,
  emptyReportForm,
  formProblems,
  type ReportForm,
  type ReportStep,
} from './report-form';
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

    const expected = formProblems(emptyReportForm(), new Date(), 'public');
    expect(Object.keys(expected).length).toBeGreaterThan(2);
    for (const [field, problem] of Object.entries(expected)) {
      expect(
        container.querySelector(`.field-error-${field.replace(/\./g, '-')}`)?.textContent,
      ).toBe(problem);
    }
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

describe('ReportPage: a refused field is drawn red on the step that asks it', () => {
  const NOT_IT = '提交的内容有误，请按提示修改';
  const stepIndex = (key: ReportStep) => REPORT_STEPS.findIndex((s) => s.key === key);
  const titleOf = (key: ReportStep) => REPORT_STEPS[stepIndex(key)].title;
  const reasonAt = (container: HTMLElement, field: string) =>
    container.querySelector(`.field-error-${field.replace(/\./g, '-')}`)?.textContent;
  const current = (container: HTMLElement) =>
    container.querySelector('.report-step-current .report-step-title')?.textContent;
  const summary = (container: HTMLElement) =>
    container.querySelector('.report-problems')?.textContent ?? '';
  const red = (container: HTMLElement) =>
    Array.from(container.querySelectorAll('.input-error'), (box) => box.className);

  /** A filled form with every optional field too, so a refusal of any of them has a box to go to. */
  const everythingFilled = (overrides: Partial<ReportForm> = {}) =>
    aFilledForm({
      address: '泗城镇关庙村三组',
      position: { latitude: 33.48, longitude: 117.88 },
      child: { name: '小军', gender: 'male', age: '11', birthDate: '', school: '关庙小学' },
      evidence: [anEvidence()],
      identity: 'named',
      reporterName: '王老师',
      reporterPhone: '13800000000',
      ...overrides,
    });

  function openOn(step: ReportStep, form: ReportForm) {
    Taro.setStorageSync('shouhu.draft.public', { form, step: stepIndex(step) });
    return render(<ReportPage />).container;
  }

  beforeEach(() => {
    router.params = { channel: 'public' };
    Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['reporter'] });
  });

  const child = (patch: Partial<ReportForm['child']>) => ({
    child: { ...emptyReportForm().child, ...patch },
  });

  it.each<[string, ReportStep, Partial<ReportForm>, string, string | null, string]>([
    [
      'no answer to the danger question',
      'danger',
      { immediateDanger: null },
      'immediateDanger',
      null,
      '请先回答：孩子现在有危险吗？',
    ],
    [
      'no situation',
      'situations',
      { situations: [] },
      'situations',
      null,
      '请至少选择一种您看到的情况',
    ],
    [
      'no answer to 知道孩子现在在哪里吗',
      'situations',
      { whereaboutsUnknown: null },
      'child.whereaboutsUnknown',
      null,
      '请回答：知道孩子现在在哪里吗？',
    ],
    [
      'a province only',
      'place',
      { division: [{ code: '34', name: '安徽省' }] },
      'location.divisionCode',
      '.division-field',
      '请选择孩子所在的县（区），能选到乡镇或村更好',
    ],
    [
      'an age of 18',
      'child',
      child({ age: '18' }),
      'child.ageYears',
      '.report-child-age',
      '年龄应为0到17之间的整数',
    ],
    [
      'a birth date after today',
      'child',
      child({ birthDate: '2099-01-01' }),
      'child.birthDate',
      '.report-child-birth-date',
      '出生日期不能晚于今天',
    ],
    [
      'a description too short',
      'story',
      { description: '太短了' },
      'description',
      '.report-description',
      '请把情况写得具体一些（至少10个字）',
    ],
    [
      'a discovery day after today',
      'story',
      { discoveredOn: '2099-01-01' },
      'discoveredAt',
      '.report-discovered',
      '发现时间不能晚于现在',
    ],
    [
      'a photo not uploaded',
      'story',
      { evidence: [anEvidence({ uploadId: null, failed: true })] },
      'attachments',
      null,
      '还有照片或视频没有上传成功：请点它重试，或删除后再继续',
    ],
    [
      'a phone that is none',
      'reporter',
      { identity: 'named', reporterPhone: '12345' },
      'reporter.phone',
      '.report-reporter-phone',
      '电话应为手机号或带区号的固定电话',
    ],
  ])(
    'on 下一步 with %s: the reason under the field, its box red, a summary line',
    async (_, step, patch, field, box, reason) => {
      const container = openOn(step, aFilledForm(patch));

      await tap(container.querySelector('.report-next')!);

      expect(reasonAt(container, field)).toBe(reason);
      expect(red(container)).toEqual(box ? [expect.stringContaining(box.slice(1))] : []);
      expect(summary(container)).toBe('有 1 处需要修改，已标红');
      expect(current(container)).toBe(titleOf(step));
      await waitFor(() =>
        expect(Taro.pageScrollTo).toHaveBeenCalledWith(
          expect.objectContaining({ selector: '.input-error, .field-error' }),
        ),
      );
    },
  );

  it('takes a field’s red away once it is changed, and keeps the others', async () => {
    const container = openOn('child', aFilledForm(child({ age: '18', birthDate: '2099-01-01' })));
    await tap(container.querySelector('.report-next')!);
    expect(summary(container)).toBe('有 2 处需要修改，已标红');

    const age = await waitFor(() => {
      const box = container.querySelector('.report-child-age input');
      if (!box) throw new Error('the age box is not drawn yet');
      return box;
    });
    fireEvent.input(age, { target: { value: '9' } });

    await waitFor(() => expect(reasonAt(container, 'child.ageYears')).toBeUndefined());
    expect(reasonAt(container, 'child.birthDate')).toBe('出生日期不能晚于今天');
    expect(summary(container)).toBe('有 1 处需要修改，已标红');
  });

  /** Every field of the report body the form asks, the step that asks it, and its box if any. */
  const SENT_FIELDS: [string, ReportStep, string | null][] = [
    ['immediateDanger', 'danger', null],
    ['situations', 'situations', null],
    ['child.whereaboutsUnknown', 'situations', null],
    ['location.divisionCode', 'place', '.division-field'],
    ['location.address', 'place', '.report-address'],
    ['location.latitude', 'place', null],
    ['location.longitude', 'place', null],
    ['child.name', 'child', '.report-child-name'],
    ['child.gender', 'child', null],
    ['child.ageYears', 'child', '.report-child-age'],
    ['child.birthDate', 'child', '.report-child-birth-date'],
    ['child.school', 'child', '.report-child-school'],
    ['description', 'story', '.report-description'],
    ['discoveredAt', 'story', '.report-discovered'],
    ['attachments', 'story', null],
    ['reporter', 'reporter', null],
    ['reporter.anonymous', 'reporter', null],
    ['reporter.confidential', 'reporter', null],
    ['reporter.name', 'reporter', '.report-reporter-name'],
    ['reporter.phone', 'reporter', '.report-reporter-phone'],
  ];

  /** Sends the draft on the last step; the server answers 400 with `errors`. */
  async function refusedWith(errors: Record<string, string>, form = everythingFilled()) {
    taro.request.mockImplementation(async (options: { method: string }) =>
      options.method === 'POST'
        ? {
            statusCode: 400,
            header: {},
            data: { code: 'VALIDATION_FAILED', message: NOT_IT, errors },
          }
        : { statusCode: 200, header: {}, data: [] },
    );
    const container = openOn('review', form);
    await tap(container.querySelector('.report-submit')!);
    await tap(await screen.findByText('确认提交'));
    await waitFor(() => expect(container.querySelector('.report-review')).toBeNull());
    return container;
  }

  it.each(SENT_FIELDS)(
    'brings a server refusal of %s back on its step (%s), at the field',
    async (field, step, box) => {
      const container = await refusedWith({ [field]: '服务器说这一项不对' });

      await waitFor(() => expect(reasonAt(container, field)).toBe('服务器说这一项不对'));
      expect(current(container)).toBe(titleOf(step));
      expect(red(container)).toEqual(box ? [expect.stringContaining(box.slice(1))] : []);
      expect(summary(container)).toBe('有 1 处需要修改，已标红');
    },
  );

  it('goes to the first refused step, says which later steps wait, and lists what no field shows', async () => {
    const container = await refusedWith({
      'reporter.phone': '电话号码已停用',
      'child.ageYears': '年龄与登记的不符',
      channel: '这个渠道暂停受理',
    });

    await waitFor(() => expect(current(container)).toBe(titleOf('child')));
    expect(reasonAt(container, 'child.ageYears')).toBe('年龄与登记的不符');
    expect(summary(container)).toContain('有 1 处需要修改，已标红');
    expect(summary(container)).toContain(`“${titleOf('reporter')}”`);
    expect(summary(container)).toContain('这个渠道暂停受理');
    expect(summary(container)).not.toContain(NOT_IT);

    for (let step = stepIndex('child'); step < stepIndex('reporter'); step += 1) {
      await tap(container.querySelector('.report-next')!);
    }
    expect(current(container)).toBe(titleOf('reporter'));
    expect(reasonAt(container, 'reporter.phone')).toBe('电话号码已停用');
    expect(red(container)).toEqual([expect.stringContaining('report-reporter-phone')]);
  });

  it('reads out whole a refusal of another report than the draft on screen, drawing nothing red', async () => {
    Taro.setStorageSync('shouhu.outbox.refused', [
      {
        idempotencyKey: 'key-old',
        channel: 'public',
        lines: [NOT_IT, '年龄与出生日期不符'],
        refusal: { message: NOT_IT, fields: { 'child.ageYears': '年龄与出生日期不符' } },
        restored: false,
      },
    ]);
    const container = openOn('child', everythingFilled());

    await waitFor(() => expect(summary(container)).toBe(`${NOT_IT}年龄与出生日期不符`));
    expect(reasonAt(container, 'child.ageYears')).toBeUndefined();
    expect(red(container)).toEqual([]);
  });

  it('shows a refusal that names no field in the summary, in its words', async () => {
    taro.request.mockImplementation(async (options: { method: string }) =>
      options.method === 'POST'
        ? {
            statusCode: 403,
            header: {},
            data: { code: 'FORBIDDEN', message: '强制报告需要先绑定单位' },
          }
        : { statusCode: 200, header: {}, data: [] },
    );
    const container = openOn('review', everythingFilled());
    await tap(container.querySelector('.report-submit')!);
    await tap(await screen.findByText('确认提交'));

    await waitFor(() => expect(summary(container)).toBe('强制报告需要先绑定单位'));
    expect(current(container)).toBe(titleOf('review'));
  });
});

describe('ReportPage for the hotline operator: refused fields on the one page', () => {
  beforeEach(() => {
    router.params = { channel: 'hotline' };
    Taro.setStorageSync('shouhu.user', { id: 'u2', roles: ['reporter', 'hotline_operator'] });
  });

  const reasonAt = (container: HTMLElement, field: string) =>
    container.querySelector(`.field-error-${field.replace(/\./g, '-')}`)?.textContent;

  it('draws every field the operator still has to fill, and sums them up at 提交', async () => {
    const { container } = render(<ReportPage />);

    await tap(container.querySelector('.report-submit')!);

    expect(reasonAt(container, 'immediateDanger')).toBe('请先回答：孩子现在有危险吗？');
    expect(reasonAt(container, 'situations')).toBe('请至少选择一种您看到的情况');
    expect(reasonAt(container, 'location.divisionCode')).toBe(
      '请选择孩子所在的县（区），能选到乡镇或村更好',
    );
    expect(reasonAt(container, 'description')).toBe('请把情况写得具体一些（至少10个字）');
    expect(container.querySelector('.report-description')?.classList).toContain('input-error');
    expect(container.querySelector('.report-problems')?.textContent).toBe(
      '有 4 处需要修改，已标红',
    );

    await tap(screen.getByText('没有'));
    expect(reasonAt(container, 'immediateDanger')).toBeUndefined();
    expect(container.querySelector('.report-problems')?.textContent).toBe(
      '有 3 处需要修改，已标红',
    );
  });

  it('draws the server’s refusal of the caller’s number and SMS consent at those fields', async () => {
    Taro.setStorageSync('shouhu.draft.hotline', {
      form: aFilledForm({ reporterPhone: '13912345678', smsConsent: true }),
      step: 0,
    });
    taro.request.mockImplementation(async (options: { method: string }) =>
      options.method === 'POST'
        ? {
            statusCode: 400,
            header: {},
            data: {
              code: 'VALIDATION_FAILED',
              message: '提交的内容有误，请按提示修改',
              errors: {
                'reporter.phone': '这个号码无法接收短信',
                'reporter.smsConsent': '接收短信通知需要来电人的手机号',
              },
            },
          }
        : { statusCode: 200, header: {}, data: [] },
    );
    const { container } = render(<ReportPage />);

    await tap(container.querySelector('.report-submit')!);
    await tap(await screen.findByText('确认提交'));

    await waitFor(() => expect(reasonAt(container, 'reporter.phone')).toBe('这个号码无法接收短信'));
    expect(reasonAt(container, 'reporter.smsConsent')).toBe('接收短信通知需要来电人的手机号');
    expect(container.querySelector('.report-reporter-phone')?.classList).toContain('input-error');
    expect(container.querySelector('.report-problems')?.textContent).toBe(
      '有 2 处需要修改，已标红',
    );
  });
});
