import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  orderPage,
  type ChildFileDetail,
  type DueVisit,
  type InboxMessage,
  type InboxPage,
  type OrderDetail,
  type OrderSummary,
  type Page as ApiPage,
  type ReportCreatedResponse,
} from '@shouhu/shared';
import { apiClient } from '../support/api-client';
import { ARTIFACTS_DIR, screenshot } from '../support/browser';
import { aChildFileBody } from '../support/child-files';
import { useH5Suite } from '../support/h5-suite';
import { REPO_ROOT } from '../support/server';
import { phoneOf } from '../support/staff';

const DAY_MS = 24 * 3600_000;
/** A story of several screens on a slow two-core machine. */
const STORY_TIMEOUT_MS = 600_000;

/** The story's screens, and the two README shows, at the viewport the other README shots use. */
async function shot(page: Page, name: string, readme?: string): Promise<void> {
  await screenshot(page, `visit-story-${name}`);
  if (!readme) return;
  const docs = resolve(REPO_ROOT, 'docs', 'screenshots');
  mkdirSync(docs, { recursive: true });
  copyFileSync(resolve(ARTIFACTS_DIR, `visit-story-${name}.png`), resolve(docs, `${readme}.png`));
}

/** The nut dialog on screen (closed ones stay in the page, hidden): checks its words, confirms. */
async function confirm(page: Page, text: string, button = '确认'): Promise<void> {
  const dialog = page.locator('.nut-dialog').filter({ visible: true });
  await dialog.getByText(text).waitFor();
  await dialog.locator('.nut-dialog-footer-ok', { hasText: button }).click();
}

async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.taro__toast p', { hasText: text }).waitFor();
}

const filePage = (fileId: string) => `children/file/index?id=${fileId}`;

describe('H5 app: visits on the clock, 控辍保学 and the inbox', () => {
  const suite = useH5Suite('visit-story', {
    DEMO_DATA: 'true',
    SIMULATED_CLOCK: 'true',
    DIVISIONS: '341324',
  });
  const api = apiClient(() => suite.server.apiBase);

  /** The server's clock: every answer carries it. */
  async function serverTime(): Promise<Date> {
    const response = await fetch(`${suite.server.apiBase}/health`);
    return new Date(response.headers.get('x-server-time') ?? '');
  }

  /**
   * Sets the server's clock, as a drill does. Tokens expire on that clock, so each call logs in
   * again afterwards.
   */
  async function clockAt(instant: Date): Promise<void> {
    await api.call('PUT', '/admin/clock', await api.login('demo-admin'), {
      now: instant.toISOString(),
    });
  }

  async function sweep(): Promise<void> {
    await api.call('POST', '/admin/sla/sweep', await api.login('demo-admin'));
  }

  /** Every message of one person, newest first. */
  async function inboxOf(openid: string): Promise<InboxMessage[]> {
    const token = await api.login(openid);
    const messages: InboxMessage[] = [];
    for (let page = 1; ; page++) {
      const answer = await api.call<InboxPage>('GET', `/notifications?page=${page}`, token);
      messages.push(...answer.items);
      if (messages.length >= answer.total || answer.items.length === 0) return messages;
    }
  }

  async function fileAs(openid: string, fileId: string): Promise<ChildFileDetail> {
    return api.call<ChildFileDetail>('GET', `/children/${fileId}`, await api.login(openid));
  }

  async function openFile(name: string): Promise<ChildFileDetail> {
    const village = await api.login('demo-village-guanmiao');
    const { id } = await api.call<{ id: string }>(
      'POST',
      '/children',
      village,
      aChildFileBody(name),
    );
    return fileAs('demo-village-guanmiao', id);
  }

  /** What one person's inbox holds about one file, by kind: `{reminder: 1, overdue: 1}`. */
  function kindsAbout(messages: InboxMessage[], page: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const message of messages.filter((m) => m.page === page)) {
      counts[message.kind] = (counts[message.kind] ?? 0) + 1;
    }
    return counts;
  }

  /** Opens 消息 from the home page, the badge showing the unread messages. */
  async function openMessages(page: Page, unread: number): Promise<void> {
    await page.goto(`${suite.server.origin}/`);
    await page.locator('.home-messages .home-badge', { hasText: String(unread) }).waitFor();
    await page.locator('.home-messages').click();
    await page.locator('.messages-page').waitFor();
    await page.locator('.messages-unread-count', { hasText: `${unread} 条未读` }).waitFor();
  }

  it(
    'a quarterly visit of a left-behind child falls due; the 儿童主任 records it with no signal and it arrives once',
    async () => {
      const CHILD = '高小川';
      const opened = await openFile(CHILD);
      const quarterly = opened.plannedVisits.find((v) => v.reason === 'quarterly');
      if (!quarterly) throw new Error('a new left-behind file has no quarterly visit planned');
      // A day and a half past the 90 days: overdue, and the sweep has sent it to the township.
      await clockAt(new Date(Date.parse(quarterly.dueAt) + 1.5 * DAY_MS));
      await sweep();

      const phone = await phoneOf(suite.browser, 'demo-village-guanmiao');
      await phone.goto(`${suite.server.origin}/`);
      // The staff home's way to 走访 counts what is due within 30 days and what is overdue.
      await phone
        .locator('.visits-entry', { hasText: /走访（30 天内 [1-9]\d* 次，超时 [1-9]\d* 次）/ })
        .click();
      const row = phone.locator('.visit-row', { hasText: CHILD });
      await row.waitFor();
      expect(await row.getAttribute('class')).toContain('visit-row-overdue');
      await row.locator('.file-row-visit', { hasText: '季度走访' }).waitFor();
      await row.locator('.visit-due', { hasText: '已超时 2 天' }).waitFor();
      await row.locator('.visit-badge', { hasText: '已督办' }).waitFor();
      await shot(phone, '1-due-list', 'visits');

      await row.locator('.visit-record').click();
      await phone.locator('.visit-head', { hasText: `走访 ${CHILD}` }).waitFor();

      // What reaches the server: the network is cut, and when it returns the first answer is lost
      // on the way back, so the phone sends the record again under the same key.
      const sends: { key: string; status: number; replayed: string | undefined }[] = [];
      let networkBack = false;
      await phone.route(`**/children/${opened.id}/visits`, async (route) => {
        if (!networkBack) return route.abort('internetdisconnected');
        const response = await route.fetch();
        sends.push({
          key: route.request().headers()['idempotency-key'] ?? '',
          status: response.status(),
          replayed: response.headers()['idempotent-replayed'],
        });
        return sends.length === 1 ? route.abort('failed') : route.fulfill({ response });
      });

      await phone.context().setOffline(true);
      for (const person of ['儿童本人', '委托照护人']) {
        await phone.locator('.visit-met .choice', { hasText: person }).click();
      }
      await phone.locator('.visit-check-family .choice', { hasText: '正常' }).click();
      await phone.locator('.visit-check-guardianship .choice', { hasText: '需关注' }).click();
      await phone
        .locator('.visit-checks-guardianship textarea')
        .fill('奶奶腿脚不便，做饭有困难，父亲每月寄钱回来。');
      await phone.locator('.visit-check-schooling .choice', { hasText: '正常' }).click();
      await phone.locator('.visit-check-wellbeing .choice', { hasText: '正常' }).click();
      await phone
        .locator('.visit-findings textarea')
        .fill('孩子在家写作业，已联系村医每周上门看奶奶。');
      await shot(phone, '1b-visit-form', 'visit-form');
      await phone.locator('.visit-submit').click();
      await confirm(phone, '确认提交这次走访记录？提交后不能修改。', '确认提交');
      await toast(phone, '走访记录已保存');
      // Back on the 走访 list, which was on screen under the form: the record waits on the phone.
      const list = phone.locator('.visits-page');
      await list.locator('.staff-outbox', { hasText: '1 项等待网络，恢复后自动发送' }).waitFor();
      await list.locator('.staff-outbox-item', { hasText: '走访记录' }).waitFor();
      await row
        .locator('.visit-row-waiting', { hasText: '走访记录已保存在手机上，恢复网络后自动发送' })
        .waitFor();
      expect(await row.locator('.visit-record').count()).toBe(0);
      // The list could not load again with no signal: what it showed stays, under a short note.
      await list.locator('.visits-stale', { hasText: '没有刷新成功' }).waitFor();
      expect(await list.locator('.visits-error').count()).toBe(0);
      await shot(phone, '1c-kept-on-the-phone');

      networkBack = true;
      await phone.context().setOffline(false);
      // Sent by itself (network back, then the 10-second retry after the lost answer); the list
      // loads again: the child is no longer due within 30 days, and on the whole plan the
      // child's line is the next quarter's visit.
      await list.locator('.staff-outbox').waitFor({ state: 'detached', timeout: 60_000 });
      await row.waitFor({ state: 'detached' });
      await list.locator('.visits-tab', { hasText: '全部计划' }).click();
      await row.locator('.visit-due', { hasText: '前完成' }).waitFor();
      expect(await row.locator('.visit-badge').count()).toBe(0);
      await shot(phone, '1d-arrived');

      expect(sends).toHaveLength(2);
      expect(sends[1].key).toBe(sends[0].key);
      expect(sends.map((s) => [s.status, s.replayed])).toEqual([
        [201, 'false'],
        [201, 'true'],
      ]);
      const file = await fileAs('demo-village-guanmiao', opened.id);
      expect(file.visits).toHaveLength(1);
      const [visit] = file.visits;
      expect(visit.fulfilled).toEqual(['quarterly']);
      expect(visit.met).toEqual(['child', 'carer']);
      expect(visit.checks.guardianship).toEqual({
        result: 'concern',
        finding: '奶奶腿脚不便，做饭有困难，父亲每月寄钱回来。',
      });
      // The due is done; the next quarter's is planned from the visit.
      expect(file.plannedVisits.map((v) => v.id)).not.toContain(quarterly.id);
      const next = file.plannedVisits.filter((v) => v.reason === 'quarterly');
      expect(next).toHaveLength(1);
      expect(next[0].startedAt).toBe(visit.at);
      expect(Date.parse(next[0].dueAt) - Date.parse(visit.at)).toBe(90 * DAY_MS);
      expect(file.nextVisitDueAt).toBe(next[0].dueAt);
      const due = await api.call<ApiPage<DueVisit>>(
        'GET',
        '/visits?due=true&pageSize=50',
        await api.login('demo-village-guanmiao'),
      );
      expect(due.items.filter((v) => v.childFileId === opened.id).map((v) => v.id)).toEqual([
        next[0].id,
      ]);
    },
    STORY_TIMEOUT_MS,
  );

  it(
    'a visit left undone escalates to the township and then the county, each stage once',
    async () => {
      const CHILD = '孟小禾';
      const opened = await openFile(CHILD);
      const quarterly = opened.plannedVisits.find((v) => v.reason === 'quarterly');
      if (!quarterly) throw new Error('a new left-behind file has no quarterly visit planned');
      const startedAt = Date.parse(quarterly.startedAt);
      const span = Date.parse(quarterly.dueAt) - startedAt;
      const at = (fraction: number) => new Date(startedAt + span * fraction + 60_000);
      const page = filePage(opened.id);

      await clockAt(at(0.8));
      await sweep();
      expect(kindsAbout(await inboxOf('demo-village-guanmiao'), page)).toEqual({ reminder: 1 });
      expect(kindsAbout(await inboxOf('demo-township'), page)).toEqual({});

      await clockAt(at(1));
      await sweep();
      await sweep();
      expect(kindsAbout(await inboxOf('demo-village-guanmiao'), page)).toEqual({
        reminder: 1,
        overdue: 1,
      });
      const township = await inboxOf('demo-township');
      expect(kindsAbout(township, page)).toEqual({ overdue: 1 });
      expect(kindsAbout(await inboxOf('demo-coordinator'), page)).toEqual({});

      // The township supervisor finds the 督办 in 消息, the badge counting it, and opens the file.
      const supervisor = await phoneOf(suite.browser, 'demo-township');
      await openMessages(supervisor, township.filter((m) => m.readAt === null).length);
      const overdue = township.findIndex((m) => m.page === page && m.kind === 'overdue');
      const overdueRow = supervisor.locator('.message-row').nth(overdue);
      await overdueRow.locator('.message-kind', { hasText: '超时督办' }).waitFor();
      await overdueRow
        .locator('.message-text', { hasText: '一次季度走访已超时未完成，已督办至' })
        .waitFor();
      await shot(supervisor, '2-township-messages');
      await overdueRow.click();
      await supervisor.locator('.file-page .file-row-name', { hasText: CHILD }).waitFor();
      await supervisor.locator('.file-visits .visit-badge', { hasText: '已督办' }).waitFor();
      await shot(supervisor, '2b-township-file');

      await clockAt(at(2));
      await sweep();
      await sweep();
      const county = await inboxOf('demo-coordinator');
      expect(kindsAbout(county, page)).toEqual({ red_list: 1 });
      expect(kindsAbout(await inboxOf('demo-township'), page)).toEqual({
        overdue: 1,
        red_list: 1,
      });
      expect(kindsAbout(await inboxOf('demo-village-guanmiao'), page)).toEqual({
        reminder: 1,
        overdue: 1,
      });

      const coordinator = await phoneOf(suite.browser, 'demo-coordinator');
      await openMessages(coordinator, county.filter((m) => m.readAt === null).length);
      const redRow = coordinator
        .locator('.message-row')
        .nth(county.findIndex((m) => m.page === page));
      await redRow.locator('.message-kind', { hasText: '红色清单' }).waitFor();
      await redRow.locator('.message-text', { hasText: '列入红色清单' }).waitFor();
      await shot(coordinator, '2c-county-messages');

      const file = await fileAs('demo-coordinator', opened.id);
      const stages = file.timeline.filter((e) =>
        ['reminder', 'overdue', 'red_list'].includes(e.kind),
      );
      expect(stages.map((e) => e.kind).sort()).toEqual(['overdue', 'red_list', 'reminder']);
      expect(file.plannedVisits.find((v) => v.id === quarterly.id)?.escalationLevel).toBe(2);
      // No message names the child.
      for (const message of [...county, ...(await inboxOf('demo-township'))]) {
        expect(message.text).not.toContain(CHILD);
      }
    },
    STORY_TIMEOUT_MS,
  );

  it(
    'a dropout goes 劝返中 → 已复学 → 巩固 by the 30-day check visit → 销号, on the file page',
    async () => {
      const CHILD = '韩小雨';
      const opened = await openFile(CHILD);
      const phone = await phoneOf(suite.browser, 'demo-village-guanmiao');
      await phone.goto(`${suite.server.origin}/#/${filePage(opened.id)}`);
      const section = phone.locator('.file-dropout');
      const state = (label: string) =>
        section
          .locator('.detail-row', { hasText: '状态' })
          .locator('.detail-value', { hasText: new RegExp(`^${label}$`) });
      await state('不在控辍保学名单上').waitFor();

      async function move(to: string, question: string, note?: string): Promise<void> {
        await section.locator(`.dropout-to-${to}`).click();
        await phone.locator('.dropout-sheet').waitFor();
        if (note) await phone.locator('.dropout-sheet textarea').fill(note);
        await phone.locator('.dropout-sheet .sheet-submit').click();
        await confirm(phone, question);
      }

      await move(
        'persuading',
        '确认列入控辍保学名单（劝返中）？',
        '孩子跟着同村人去县城打零工，已经一周没有上学。',
      );
      await toast(phone, '已改为劝返中');
      await state('劝返中').waitFor();
      await shot(phone, '3-persuading');
      // Persuasion takes days: the return is recorded a week later.
      await clockAt(new Date((await serverTime()).getTime() + 7 * DAY_MS));

      await move('returned', '确认从“劝返中”改为“已复学”？');
      await toast(phone, '已改为已复学');
      await state('已复学').waitFor();
      await section.locator('.detail-row', { hasText: '复学巩固回访' }).waitFor();
      await shot(phone, '3b-returned');

      const returned = await fileAs('demo-village-guanmiao', opened.id);
      expect(returned.dropout?.state).toBe('returned');
      const check = returned.plannedVisits.find((v) => v.reason === 'dropout_check');
      if (!check || !returned.dropout?.check) throw new Error('no 复学巩固回访 planned');
      expect(Date.parse(check.startedAt) - Date.parse(returned.dropout.since)).toBe(30 * DAY_MS);
      expect(kindsAbout(await inboxOf('demo-village-guanmiao'), filePage(opened.id))).toEqual({
        new_visit: 1,
      });

      // Thirty days on, the check falls due on the 走访 list and the 儿童主任 records it.
      await clockAt(new Date(Date.parse(check.startedAt) + 3600_000));
      await phone.goto(`${suite.server.origin}/#/children/visits/index`);
      const row = phone
        .locator('.visit-row', { hasText: CHILD })
        .filter({ hasText: '复学巩固回访' });
      await row.waitFor();
      await shot(phone, '3c-check-due');
      await row.locator('.visit-record').click();
      await phone.locator('.visit-head', { hasText: `走访 ${CHILD}` }).waitFor();
      await phone.locator('.visit-met .choice', { hasText: '儿童本人' }).click();
      await phone.locator('.visit-met .choice', { hasText: '老师' }).click();
      for (const check of ['family', 'guardianship', 'schooling', 'wellbeing']) {
        await phone.locator(`.visit-check-${check} .choice`, { hasText: '正常' }).click();
      }
      await phone.locator('.visit-findings textarea').fill('班主任说孩子复学后每天按时到校。');
      await phone.locator('.visit-submit').click();
      await confirm(phone, '确认提交这次走访记录？提交后不能修改。', '确认提交');
      // Back on the list: once the record arrived the check is done, and the child's line left is
      // the next quarter's visit (on the whole plan: it is not due within 30 days), which opens
      // the file.
      await row.waitFor({ state: 'detached', timeout: 60_000 });
      await phone.locator('.visits-page .visits-tab', { hasText: '全部计划' }).click();
      await phone
        .locator('.visits-page .visit-row', { hasText: CHILD })
        .filter({ hasText: '季度走访' })
        .locator('.visit-row-main')
        .click();
      await phone.locator('.file-page .file-row-name', { hasText: CHILD }).waitFor();
      await state('巩固').waitFor();
      await shot(phone, '3d-consolidated');

      await move('struck_off', '确认从“巩固”改为“销号”？');
      await toast(phone, '已改为销号');
      await state('销号').waitFor();
      await shot(phone, '3e-struck-off');

      const file = await fileAs('demo-village-guanmiao', opened.id);
      expect(file.dropout?.state).toBe('struck_off');
      expect(file.status).toBe('active');
      expect(file.visits).toHaveLength(1);
      expect(file.visits[0].fulfilled).toContain('dropout_check');
      expect(file.timeline.filter((e) => e.kind === 'dropout').map((e) => e.text)).toEqual([
        '控辍保学：列入控辍保学名单（劝返中）。说明：孩子跟着同村人去县城打零工，已经一周没有上学。',
        '控辍保学：劝返中 → 已复学。',
        expect.stringContaining('巩固'),
        '控辍保学：巩固 → 销号。',
      ]);
    },
    STORY_TIMEOUT_MS,
  );

  it(
    'a handler finds the new order in 消息 and signs it with no signal; the sign arrives once',
    async () => {
      const neighbour = await api.login('demo-public');
      const report = await api.call<ReportCreatedResponse>('POST', '/reports', neighbour, {
        channel: 'public',
        situations: ['dropout'],
        immediateDanger: false,
        description: '学生两周没有来上学，家里电话打不通，邻居说孩子在家。',
        discoveredAt: (await serverTime()).toISOString(),
        location: { divisionCode: '341324100' },
        child: { whereaboutsUnknown: false },
        reporter: { anonymous: true },
      });
      const townshipToken = await api.login('demo-township');
      const mine = await api.call<ApiPage<OrderSummary>>(
        'GET',
        '/orders?pageSize=100',
        townshipToken,
      );
      const order = mine.items.find((o) => o.reportId === report.id && o.department === 'township');
      if (!order) throw new Error('the township did not receive the report');
      const messages = await inboxOf('demo-township');
      expect(messages.filter((m) => m.page === orderPage(order.id)).map((m) => m.kind)).toEqual([
        'new_order',
      ]);

      const handler = await phoneOf(suite.browser, 'demo-township');
      await openMessages(handler, messages.filter((m) => m.readAt === null).length);
      const row = handler
        .locator('.message-row')
        .nth(messages.findIndex((m) => m.page === orderPage(order.id)));
      await row.locator('.message-kind', { hasText: '新工单' }).waitFor();
      await row.locator('.message-text', { hasText: '你单位有一张新的' }).waitFor();
      await shot(handler, '4-new-order-message');
      await row.click();
      await handler.locator('.order-detail-status', { hasText: '待签收' }).waitFor();

      await handler.context().setOffline(true);
      await handler.locator('.action-sign').click();
      await handler
        .locator('.nut-dialog-footer-ok', { hasText: '确认' })
        .filter({ visible: true })
        .click();
      await handler.locator('.order-waiting', { hasText: '签收工单已保存在手机上' }).waitFor();
      await shot(handler, '4b-signed-on-the-phone');
      await handler.context().setOffline(false);
      await handler
        .locator('.order-detail-status', { hasText: '办理中' })
        .waitFor({ timeout: 60_000 });

      const detail = await api.call<OrderDetail>('GET', `/orders/${order.id}`, townshipToken);
      expect(detail.timeline.filter((event) => event.kind === 'signed')).toHaveLength(1);
      // The message was read when it was opened.
      const read = (await inboxOf('demo-township')).find((m) => m.page === orderPage(order.id));
      expect(read?.readAt).not.toBeNull();
    },
    STORY_TIMEOUT_MS,
  );
});
