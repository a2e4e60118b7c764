/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import {
  DROPOUT_STATES,
  DROPOUT_TRANSITIONS,
  type ChildFileDetail,
  type ChildFileDropout,
  type DropoutChanged,
  type DropoutState,
} from '@shouhu/shared';
import { resetTaro } from '../../test/taro-mock';
import { aChildFileDetail, tap } from '../../test/factories';
import { DropoutSection } from './dropout-section';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../test/taro-mock');
  return { ...mock, __esModule: true };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

const NOTE = '上周五放学后没有回家，家长说可能去了外省。';

const aDropout = (state: DropoutState, overrides: Partial<ChildFileDropout> = {}) => ({
  state,
  since: '2026-11-02T02:00:00Z',
  returnedAt: null,
  check: null,
  ...overrides,
});

let sent: { method: string; path: string; data: unknown }[];

function serve(answer: { statusCode: number; data: unknown }) {
  sent = [];
  taro.request.mockImplementation(
    async (options: { url: string; method: string; data: unknown }) => {
      sent.push({
        method: options.method,
        path: options.url.replace(/^.*\/api\/v1/, ''),
        data: options.data,
      });
      return { header: {}, ...answer };
    },
  );
}

const CHANGED: DropoutChanged = {
  dropout: aDropout('returned'),
  nextVisitDueAt: null,
  police: null,
};

function show(file: ChildFileDetail, answer = { statusCode: 200, data: CHANGED as unknown }) {
  resetTaro();
  Taro.setStorageSync('shouhu.token', 'token-1');
  serve(answer);
  const onChanged = jest.fn();
  const { container, unmount } = render(<DropoutSection file={file} onChanged={onChanged} />);
  return { container, onChanged, unmount };
}

const offered = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('[class*="dropout-to-"]')).map(
    (button) => /dropout-to-(\w+)/.exec(button.className)?.[1],
  );

/** The note's inner textarea, once the Taro component has drawn it (it hydrates after render). */
async function noteBox(container: HTMLElement): Promise<Element> {
  return waitFor(() => {
    const box = container.querySelector('.dropout-note textarea');
    if (!box) throw new Error('the note box is not drawn yet');
    return box;
  });
}

describe('控辍保学 on the file page', () => {
  it('shows the state, since when, and the check’s window while 已复学', () => {
    const { container } = show(
      aChildFileDetail({
        dropout: aDropout('returned', {
          returnedAt: '2026-11-02T02:00:00Z',
          check: { startedAt: '2026-12-02T02:00:00Z', dueAt: '2026-12-09T02:00:00Z' },
        }),
      }),
    );

    const text = container.textContent ?? '';
    expect(text).toContain('已复学');
    expect(text).toContain('2026年11月2日');
    expect(text).toContain('复学巩固回访2026年12月2日 至 2026年12月9日');
  });

  it.each([null, ...DROPOUT_STATES])(
    'offers from %s exactly the moves the loop allows, never 巩固',
    (state) => {
      const { container } = show(aChildFileDetail({ dropout: state ? aDropout(state) : null }));

      expect(offered(container)).toEqual([...DROPOUT_TRANSITIONS[state ?? 'none']]);
      expect(offered(container)).not.toContain('consolidated');
    },
  );

  it('offers nothing to a reader who may not change the file, nor on a closed file', () => {
    const reader = show(
      aChildFileDetail({
        capacity: 'order_holder',
        mayEdit: false,
        dropout: aDropout('persuading'),
      }),
    );
    expect(offered(reader.container)).toEqual([]);
    expect(reader.container.textContent).toContain('劝返中');

    const closed = show(aChildFileDetail({ status: 'closed', dropout: aDropout('persuading') }));
    expect(offered(closed.container)).toEqual([]);
  });

  it('stays out of the way of a reader when the child is not on the list', () => {
    const { container } = show(
      aChildFileDetail({ capacity: 'order_holder', mayEdit: false, dropout: null }),
    );

    expect(container.querySelector('.file-dropout')).toBeNull();
  });

  it('marks a return after a confirmation and reloads the file', async () => {
    const { container, onChanged } = show(aChildFileDetail({ dropout: aDropout('persuading') }));

    await tap(container.querySelector('.dropout-to-returned')!);
    expect(container.textContent).toContain('系统会安排一次复学巩固回访');
    await tap(container.querySelector('.sheet-submit')!);
    await screen.findByText('确认从“劝返中”改为“已复学”？');
    expect(sent).toEqual([]);
    await tap(screen.getByText('确认'));

    await waitFor(() =>
      expect(sent).toEqual([
        { method: 'POST', path: '/children/file-1/dropout', data: { state: 'returned' } },
      ]),
    );
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已改为已复学', icon: 'success' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const { container } = show(aChildFileDetail({ dropout: null }));

    await tap(container.querySelector('.dropout-to-persuading')!);
    await tap(container.querySelector('.sheet-submit')!);
    await screen.findByText('确认列入控辍保学名单（劝返中）？');
    const cancels = screen.getAllByText('取消');
    await tap(cancels[cancels.length - 1]);

    expect(sent).toEqual([]);
  });

  it('asks for the note the police will read before 去向不明, and says how they were brought in', async () => {
    const { container } = show(aChildFileDetail({ dropout: aDropout('returned') }), {
      statusCode: 200,
      data: {
        dropout: aDropout('whereabouts_unknown'),
        nextVisitDueAt: null,
        police: {
          via: 'handoff',
          reportId: 'report-1',
          orderId: 'order-9',
          unitName: '泗县公安局',
        },
      },
    });

    await tap(container.querySelector('.dropout-to-whereabouts_unknown')!);
    expect(container.textContent).toContain('会转给公安机关查找孩子下落');
    expect(container.textContent).toContain('情况说明（必填）');
    await tap(container.querySelector('.sheet-submit')!);
    expect(container.querySelector('.field-error-note')?.textContent).toContain('至少10字');
    expect(container.querySelector('.dropout-note')?.classList).toContain('input-error');

    fireEvent.input(await noteBox(container), {
      target: { value: '孩子不见了已经三天' },
    });
    await tap(container.querySelector('.sheet-submit')!);
    expect(container.querySelector('.field-error-note')?.textContent).toContain('至少10字');
    expect(sent).toEqual([]);

    fireEvent.input(await noteBox(container), {
      target: { value: NOTE },
    });
    await tap(container.querySelector('.sheet-submit')!);
    await screen.findByText('确认从“已复学”改为“去向不明”？提交后会转给公安机关查找。');
    await tap(screen.getByText('确认'));

    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: 'POST',
          path: '/children/file-1/dropout',
          data: { state: 'whereabouts_unknown', note: NOTE },
        },
      ]),
    );
    await screen.findByText('已转接公安（泗县公安局）查找孩子下落。');
  });

  it('shows the server’s refusal in the sheet, in its words', async () => {
    const { container, onChanged } = show(aChildFileDetail({ dropout: aDropout('persuading') }), {
      statusCode: 409,
      data: { code: 'DROPOUT_TRANSITION', message: '现在是“已复学”，不能改为“已复学”' },
    });

    await tap(container.querySelector('.dropout-to-returned')!);
    await tap(container.querySelector('.sheet-submit')!);
    await tap(await screen.findByText('确认'));

    await waitFor(() =>
      expect(container.querySelector('.sheet-problems')?.textContent).toContain(
        '现在是“已复学”，不能改为“已复学”',
      ),
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('draws the note red with the reason under it, for its own check and for the server’s', async () => {
    const reasonAt = (container: HTMLElement) =>
      container.querySelector('.dropout-sheet .field-error-note')?.textContent;
    const own = show(aChildFileDetail({ dropout: aDropout('returned') }));

    await tap(own.container.querySelector('.dropout-to-whereabouts_unknown')!);
    await tap(own.container.querySelector('.sheet-submit')!);
    expect(reasonAt(own.container)).toContain('至少10字');
    expect(own.container.querySelector('.dropout-note')?.classList).toContain('input-error');
    expect(own.container.querySelector('.sheet-problems')).toBeNull();
    own.unmount();

    const server = show(aChildFileDetail({ dropout: aDropout('persuading') }), {
      statusCode: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误，请按提示修改',
        errors: { note: '情况说明含有不可见的控制字符，请删除后重新输入' },
      },
    });
    await tap(server.container.querySelector('.dropout-to-returned')!);
    await tap(server.container.querySelector('.sheet-submit')!);
    await tap(await screen.findByText('确认'));

    await waitFor(() =>
      expect(reasonAt(server.container)).toBe('情况说明含有不可见的控制字符，请删除后重新输入'),
    );
    expect(server.container.querySelector('.dropout-note')?.classList).toContain('input-error');
    expect(server.container.querySelector('.sheet-problems')).toBeNull();
  });
});
