/** @jest-environment jsdom */
import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { InboxMessage, InboxPage } from '@shouhu/shared';
import { aMessage, tap } from '../../../test/factories';
import { resetTaro } from '../../../test/taro-mock';
import MessagesPage from './index';

const hooks: { reachBottom?: () => void; pullDown?: () => void } = {};

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
    useReachBottom: (callback: () => void) => {
      hooks.reachBottom = callback;
    },
    usePullDownRefresh: (callback: () => void) => {
      hooks.pullDown = callback;
    },
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

interface Sent {
  method: string;
  path: string;
}

let sent: Sent[];

type Answer = { statusCode: number; data: unknown } | 'offline';

/** Answers each request by its method and path; records what was sent. */
function serve(answer: (request: Sent) => Answer) {
  sent = [];
  taro.request.mockImplementation(async (options: { url: string; method: string }) => {
    const request = { method: options.method, path: options.url.replace(/^.*\/api\/v1/, '') };
    sent.push(request);
    const answered = answer(request);
    if (answered === 'offline') throw new Error('request:fail');
    return { header: {}, ...answered };
  });
}

const ok = (data: unknown): Answer => ({ statusCode: 200, data });
const inbox = (items: InboxMessage[], more: Partial<InboxPage> = {}): Answer =>
  ok({
    items,
    total: items.length,
    unread: items.filter((m) => m.readAt === null).length,
    ...more,
  });

const READ = '2026-12-03T07:00:00Z';
const NEW_ORDER = aMessage();
const CLOSED = aMessage({
  id: 'message-2',
  kind: 'report_closed',
  text: '您的报告已办结，可以查看办理结果。',
  page: 'pages/progress/index?id=report-1',
  createdAt: '2026-12-02T01:30:00Z',
  readAt: READ,
});

function open(roles = ['reporter', 'handler']) {
  resetTaro();
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', { id: 'u1', roles, unitId: 'unit-1' });
  return render(<MessagesPage />).container;
}

const rows = (container: HTMLElement) => Array.from(container.querySelectorAll('.message-row'));
const posts = () => sent.filter((r) => r.method === 'POST').map((r) => r.path);

describe('消息', () => {
  it('lists the messages newest first, each with its kind, Beijing time and text; unread in bold with a dot', async () => {
    serve(() => inbox([NEW_ORDER, CLOSED]));
    const container = open();

    await screen.findByText(NEW_ORDER.text);
    const [unread, read] = rows(container);
    expect(unread.textContent).toContain('新工单');
    expect(unread.textContent).toContain('12月3日 14:00');
    expect(unread.className).toContain('message-unread');
    expect(unread.querySelector('.message-dot')).not.toBeNull();
    expect(read.textContent).toContain('报告已办结');
    expect(read.textContent).toContain('12月2日 09:30');
    expect(read.className).not.toContain('message-unread');
    expect(read.querySelector('.message-dot')).toBeNull();
    expect(screen.getByText('1 条未读')).toBeTruthy();
    expect(sent[0]).toEqual({ method: 'GET', path: '/notifications?page=1' });
  });

  it('marks a message read and opens its page on a tap', async () => {
    serve(({ method }) =>
      method === 'POST' ? ok({ ...NEW_ORDER, readAt: READ }) : inbox([NEW_ORDER]),
    );
    const container = open();

    await tap(await screen.findByText(NEW_ORDER.text));

    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/order/index?id=order-1' });
    expect(posts()).toEqual(['/notifications/message-1/read']);
    await waitFor(() => expect(rows(container)[0].className).not.toContain('message-unread'));
    expect(rows(container)[0].querySelector('.message-dot')).toBeNull();
    expect(screen.queryByText('全部已读')).toBeNull();
  });

  it('opens a read message without telling the server again', async () => {
    serve(() => inbox([CLOSED]));
    open(['reporter']);

    await tap(await screen.findByText(CLOSED.text));

    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/progress/index?id=report-1' });
    expect(posts()).toEqual([]);
  });

  it('keeps a message unread when the server did not hear it was read', async () => {
    serve(({ method }) => (method === 'POST' ? 'offline' : inbox([NEW_ORDER])));
    const container = open();

    await tap(await screen.findByText(NEW_ORDER.text));

    await waitFor(() => expect(posts()).toHaveLength(1));
    await waitFor(() => expect(rows(container)[0].className).toContain('message-unread'));
    expect(screen.getByText('1 条未读')).toBeTruthy();
  });

  it('marks every message read with 全部已读', async () => {
    const second = aMessage({ id: 'message-3', kind: 'reminder', page: null });
    serve(({ method }) => (method === 'POST' ? ok({ unread: 0 }) : inbox([NEW_ORDER, second])));
    const container = open();

    expect(await screen.findByText('2 条未读')).toBeTruthy();
    await tap(screen.getByText('全部已读'));

    expect(posts()).toEqual(['/notifications/read']);
    await waitFor(() => expect(container.querySelectorAll('.message-unread')).toHaveLength(0));
    expect(screen.queryByText('全部已读')).toBeNull();
    expect(taro.navigateTo).not.toHaveBeenCalled();
  });

  it('says so in place when 全部已读 fails, and keeps the messages unread', async () => {
    serve(({ method }) => (method === 'POST' ? 'offline' : inbox([NEW_ORDER])));
    const container = open();

    await tap(await screen.findByText('全部已读'));

    await screen.findByText(/网络连接失败/);
    expect(container.querySelectorAll('.message-unread')).toHaveLength(1);
  });

  it('says there are no messages yet, and what will come here', async () => {
    serve(() => inbox([]));
    open(['reporter']);

    expect(await screen.findByText('还没有消息')).toBeTruthy();
    expect(screen.getByText(/报告被受理、有新进展或办结时/)).toBeTruthy();
    expect(screen.queryByText('全部已读')).toBeNull();
  });

  it('tells staff what their inbox will hold', async () => {
    serve(() => inbox([]));
    open(['reporter', 'coordinator']);

    expect(await screen.findByText(/新工单、新的走访、期限提醒和督办/)).toBeTruthy();
  });

  it('shows 正在加载… until the first page comes', async () => {
    serve(() => inbox([NEW_ORDER]));
    open();

    expect(screen.getByText('正在加载…')).toBeTruthy();
    await screen.findByText(NEW_ORDER.text);
  });

  it('shows why the list did not load, with 重试 and 返回首页', async () => {
    let online = false;
    serve(() => (online ? inbox([NEW_ORDER]) : 'offline'));
    open();

    // A list keeps nothing typed: it does not say 内容已保留 as a form does.
    await screen.findByText('网络连接失败，请检查网络后重试');
    expect(screen.getByText('返回首页')).toBeTruthy();
    online = true;
    await tap(screen.getByText('重试'));

    expect(await screen.findByText(NEW_ORDER.text)).toBeTruthy();
    expect(screen.queryByText(/网络连接失败/)).toBeNull();
  });

  it('loads the next page at the end of the list, and again on pull-down from the first', async () => {
    const first = Array.from({ length: 20 }, (_, i) =>
      aMessage({ id: `m-${i}`, text: `第${i + 1}条`, readAt: READ }),
    );
    const older = aMessage({ id: 'm-20', text: '第21条', readAt: READ });
    serve(({ path }) =>
      path.endsWith('page=2')
        ? inbox([older, first[19]], { total: 21, unread: 0 })
        : inbox(first, { total: 21, unread: 0 }),
    );
    const container = open();

    await screen.findByText('第1条');
    expect(screen.getByText('加载更早的消息（共 21 条）')).toBeTruthy();
    await act(async () => hooks.reachBottom?.());

    await screen.findByText('第21条');
    expect(rows(container)).toHaveLength(21);
    expect(screen.queryByText(/加载更早的消息/)).toBeNull();
    await act(async () => hooks.pullDown?.());

    await waitFor(() => expect(rows(container)).toHaveLength(20));
    expect(sent.map((r) => r.path)).toEqual([
      '/notifications?page=1',
      '/notifications?page=2',
      '/notifications?page=1',
    ]);
    expect(taro.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('loads more on a tap of 加载更早的消息', async () => {
    serve(({ path }) =>
      path.endsWith('page=2')
        ? inbox([CLOSED], { total: 2, unread: 1 })
        : inbox([NEW_ORDER], { total: 2, unread: 1 }),
    );
    open();

    await tap(await screen.findByText('加载更早的消息（共 2 条）'));

    expect(await screen.findByText(CLOSED.text)).toBeTruthy();
  });
});
