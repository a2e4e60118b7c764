import { randomUUID } from 'node:crypto';
import type {
  ApiErrorBody,
  AuthResponse,
  InboxBadge,
  InboxMessage,
  InboxPage,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { Inbox } from '../../src/inbox/inbox';
import { aReporterSession, anAdminSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const ENV = { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' };

/**
 * `GET /notifications`, `POST /notifications/:id/read` and `POST /notifications/read`: each person
 * reads and marks their own messages, newest first, 20 a page, with the unread count for the
 * badge. Messages are written through the app's own `Inbox`, at chosen instants.
 */
describe('the inbox routes', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ env: ENV });
  });
  afterAll(() => sut.close());

  /** `count` messages to the person, one a minute from `from`, the i-th saying `消息 i`. */
  async function messagesTo(person: AuthResponse, count: number, from = '2026-11-17T09:00:00Z') {
    const inbox = sut.app.get(Inbox);
    const manager = sut.app.get(DataSource).manager;
    for (let i = 1; i <= count; i++) {
      const at = new Date(Date.parse(from) + i * 60_000);
      await inbox.toUsers(
        manager,
        [person.user.id],
        { kind: 'new_order', text: `消息 ${i}`, page: `staff/order/index?id=order-${i}` },
        at,
      );
    }
  }

  const list = (person: AuthResponse, query = '') =>
    http<InboxPage & ApiErrorBody>(sut.baseUrl, 'GET', `/notifications${query}`, {
      token: person.token,
    });
  const read = (person: AuthResponse, id: string, body?: unknown) =>
    http<InboxMessage & ApiErrorBody>(sut.baseUrl, 'POST', `/notifications/${id}/read`, {
      token: person.token,
      body,
    });
  const readAll = (person: AuthResponse) =>
    http<InboxBadge>(sut.baseUrl, 'POST', '/notifications/read', { token: person.token });
  const texts = (page: InboxPage) => page.items.map((m) => m.text);

  it('pages the caller’s messages newest first, 20 a page, with the total and the unread count', async () => {
    const person = await aReporterSession(sut.baseUrl);
    await messagesTo(person, 23);

    const first = await list(person);
    const second = await list(person, '?page=2');
    const beyond = await list(person, '?page=3');

    expect(first.status).toBe(200);
    expect(texts(first.body)).toEqual(Array.from({ length: 20 }, (_, i) => `消息 ${23 - i}`));
    expect(texts(second.body)).toEqual(['消息 3', '消息 2', '消息 1']);
    expect(beyond.body).toEqual({ items: [], total: 23, unread: 23 });
    expect([first.body.total, first.body.unread]).toEqual([23, 23]);
    expect(first.body.items[0]).toEqual({
      id: expect.any(String),
      kind: 'new_order',
      text: '消息 23',
      page: 'staff/order/index?id=order-23',
      createdAt: '2026-11-17T09:23:00.000Z',
      readAt: null,
    });
  });

  it('marks one message read, once: a second read keeps the first time, and the badge counts one less', async () => {
    const person = await aReporterSession(sut.baseUrl);
    await messagesTo(person, 3);
    const [newest] = (await list(person)).body.items;

    await setClock('2026-11-18T08:00:00Z');
    const first = await read(person, newest.id);
    await setClock('2026-11-18T09:00:00Z');
    const again = await read(person, newest.id, {});

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ...newest, readAt: '2026-11-18T08:00:00.000Z' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const after = (await list(person)).body;
    expect([after.total, after.unread]).toEqual([3, 2]);
    expect(after.items[0].readAt).toBe('2026-11-18T08:00:00.000Z');
  });

  it('lists only unread messages with unread=true, and counts them as the badge does', async () => {
    const person = await aReporterSession(sut.baseUrl);
    await messagesTo(person, 4);
    const items = (await list(person)).body.items;
    await read(person, items[0].id);
    await read(person, items[2].id);

    const unread = await list(person, '?unread=true');
    const all = await list(person, '?unread=false&page=1');

    expect(texts(unread.body)).toEqual(['消息 3', '消息 1']);
    expect([unread.body.total, unread.body.unread]).toEqual([2, 2]);
    expect([all.body.total, all.body.unread]).toEqual([4, 2]);
  });

  it('marks every message of the caller read, and nobody else’s', async () => {
    const person = await aReporterSession(sut.baseUrl);
    const other = await aReporterSession(sut.baseUrl);
    await messagesTo(person, 25);
    await messagesTo(other, 2);

    const marked = await readAll(person);
    const again = await readAll(person);

    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ unread: 0 });
    expect(again.body).toEqual({ unread: 0 });
    expect((await list(person, '?unread=true')).body).toEqual({ items: [], total: 0, unread: 0 });
    expect((await list(person, '?page=2')).body.items.every((m) => m.readAt !== null)).toBe(true);
    expect((await list(other)).body.unread).toBe(2);
  });

  it('answers 404 for another person’s message, and leaves it unread', async () => {
    const person = await aReporterSession(sut.baseUrl);
    const owner = await aReporterSession(sut.baseUrl);
    await messagesTo(owner, 1);
    const [theirs] = (await list(owner)).body.items;

    const refused = await read(person, theirs.id);
    const unknown = await read(person, randomUUID());
    const malformed = await read(person, 'not-a-message');

    for (const answer of [refused, unknown, malformed]) {
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'NOT_FOUND', message: '没有找到这条消息' });
    }
    expect((await list(owner)).body.unread).toBe(1);
    expect((await list(person)).body).toEqual({ items: [], total: 0, unread: 0 });
  });

  it('refuses a body with fields, an unknown query and a bad page with 400', async () => {
    const person = await aReporterSession(sut.baseUrl);
    await messagesTo(person, 1);
    const [message] = (await list(person)).body.items;

    const withField = await read(person, message.id, { readAt: '2026-01-01T00:00:00Z' });
    const unknownQuery = await list(person, '?userId=someone');
    const badPage = await list(person, '?page=0');
    const badUnread = await list(person, '?unread=yes');

    expect(withField.status).toBe(400);
    expect(withField.body.errors).toEqual({ readAt: '不允许的字段' });
    for (const answer of [unknownQuery, badPage, badUnread]) {
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await list(person)).body.unread).toBe(1);
  });

  it('answers 401 without a login', async () => {
    for (const [method, path] of [
      ['GET', '/notifications'],
      ['POST', '/notifications/read'],
      ['POST', `/notifications/${randomUUID()}/read`],
    ]) {
      expect((await http(sut.baseUrl, method, path)).status).toBe(401);
    }
  });

  async function setClock(now: string): Promise<void> {
    const admin = await anAdminSession(sut.baseUrl);
    const set = await http(sut.baseUrl, 'PUT', '/admin/clock', {
      token: admin.token,
      body: { now },
    });
    expect(set.status).toBe(200);
  }
});
