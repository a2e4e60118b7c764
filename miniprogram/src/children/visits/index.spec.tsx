/** @jest-environment jsdom */
import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { DueVisit, VisitRecorded } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { aDueVisit, tap } from '../../../test/factories';
import { noteServerTime } from '../../services/server-clock';
import { queueStaffRequest, sendStaffQueued } from '../../services/staff-outbox';
import DueVisitsPage from './index';

/** The page's pull-to-refresh, as it registered it. */
let mockPullDown: () => void = () => undefined;

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
    usePullDownRefresh: (callback: () => void) => {
      mockPullDown = callback;
    },
    useReachBottom: () => undefined,
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

/** The server's clock: 14:30 in Beijing on 3 December 2026. */
const NOW = { 'x-server-time': '2026-12-03T06:30:00Z' };

let asked: string[];

/** Answers each request with the next answer (the last one repeats); 'fail': no signal. */
function serve(...answers: ({ items: DueVisit[]; total: number } | VisitRecorded | 'fail')[]) {
  asked = [];
  taro.request.mockImplementation(async (options: { url: string }) => {
    asked.push(options.url.replace(/^.*\/api\/v1/, ''));
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (answer === 'fail') throw new Error('request:fail');
    return { statusCode: 200, header: NOW, data: answer };
  });
}

async function open() {
  const { container } = render(<DueVisitsPage />);
  await waitFor(() => {
    if (container.textContent?.includes('正在加载')) throw new Error('still loading');
  });
  return container;
}

describe('走访 list', () => {
  beforeEach(() => {
    resetTaro();
    noteServerTime(NOW);
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', {
      id: 'u1',
      roles: ['handler'],
      unitId: 'unit-guanmiao',
      unitDepartment: 'village',
    });
  });

  it('asks for the due visits of the worker’s unit and shows them soonest first', async () => {
    serve({
      items: [
        aDueVisit({ id: 'late', child: { name: '张小军' }, dueAt: '2026-12-20T02:00:00Z' }),
        aDueVisit({ id: 'soon', child: { name: '李小花' }, dueAt: '2026-12-05T02:00:00Z' }),
        aDueVisit({
          id: 'overdue',
          child: { name: '王小明' },
          reason: 'follow_up',
          dueAt: '2026-11-30T02:00:00Z',
          overdue: true,
        }),
      ],
      total: 3,
    });
    const container = await open();

    expect(asked).toEqual(['/visits?due=true&within=30&page=1&pageSize=20']);
    expect(
      Array.from(container.querySelectorAll('.visit-row .file-row-name'), (n) => n.textContent),
    ).toEqual(['王小明', '李小花', '张小军']);
  });

  it('shows each line’s child, village, reason and due date, and an overdue one in red with its days', async () => {
    serve({
      items: [
        aDueVisit({ dueAt: '2026-12-05T02:00:00Z' }),
        aDueVisit({
          id: 'overdue',
          reason: 'follow_up',
          dueAt: '2026-11-30T02:00:00Z',
          escalationLevel: 1,
          stage: 'overdue',
        }),
        aDueVisit({
          id: 'red',
          reason: 'holiday',
          dueAt: '2026-11-20T02:00:00Z',
          escalationLevel: 2,
          stage: 'red',
        }),
      ],
      total: 3,
    });
    const container = await open();
    const [red, overdue, due] = Array.from(container.querySelectorAll('.visit-row'));

    expect(due.textContent).toContain('李小花');
    expect(due.textContent).toContain('女 · 9岁');
    expect(due.textContent).toContain('泗城镇 · 关庙村委会');
    expect(due.textContent).toContain('季度走访');
    expect(due.querySelector('.visit-due')?.textContent).toBe('2026年12月5日前完成');
    expect(due.querySelector('.file-overdue')).toBeNull();
    expect(due.querySelector('.visit-badge')).toBeNull();

    expect(overdue.textContent).toContain('案后回访');
    // 3 days and 4½ hours late: any part of a day counts.
    expect(overdue.querySelector('.visit-due.file-overdue')?.textContent).toBe('已超时 4 天');
    expect(overdue.querySelector('.visit-badge')?.textContent).toBe('已督办');
    expect(overdue.className).toContain('visit-row-overdue');

    expect(red.textContent).toContain('假期走访');
    expect(red.querySelector('.visit-due')?.textContent).toBe('已超时 14 天');
    expect(red.querySelector('.visit-badge')?.textContent).toBe('红色清单');
  });

  it('opens the file from a line, and the visit form from its 记录走访 with the child’s name', async () => {
    serve({ items: [aDueVisit({ childFileId: 'file-7' })], total: 1 });
    const container = await open();

    await tap(container.querySelector('.visit-row-main')!);
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/children/file/index?id=file-7' });

    await tap(container.querySelector('.visit-record')!);
    expect(taro.navigateTo).toHaveBeenLastCalledWith({
      url: '/children/visit/index?fileId=file-7&from=visits',
    });
    expect(Taro.getStorageSync('shouhu.draft.visit.file-7')).toMatchObject({
      childName: '李小花',
    });
  });

  it('says a line’s record waits on the phone in place of 记录走访, and loads again once it arrives', async () => {
    serve({
      items: [
        aDueVisit({ id: 'waiting', childFileId: 'file-7', child: { name: '王小明' } }),
        aDueVisit({ id: 'other', childFileId: 'file-8' }),
      ],
      total: 2,
    });
    const container = await open();
    taro.request.mockRejectedValue(new Error('request:fail'));
    await act(async () => {
      queueStaffRequest({
        idempotencyKey: 'key-v',
        method: 'POST',
        path: '/children/file-7/visits',
        body: {},
        label: '走访记录',
        page: '/children/visit/index?fileId=file-7',
      });
      await sendStaffQueued();
    });

    const [waiting, other] = Array.from(container.querySelectorAll('.visit-row'));
    expect(waiting.querySelector('.visit-row-waiting')?.textContent).toBe(
      '走访记录已保存在手机上，恢复网络后自动发送',
    );
    expect(waiting.querySelector('.visit-record')).toBeNull();
    expect(other.querySelector('.visit-row-waiting')).toBeNull();
    expect(other.querySelector('.visit-record')).not.toBeNull();

    serve(
      { id: 'visit-1', nextVisitDueAt: null, report: null },
      { items: [aDueVisit({ id: 'other', childFileId: 'file-8' })], total: 1 },
    );
    await act(async () => {
      await sendStaffQueued();
    });

    await waitFor(() => expect(container.querySelectorAll('.visit-row')).toHaveLength(1));
    expect(asked).toEqual([
      '/children/file-7/visits',
      '/visits?due=true&within=30&page=1&pageSize=20',
    ]);
    expect(container.querySelector('.visit-row-waiting')).toBeNull();
  });

  it('keeps the list it loaded on screen when a refresh finds no signal, under a short note', async () => {
    serve({ items: [aDueVisit()], total: 1 }, 'fail', {
      items: [aDueVisit(), aDueVisit({ id: 'v2', child: { name: '王小明' } })],
      total: 2,
    });
    const container = await open();

    await act(async () => mockPullDown());

    await waitFor(() => expect(container.querySelector('.visits-stale')).not.toBeNull());
    expect(container.querySelector('.visits-stale')?.textContent).toContain(
      '没有刷新成功，下面是上次加载的走访。',
    );
    expect(container.querySelector('.visits-error')).toBeNull();
    expect(container.querySelector('.visit-row')?.textContent).toContain('李小花');

    await tap(container.querySelector('.visits-retry')!);
    await screen.findByText('王小明');
    expect(container.querySelector('.visits-stale')).toBeNull();
  });

  it('says so when no visit is due within 30 days, and offers the whole plan', async () => {
    serve({ items: [], total: 0 }, { items: [aDueVisit({ child: { name: '赵小雨' } })], total: 1 });
    const container = await open();

    expect(container.querySelector('.visits-empty')?.textContent).toContain(
      '30 天内没有到期的走访',
    );
    expect(container.querySelector('.visit-row')).toBeNull();

    const [soon, all] = Array.from(container.querySelectorAll('.visits-tab'));
    expect(soon.className).toContain('tab-active');
    await tap(all);
    await screen.findByText('赵小雨');
    expect(asked.at(-1)).toBe('/visits?due=true&page=1&pageSize=20');
    expect(container.querySelector('.visits-count')?.textContent).toBe('共 1 次');
    expect(container.querySelector('.visits-empty')).toBeNull();
  });

  it('says what failed with no signal, and loads again on 重新加载', async () => {
    serve('fail', { items: [aDueVisit()], total: 1 });
    const container = await open();

    expect(container.querySelector('.visits-error')?.textContent).toContain('网络连接失败');
    expect(container.textContent).toContain('返回首页');

    await tap(container.querySelector('.visits-retry')!);
    await screen.findByText('李小花');
    expect(container.querySelector('.visits-error')).toBeNull();
  });

  it('shows the tab tapped last when an earlier request of the other tab answers after it', async () => {
    const soonList = { items: [aDueVisit({ id: 'soon', child: { name: '李小花' } })], total: 1 };
    const wholePlan = {
      items: [
        aDueVisit({ id: 'soon', child: { name: '李小花' } }),
        aDueVisit({ id: 'later', child: { name: '高小川' }, dueAt: '2027-03-31T15:59:59Z' }),
      ],
      total: 2,
    };
    serve(soonList);
    const container = await open();
    // A pull asks for the 30-day list again; its answer is slow on a village network.
    let answerSlowly!: () => void;
    taro.request.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          answerSlowly = () => resolve({ statusCode: 200, header: NOW, data: soonList });
        }),
    );
    await act(async () => mockPullDown());
    taro.request.mockImplementationOnce(async () => ({
      statusCode: 200,
      header: NOW,
      data: wholePlan,
    }));
    await tap(container.querySelectorAll('.visits-tab')[1]);
    await screen.findByText('高小川');
    await act(async () => answerSlowly());

    expect(container.querySelectorAll('.visits-tab')[1].className).toContain('tab-active');
    expect(
      Array.from(container.querySelectorAll('.visit-row .file-row-name'), (n) => n.textContent),
    ).toEqual(['李小花', '高小川']);
    expect(container.querySelector('.visits-count')?.textContent).toBe('共 2 次');
  });
});
