/** @jest-environment jsdom */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaro } from '../../../test/taro-mock';
import { tap } from '../../../test/factories';
import { sendStaffQueued, staffOutboxState } from '../../services/staff-outbox';
import { emptyVisitForm, type VisitForm } from '../visit-form';
import VisitFormPage from './index';

let params: Record<string, string> = {};

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return { ...mock, __esModule: true, useRouter: () => ({ params }) };
});

const taro = Taro as unknown as Record<string, jest.Mock>;
const DRAFT = 'shouhu.draft.visit.file-1';

function open(draft?: Partial<VisitForm>) {
  if (draft) Taro.setStorageSync(DRAFT, { ...emptyVisitForm('李小花'), ...draft });
  const { container } = render(<VisitFormPage />);
  const at = (selector: string) => container.querySelector(selector)!;
  const choose = (section: string, label: string) =>
    tap(
      Array.from(container.querySelectorAll(`${section} .choice`)).find((c) =>
        c.textContent?.includes(label),
      )!,
    );
  /** The box inside a Textarea appears a moment after it renders. */
  const box = (selector: string) =>
    waitFor(() => {
      const found = container.querySelector(`${selector} textarea`);
      if (!found) throw new Error(`no ${selector} box yet`);
      return found as HTMLTextAreaElement;
    });
  const type = async (selector: string, value: string) =>
    fireEvent.input(await box(selector), { target: { value } });
  return { container, at, choose, type, box };
}

/** Every field a complete visit needs, chosen by tapping as a visitor would. */
async function fillIn(page: ReturnType<typeof open>) {
  await page.choose('.visit-met', '儿童本人');
  await page.choose('.visit-met', '委托照护人');
  await page.choose('.visit-check-family', '正常');
  await page.choose('.visit-check-guardianship', '正常');
  await page.choose('.visit-check-schooling', '需关注');
  await page.type('.visit-checks-schooling', '最近两周迟到三次');
  await page.choose('.visit-check-wellbeing', '正常');
}

describe('记录走访', () => {
  beforeEach(async () => {
    await sendStaffQueued();
    cleanup();
    resetTaro();
    params = { fileId: 'file-1', from: 'file' };
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['handler'], unitId: 'unit-guanmiao' });
    // A courtyard with no signal.
    taro.request.mockRejectedValue(new Error('request:fail'));
  });

  it('says whom it is for and works with no signal', () => {
    const { container } = open({});

    expect(container.querySelector('.visit-head')?.textContent).toContain('走访 李小花');
    expect(container.textContent).toContain('没有信号也能提交');
    expect(taro.request).not.toHaveBeenCalled();
  });

  it('keeps every field on the phone as it is typed, and gives it back when opened again', async () => {
    const page = open();
    await fillIn(page);
    await page.type('.visit-findings', '祖母说孩子晚上看手机到很晚。');

    expect(Taro.getStorageSync(DRAFT)).toMatchObject({
      met: ['child', 'carer'],
      checks: { schooling: { result: 'concern', finding: '最近两周迟到三次' } },
      findings: '祖母说孩子晚上看手机到很晚。',
    });

    cleanup();
    const again = open();
    expect((await again.box('.visit-findings')).value).toBe('祖母说孩子晚上看手机到很晚。');
    expect(again.at('.visit-check-schooling .choice-selected').textContent).toContain('需关注');
  });

  it('shows each problem in red at its field, sends nothing, and clears a problem once fixed', async () => {
    const page = open();

    await tap(page.at('.visit-submit'));

    expect(page.at('.visit-met .field-error').textContent).toBe('请选择这次见到了谁');
    for (const check of ['family', 'guardianship', 'schooling', 'wellbeing']) {
      expect(page.at(`.visit-check-${check} .field-error`).textContent).toBe(
        '请选择“正常”或“需关注”',
      );
    }
    expect(page.at('.visit-problems').textContent).toContain('请看标红的地方');
    expect(page.container.querySelectorAll('.field-error.error-line')).toHaveLength(5);
    expect(screen.queryByText('确认提交')).toBeNull();
    await waitFor(() =>
      expect(Taro.pageScrollTo).toHaveBeenCalledWith(
        expect.objectContaining({ selector: '.input-error, .field-error' }),
      ),
    );

    await page.choose('.visit-met', '监护人');
    expect(page.container.querySelector('.visit-met .field-error')).toBeNull();
    expect(staffOutboxState().queued).toEqual([]);
  });

  it.each<[string, Partial<VisitForm>, string, string]>([
    [
      'a time after now',
      { date: '2099-01-01', time: '09:00' },
      '.visit-when',
      '走访时间不能晚于现在',
    ],
    ['findings too long', { findings: '好'.repeat(1001) }, '.visit-more', '其他发现最多1000字'],
  ])('refuses %s at its field', async (_what, draft, section, problem) => {
    const page = open(draft);
    await fillIn(page);

    await tap(page.at('.visit-submit'));

    expect(page.at(`${section} .field-error`).textContent).toBe(problem);
    expect(page.at(`${section} .input-error`)).toBeTruthy();
    expect(screen.queryByText('确认提交')).toBeNull();
  });

  it('asks for a short finding when a check needs attention', async () => {
    const page = open();
    await fillIn(page);
    await page.choose('.visit-check-family', '需关注');

    await tap(page.at('.visit-submit'));

    expect(page.at('.visit-check-family .field-error').textContent).toBe(
      '选了“需关注”，请简单写明发现的情况',
    );
    expect(page.at('.visit-checks-family').classList).toContain('input-error');
    await page.type('.visit-checks-family', '父母离婚，孩子跟祖母住');
    await waitFor(() =>
      expect(page.container.querySelector('.visit-check-family .field-error')).toBeNull(),
    );
  });

  it('asks once, then queues the record under a key made at that press, clears the draft and goes back to the file', async () => {
    const page = open();
    await fillIn(page);

    await tap(page.at('.visit-submit'));
    await tap(await screen.findByText('确认提交'));

    const [queued] = staffOutboxState().queued;
    expect(staffOutboxState().queued).toHaveLength(1);
    expect(queued).toMatchObject({
      method: 'POST',
      path: '/children/file-1/visits',
      label: '走访记录',
      page: '/children/visit/index?fileId=file-1',
      body: {
        met: ['child', 'carer'],
        checks: {
          family: { result: 'normal' },
          guardianship: { result: 'normal' },
          schooling: { result: 'concern', finding: '最近两周迟到三次' },
          wellbeing: { result: 'normal' },
        },
      },
    });
    expect(queued.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(Taro.getStorageSync(DRAFT)).toBe('');
    expect(taro.navigateBack).toHaveBeenCalledTimes(1);

    // Pressed again before the page has gone: nothing more is queued.
    await tap(page.at('.visit-submit'));
    const again = screen.queryByText('确认提交');
    if (again) await tap(again);
    expect(staffOutboxState().queued).toHaveLength(1);
  });

  it('sends it under that key once the network returns', async () => {
    const page = open();
    await fillIn(page);
    await tap(page.at('.visit-submit'));
    await tap(await screen.findByText('确认提交'));
    const [{ idempotencyKey }] = staffOutboxState().queued;

    const keys: string[] = [];
    taro.request.mockImplementation(async (options: { header: Record<string, string> }) => {
      keys.push(options.header['Idempotency-Key']);
      return {
        statusCode: 201,
        header: {},
        data: { id: 'visit-1', nextVisitDueAt: null, report: null },
      };
    });
    await sendStaffQueued();

    expect(keys).toEqual([idempotencyKey]);
    expect(staffOutboxState().queued).toEqual([]);
    expect(taro.showToast).toHaveBeenLastCalledWith({ title: '走访记录已发送', icon: 'success' });
  });

  it('keeps the draft when the visitor does not confirm', async () => {
    const page = open();
    await fillIn(page);

    await tap(page.at('.visit-submit'));
    const dialog = await waitFor(() => {
      const found = document.querySelector('.confirm-dialog');
      if (!found) throw new Error('no dialog yet');
      return found;
    });
    await tap(within(dialog as HTMLElement).getByText('取消'));

    expect(staffOutboxState().queued).toEqual([]);
    expect(Taro.getStorageSync(DRAFT)).toMatchObject({ met: ['child', 'carer'] });
  });

  it('goes back to the 走访 list that opened it, which shows the record waiting', async () => {
    params = { fileId: 'file-1', from: 'visits' };
    const page = open();
    await fillIn(page);

    await tap(page.at('.visit-submit'));
    await tap(await screen.findByText('确认提交'));

    expect(taro.navigateBack).toHaveBeenCalledTimes(1);
    expect(taro.redirectTo).not.toHaveBeenCalled();
  });

  it('opens the file in its place when no page opened it (a refused record’s notice)', async () => {
    params = { fileId: 'file-1' };
    const page = open();
    await fillIn(page);

    await tap(page.at('.visit-submit'));
    await tap(await screen.findByText('确认提交'));

    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/children/file/index?id=file-1' });
  });

  it('files a report from the visit: danger first with 110, situations, a description', async () => {
    const page = open();
    await fillIn(page);
    await tap(page.at('.visit-report-open'));

    await tap(page.at('.visit-submit'));
    expect(page.at('.field-error-report-immediateDanger').textContent).toBe(
      '请回答：孩子现在有危险吗？',
    );
    expect(page.at('.field-error-report-situations').textContent).toBe('请至少选择一种看到的情况');
    expect(page.at('.field-error-report-description').textContent).toBe(
      '请填写情况描述（至少10字）',
    );

    await page.choose('.visit-report', '有危险');
    expect(page.container.textContent).toContain('有危险，立即拨打110');
    await tap(
      Array.from(page.container.querySelectorAll('.visit-report .choice')).find((c) =>
        c.textContent?.includes('有人管但没管好'),
      )!,
    );
    await page.type('.visit-report-description', '祖母住院，孩子一个人在家三天了。');
    await tap(page.at('.visit-submit'));
    await screen.findByText('确认提交？走访记录和报告提交后都不能修改，报告会分派给有关部门。');
    await tap(screen.getByText('确认提交'));

    expect(staffOutboxState().queued[0].body).toMatchObject({
      report: {
        situations: ['carer_neglect'],
        immediateDanger: true,
        description: '祖母住院，孩子一个人在家三天了。',
      },
    });
  });

  it('records the position only when tapped, and lets it go again', async () => {
    Taro.setStorageSync('shouhu.privacyAgreed', true);
    taro.getLocation.mockResolvedValue({ latitude: 33.4781234, longitude: 117.8839876 });
    const page = open();

    expect(taro.getLocation).not.toHaveBeenCalled();
    await tap(page.at('.visit-locate'));
    await screen.findByText('已记录当前位置');
    expect(Taro.getStorageSync(DRAFT)).toMatchObject({
      position: { latitude: 33.478123, longitude: 117.883988 },
    });

    await tap(page.at('.visit-unlocate'));
    expect(Taro.getStorageSync(DRAFT)).toMatchObject({ position: null });
  });

  it('cannot open without the file it is for', () => {
    params = {};
    const { container } = open();

    expect(container.textContent).toContain('页面地址不完整');
    expect(container.textContent).toContain('返回首页');
  });
});
