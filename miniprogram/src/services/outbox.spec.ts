import Taro from '@tarojs/taro';
import type { CreateReportRequest } from '@shouhu/shared';
import { aFilledForm } from '../../test/factories';
import { resetTaro } from '../../test/taro-mock';
import { loadDraft, saveDraft } from './drafts';
import { outboxState, queueReport, sendQueued, startOutbox, type QueuedReport } from './outbox';
import { keptReceipt } from './reports';

const taro = Taro as unknown as Record<string, jest.Mock>;

const request = (description: string): CreateReportRequest => ({
  channel: 'public',
  situations: ['dropout'],
  immediateDanger: false,
  description,
  discoveredAt: '2026-11-20T08:00:00+08:00',
  location: { divisionCode: '341324' },
  child: {},
  reporter: { anonymous: true },
});

const aQueued = (key: string): Omit<QueuedReport, 'queuedAt'> => ({
  idempotencyKey: key,
  request: request(`报告${key}：孩子两周没有上学。`),
  form: aFilledForm(),
});

const created = (key: string) => ({
  id: `id-${key}`,
  trackingCode: 'ACDEFGHJKM',
  status: 'submitted',
  priority: 'P3',
  advice: { call110: false },
  orders: [],
});

/** The reports the server was asked to file, by Idempotency-Key. */
let posted: string[] = [];
let network: 'down' | 'up' | 'refusing' = 'up';

describe('the outbox', () => {
  let onNetwork: ((status: { isConnected: boolean }) => void) | null = null;
  beforeAll(() => {
    taro.onNetworkStatusChange = jest.fn((listener) => {
      onNetwork = listener;
    });
  });
  beforeEach(async () => {
    await sendQueued();
    resetTaro();
    posted = [];
    network = 'up';
    Taro.setStorageSync('shouhu.token', 'token-1');
    taro.request.mockImplementation(
      async (options: { url: string; header: Record<string, string> }) => {
        if (!options.url.endsWith('/reports')) return { statusCode: 404, header: {}, data: {} };
        if (network === 'down') throw new Error('request:fail');
        const key = options.header['Idempotency-Key'];
        posted.push(key);
        if (network === 'refusing') {
          return {
            statusCode: 400,
            header: {},
            data: {
              code: 'VALIDATION_FAILED',
              message: '提交的内容有误，请按提示修改',
              errors: { 'child.ageYears': '年龄与出生日期不符' },
            },
          };
        }
        return { statusCode: 201, header: {}, data: created(key) };
      },
    );
  });

  it('keeps a report submitted offline and sends it once when the network comes back, under its own key', async () => {
    network = 'down';
    startOutbox();
    await queueReport(aQueued('key-1'));

    expect(outboxState()).toMatchObject({ offline: true, sent: [] });
    expect(outboxState().queued.map((q) => q.idempotencyKey)).toEqual(['key-1']);

    network = 'up';
    onNetwork?.({ isConnected: true });
    // The network coming back started a send by itself; the calls below join it or find nothing.
    expect(outboxState().sending).toBe(true);
    await Promise.all([sendQueued(), sendQueued(), sendQueued()]);
    await sendQueued();

    expect(posted).toEqual(['key-1']);
    expect(outboxState()).toMatchObject({ queued: [], offline: false });
    expect(outboxState().sent.map((s) => s.id)).toEqual(['id-key-1']);
    expect(keptReceipt('id-key-1')).toMatchObject({ trackingCode: 'ACDEFGHJKM' });
  });

  it('sends one report at a time, oldest first, however many pages ask at once', async () => {
    network = 'down';
    await queueReport(aQueued('key-a'));
    await queueReport(aQueued('key-b'));
    await queueReport(aQueued('key-a'));
    network = 'up';

    await Promise.all(Array.from({ length: 5 }, () => sendQueued()));

    expect(posted).toEqual(['key-a', 'key-b']);
    expect(outboxState().sent.map((s) => s.idempotencyKey)).toEqual(['key-b', 'key-a']);
  });

  it('gives a refused report back as its draft and stops sending it', async () => {
    network = 'refusing';
    await queueReport(aQueued('key-r'));
    await sendQueued();

    expect(posted).toEqual(['key-r']);
    expect(outboxState()).toMatchObject({
      queued: [],
      refused: [
        {
          idempotencyKey: 'key-r',
          channel: 'public',
          lines: ['提交的内容有误，请按提示修改', '年龄与出生日期不符'],
          refusal: {
            message: '提交的内容有误，请按提示修改',
            fields: { 'child.ageYears': '年龄与出生日期不符' },
          },
          restored: true,
        },
      ],
    });
    expect(loadDraft('public')?.form.description).toBe(aFilledForm().description);
  });

  it('keeps the draft being written over a refused report, and says the refusal is not its', async () => {
    network = 'refusing';
    saveDraft('public', { form: aFilledForm({ description: '另一份正在写的报告。' }), step: 2 });
    await queueReport(aQueued('key-r'));
    await sendQueued();

    expect(outboxState().refused).toEqual([expect.objectContaining({ restored: false })]);
    expect(loadDraft('public')?.form.description).toBe('另一份正在写的报告。');
  });
});
