import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, AuthResponse, OrderSummary } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { act } from '../factories/order.factory';
import { aWorld, sessionsFor } from '../factories/world.factory';
import { writeCalls, type WriteCall, type WriteCalls } from '../factories/write-call.factory';
import { http, type HttpResponse } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/**
 * Every order action route (README, Reports and retries): a phone that sends an action again
 * after the network came back — its first answer lost — gets the first answer under the same
 * Idempotency-Key, and the action is done once.
 */
const ACTION_ROUTES = [
  'POST /orders/:id/sign',
  'POST /orders/:id/contact',
  'POST /orders/:id/notes',
  'POST /orders/:id/return',
  'POST /orders/:id/transfer',
  'POST /orders/:id/reassign',
  'POST /orders/:id/priority',
  'POST /orders/:id/extension',
  'POST /orders/:id/extension/decision',
  'POST /orders/:id/resolve',
  'POST /orders/:id/reopen',
];

type Answer = HttpResponse<OrderSummary & ApiErrorBody>;

/** A 办结 of the township's dropout orders `writeCalls` makes. */
const RESOLUTION = {
  outcome: 'returned_to_school',
  reporterSummary: '孩子已回到学校上课。',
  detail: '与家长面谈两次。',
};

describe('order actions with an Idempotency-Key', () => {
  let sut: TestApp;
  let calls: WriteCalls;
  let handler: AuthResponse;

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true' } });
    const world = await aWorld(sut.baseUrl);
    const sessions = await sessionsFor(sut.baseUrl, world);
    const session = (role: 'admin' | 'reporter' | 'handler' | 'coordinator') =>
      sessions[role] as AuthResponse;
    handler = session('handler');
    calls = writeCalls(sut.baseUrl, world, {
      admin: session('admin'),
      reporter: session('reporter'),
      handler,
      coordinator: session('coordinator'),
    });
  }, 120_000);
  afterAll(() => sut.close());

  const send = (call: WriteCall, key?: string, body = call.body): Promise<Answer> =>
    http(sut.baseUrl, 'POST', call.path, {
      token: call.token,
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  const orderIdOf = (call: WriteCall) => call.path.split('/')[2];

  /** What an action leaves on the order: timeline events and audit rows, by kind and action. */
  async function traces(orderId: string): Promise<string[]> {
    const database = sut.app.get(DataSource);
    const events = (await database.query(
      'SELECT kind FROM order_events WHERE order_id = ? ORDER BY kind',
      [orderId],
    )) as { kind: string }[];
    const audits = (await database.query(
      'SELECT action FROM audit_log WHERE target_id = ? ORDER BY action',
      [orderId],
    )) as { action: string }[];
    return [...events.map((e) => `event ${e.kind}`), ...audits.map((a) => `audit ${a.action}`)];
  }

  it.each(ACTION_ROUTES)(
    '%s: the same key twice does it once and answers the first answer again',
    async (route) => {
      const call = await calls[route]();
      const key = randomUUID();
      const before = await traces(orderIdOf(call));

      const first = await send(call, key);
      const once = await traces(orderIdOf(call));
      const retry = await send(call, key);

      expect(first.status).toBe(200);
      expect(first.headers.get('idempotent-replayed')).toBe('false');
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(once.length).toBeGreaterThan(before.length);
      expect(once.filter((trace) => trace.startsWith('audit')).length).toBe(
        before.filter((trace) => trace.startsWith('audit')).length + 1,
      );
      expect(await traces(orderIdOf(call))).toEqual(once);
    },
  );

  it.each(ACTION_ROUTES)(
    '%s: two sends at once with one key do it once and both get its answer',
    async (route) => {
      const call = await calls[route]();
      const key = randomUUID();
      const before = await traces(orderIdOf(call));

      const answers = await Promise.all([send(call, key), send(call, key), send(call, key)]);

      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.map((a) => a.headers.get('idempotent-replayed')).sort()).toEqual([
        'false',
        'true',
        'true',
      ]);
      expect(answers[1].body).toEqual(answers[0].body);
      expect(answers[2].body).toEqual(answers[0].body);
      const audits = (await traces(orderIdOf(call))).filter((t) => t.startsWith('audit'));
      expect(audits.length).toBe(before.filter((t) => t.startsWith('audit')).length + 1);
    },
  );

  it.each(ACTION_ROUTES)(
    '%s: the same key on another order is 409 IDEMPOTENCY_CONFLICT and does nothing there',
    async (route) => {
      const [call, other] = [await calls[route](), await calls[route]()];
      const key = randomUUID();
      await send(call, key);
      const before = await traces(orderIdOf(other));

      const reused = await send(other, key);

      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('IDEMPOTENCY_CONFLICT');
      expect(await traces(orderIdOf(other))).toEqual(before);
    },
  );

  it.each([
    ['POST /orders/:id/notes', { text: '又联系了班主任', reporterVisible: false }],
    ['POST /orders/:id/contact', { note: '第二次见到了孩子' }],
    ['POST /orders/:id/resolve', { ...RESOLUTION, detail: '与家长面谈三次。' }],
  ])('%s: the same key with another body is 409 IDEMPOTENCY_CONFLICT', async (route, body) => {
    const call = await calls[route]();
    const key = randomUUID();
    await send(call, key);
    const before = await traces(orderIdOf(call));

    const changed = await send(call, key, body);

    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await traces(orderIdOf(call))).toEqual(before);
  });

  it.each(ACTION_ROUTES)('%s: without a key, answers as it always did', async (route) => {
    const call = await calls[route]();

    const answer = await send(call);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('idempotent-replayed')).toBeNull();
  });

  it('without a key, a second 签收 is refused as already signed', async () => {
    const call = await calls['POST /orders/:id/sign']();
    await send(call);

    const again = await send(call);

    expect(again.status).toBe(409);
    expect(again.body.code).toBe('WRONG_STATE');
  });

  it('without a key, the same note sent twice is two notes', async () => {
    const call = await calls['POST /orders/:id/notes']();

    await send(call);
    await send(call);

    const notes = (await traces(orderIdOf(call))).filter((t) => t === 'event note');
    expect(notes).toHaveLength(2);
  });

  it('keeps no refused attempt: its key is refused again, and serves once the action may be done', async () => {
    const unsigned = await calls['POST /orders/:id/sign']();
    const orderId = orderIdOf(unsigned);
    const resolve = { ...unsigned, path: `/orders/${orderId}/resolve`, body: RESOLUTION };
    const key = randomUUID();

    const refused = await send(resolve, key);
    const refusedAgain = await send(resolve, key);
    await act(sut.baseUrl, handler.token, orderId, 'sign');
    const done = await send(resolve, key);

    expect([refused.status, refused.body.code]).toEqual([409, 'SIGN_FIRST']);
    expect([refusedAgain.status, refusedAgain.body.code]).toEqual([409, 'SIGN_FIRST']);
    expect(done.status).toBe(200);
    expect(done.headers.get('idempotent-replayed')).toBe('false');
    expect(done.body.status).toBe('resolved');
  });

  it.each(['short', 'a'.repeat(129), 'has space 123', 'key/with/slash'])(
    'refuses the malformed key %p with 400 on Idempotency-Key and does nothing',
    async (key) => {
      const call = await calls['POST /orders/:id/sign']();
      const before = await traces(orderIdOf(call));

      const answer = await send(call, key);

      expect(answer.status).toBe(400);
      expect(answer.body.errors).toHaveProperty(['Idempotency-Key']);
      expect(await traces(orderIdOf(call))).toEqual(before);
    },
  );

  it('keeps keys per user: another user’s same key is their own action', async () => {
    const call = await calls['POST /orders/:id/notes']();
    const coordinatorCall = await calls['POST /orders/:id/reopen']();
    const key = randomUUID();
    await send(call, key);

    const theirs = await send({ ...call, token: coordinatorCall.token }, key, {
      text: '联席办已督办',
      reporterVisible: false,
    });

    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('idempotent-replayed')).toBe('false');
  });
});
