import Taro from '@tarojs/taro';
import { resetTaro } from '../../test/taro-mock';
import {
  dismissStaffRefused,
  onStaffRequestSent,
  queueStaffRequest,
  sendStaffQueued,
  staffOutboxState,
  startStaffOutbox,
  type SentStaffRequest,
  type StaffRequest,
} from './staff-outbox';

const taro = Taro as unknown as Record<string, jest.Mock>;

const aSign = (key: string, orderId = 'order-1'): StaffRequest => ({
  idempotencyKey: key,
  method: 'POST',
  path: `/orders/${orderId}/sign`,
  body: {},
  label: '签收工单',
  page: `/staff/order/index?id=${orderId}`,
  once: `${orderId}:sign`,
});

const aVisit = (key: string): StaffRequest => ({
  idempotencyKey: key,
  method: 'POST',
  path: '/children/file-1/visits',
  body: { at: '2026-12-03T14:00:00+08:00', met: ['child'] },
  label: '走访记录',
  page: '/children/visit/index?fileId=file-1',
  restore: { key: 'shouhu.draft.visit.file-1', value: { findings: '孩子在写作业' } },
});

type Network = 'down' | 'up' | 'refusing' | number;

/** Each request the server received: method, path and Idempotency-Key. */
let received: string[];
let network: Network;

function logIn(id = 'u1') {
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', { id, roles: ['handler'], unitId: 'unit-town' });
}

describe('the staff outbox', () => {
  let onNetwork: ((status: { isConnected: boolean }) => void) | null = null;
  beforeAll(() => {
    taro.onNetworkStatusChange = jest.fn((listener) => {
      onNetwork = listener;
    });
  });
  beforeEach(async () => {
    await sendStaffQueued();
    resetTaro();
    received = [];
    network = 'up';
    logIn();
    taro.request.mockImplementation(
      async (options: { url: string; method: string; header: Record<string, string> }) => {
        if (network === 'down') throw new Error('request:fail');
        const path = options.url.replace(/^.*\/api\/v1/, '');
        received.push(`${options.method} ${path} ${options.header['Idempotency-Key']}`);
        if (network === 'refusing') {
          return {
            statusCode: 409,
            header: {},
            data: { code: 'CONFLICT', message: '情况已有变化，不能再提交' },
          };
        }
        if (typeof network === 'number') {
          return {
            statusCode: network,
            header: {},
            data: { code: 'INTERNAL', message: '稍后再试' },
          };
        }
        return { statusCode: 200, header: {}, data: { id: 'answer-1', nextVisitDueAt: null } };
      },
    );
  });

  it('says its toast when the server takes a request, not while it waits nor when refused', async () => {
    const told = () => taro.showToast.mock.calls.map(([options]) => options);
    const visit = (key: string) => ({ ...aVisit(key), sentToast: '走访记录已发送' });
    network = 'down';
    queueStaffRequest(visit('key-1'));
    await sendStaffQueued();
    expect(told()).toEqual([]);

    network = 'up';
    queueStaffRequest(aSign('key-2'));
    await sendStaffQueued();
    expect(told()).toEqual([{ title: '走访记录已发送', icon: 'success' }]);

    network = 'refusing';
    queueStaffRequest(visit('key-3'));
    await sendStaffQueued();
    expect(told()).toHaveLength(1);
  });

  it('keeps a request made with no signal and sends it once, under its key, when the network returns', async () => {
    network = 'down';
    startStaffOutbox();
    expect(queueStaffRequest(aSign('key-1'))).toBe(true);
    await sendStaffQueued();

    expect(staffOutboxState()).toMatchObject({ offline: true, refused: [] });
    expect(staffOutboxState().queued.map((q) => q.idempotencyKey)).toEqual(['key-1']);

    network = 'up';
    onNetwork?.({ isConnected: true });
    expect(staffOutboxState().sending).toBe(true);
    await Promise.all([sendStaffQueued(), sendStaffQueued()]);
    await sendStaffQueued();

    expect(received).toEqual(['POST /orders/order-1/sign key-1']);
    expect(staffOutboxState()).toMatchObject({ queued: [], offline: false });
  });

  it('queues the same act once, however often it is pressed', async () => {
    network = 'down';
    expect(queueStaffRequest(aSign('key-1'))).toBe(true);
    expect(queueStaffRequest(aSign('key-1'))).toBe(false);
    // A second press that made a key of its own is still the same 签收.
    expect(queueStaffRequest(aSign('key-2'))).toBe(false);
    expect(queueStaffRequest(aSign('key-3', 'order-2'))).toBe(true);
    await sendStaffQueued();

    expect(staffOutboxState().queued.map((q) => q.idempotencyKey)).toEqual(['key-1', 'key-3']);
  });

  it('sends again with the same key after a failure, every 10 s while anything waits', async () => {
    jest.useFakeTimers();
    try {
      network = 503;
      queueStaffRequest(aVisit('key-v'));
      await sendStaffQueued();
      expect(staffOutboxState().queued).toHaveLength(1);

      network = 408;
      await jest.advanceTimersByTimeAsync(10_000);
      expect(staffOutboxState().queued).toHaveLength(1);

      network = 'up';
      await jest.advanceTimersByTimeAsync(10_000);
      expect(staffOutboxState().queued).toEqual([]);
      expect(received).toEqual([
        'POST /children/file-1/visits key-v',
        'POST /children/file-1/visits key-v',
        'POST /children/file-1/visits key-v',
      ]);

      await jest.advanceTimersByTimeAsync(60_000);
      expect(received).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it.each<[string, Network]>([
    ['no network', 'down'],
    ['a server error', 500],
    ['a busy server', 503],
    ['too many requests', 429],
  ])('keeps a request on %s, and keeps the order', async (_what, failure) => {
    network = failure;
    queueStaffRequest(aSign('key-1'));
    queueStaffRequest(aVisit('key-2'));
    await sendStaffQueued();

    expect(staffOutboxState().queued.map((q) => q.idempotencyKey)).toEqual(['key-1', 'key-2']);
    expect(staffOutboxState().refused).toEqual([]);
  });

  it('sends one at a time, oldest first, and tells who listens what the server answered', async () => {
    const sent: SentStaffRequest[] = [];
    const stop = onStaffRequestSent((s) => sent.push(s));
    network = 'down';
    queueStaffRequest(aSign('key-1'));
    queueStaffRequest(aVisit('key-2'));
    network = 'up';

    await Promise.all(Array.from({ length: 4 }, () => sendStaffQueued()));
    stop();

    expect(received).toEqual([
      'POST /orders/order-1/sign key-1',
      'POST /children/file-1/visits key-2',
    ]);
    expect(sent.map((s) => [s.request.label, s.answer.id])).toEqual([
      ['签收工单', 'answer-1'],
      ['走访记录', 'answer-1'],
    ]);
  });

  it('moves a refused request aside with the server’s words, gives its form back, and sends the next', async () => {
    network = 'down';
    queueStaffRequest(aVisit('key-v'));
    queueStaffRequest(aSign('key-s'));
    network = 'refusing';
    await sendStaffQueued();

    expect(received).toEqual([
      'POST /children/file-1/visits key-v',
      'POST /orders/order-1/sign key-s',
    ]);
    expect(staffOutboxState()).toMatchObject({
      queued: [],
      refused: [
        {
          idempotencyKey: 'key-v',
          label: '走访记录',
          page: '/children/visit/index?fileId=file-1',
          lines: ['情况已有变化，不能再提交'],
        },
        { idempotencyKey: 'key-s', label: '签收工单' },
      ],
    });
    expect(Taro.getStorageSync('shouhu.draft.visit.file-1')).toEqual({
      findings: '孩子在写作业',
    });

    dismissStaffRefused('key-v');
    expect(staffOutboxState().refused.map((r) => r.idempotencyKey)).toEqual(['key-s']);
  });

  it('never overwrites a newer draft with a refused one', async () => {
    Taro.setStorageSync('shouhu.draft.visit.file-1', { findings: '后来又写的' });
    network = 'refusing';
    queueStaffRequest(aVisit('key-v'));
    await sendStaffQueued();

    expect(Taro.getStorageSync('shouhu.draft.visit.file-1')).toEqual({ findings: '后来又写的' });
  });

  it('sends at launch what an earlier run of the app left on the phone', async () => {
    network = 'down';
    queueStaffRequest(aSign('key-1'));
    await sendStaffQueued();
    const kept = Taro.getStorageSync('shouhu.staffOutbox') as unknown;

    // The app is closed: memory is gone, the phone's storage stays.
    resetTaro();
    logIn();
    Taro.setStorageSync('shouhu.staffOutbox', kept);
    network = 'up';
    startStaffOutbox();
    await sendStaffQueued();

    expect(received).toEqual(['POST /orders/order-1/sign key-1']);
    expect(staffOutboxState().queued).toEqual([]);
  });

  it('sends nothing in the name of another account logged in since', async () => {
    network = 'down';
    queueStaffRequest(aSign('key-1'));
    await sendStaffQueued();

    logIn('u2');
    network = 'up';
    await sendStaffQueued();

    expect(received).toEqual([]);
    expect(staffOutboxState().refused[0]).toMatchObject({
      idempotencyKey: 'key-1',
      lines: ['这项是用另一个账号保存的，没有发送。请用原来的账号登录后重新操作。'],
    });
  });
});
