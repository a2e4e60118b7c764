import {
  ORDER_ACTIONS,
  isWholeSentence,
  type OrderAction,
  type OrderDetail,
  type OrderSummary,
  type Page,
  type Unit,
} from '@shouhu/shared';
import { TOWN, TOWN_WITHOUT_SUPERVISOR, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Fragments the timeline used to show (issue 11): a reason that trailed off, a bare label. */
const OLD_FRAGMENTS = [/需通知/, /^主办，/, /^协办，/, /^退单：/, /^重办：/, /^已签收$/];

/**
 * Plays every order action (shared ORDER_ACTIONS: the `Record` below fails to compile when an action
 * is added and not played), routing with reasons and priority overrides, a report with no unit in
 * its township, and the sweep's reminder, 督办 and red list; then reads every order's timeline as
 * the coordinator sees it.
 */
describe('every order timeline line is a whole sentence', () => {
  let sut: TestApp;
  let county: County;
  let otherTown: Unit;
  const texts: { kind: string; text: string }[] = [];
  const played = new Set<OrderAction>();

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
    const token = (who: keyof County['sessions']) => county.sessions[who].token;
    const report = (overrides: Parameters<typeof submitReport>[2]) =>
      submitReport(sut.baseUrl, token('reporter'), {
        discoveredAt: '2026-12-01T08:00:00+08:00',
        ...overrides,
      });
    const play = async (
      who: keyof County['sessions'],
      orderId: string,
      action: OrderAction,
      body?: unknown,
    ) => {
      await act(sut.baseUrl, token(who), orderId, PATHS[action], body);
      played.add(action);
    };

    await county.setClock('2026-12-01T09:00:00+08:00');
    // Danger and a missing dropout: reasons for police, civil affairs and the township, two overrides.
    const urgent = await report({
      situations: ['dropout', 'living_alone'],
      immediateDanger: true,
      location: { divisionCode: TOWN },
      child: { name: '小明', whereaboutsUnknown: true },
    });
    await report({ situations: ['dropout'], location: { divisionCode: TOWN_WITHOUT_SUPERVISOR } });
    const worked = await report({
      situations: ['disability_illness'],
      location: { divisionCode: TOWN },
      child: {},
    });
    const moved = await report({
      situations: ['poverty_hardship'],
      location: { divisionCode: TOWN },
    });
    otherTown = await aUnit(sut.baseUrl, {
      name: '墩集镇儿童督导站',
      department: 'township',
      divisionPrefixes: [TOWN_WITHOUT_SUPERVISOR],
    });

    const { id } = await orderOf(sut.baseUrl, token('township'), worked.id, 'township');
    await play('township', id, 'sign');
    await play('township', id, 'contact', { note: '在家中见到孩子' });
    await play('township', id, 'note', { text: '已联系县残联', reporterVisible: true });
    await play('township', id, 'priority', { priority: 'P2', reason: '孩子病情加重' });
    await play('township', id, 'extension', { workingDays: 2, reason: '等待康复机构评估' });
    await play('coordinator', id, 'extension_decision', { approve: true, note: '同意' });
    await play('township', id, 'resolve', {
      outcome: 'referred_to_service',
      reporterSummary: '已转介康复机构。',
      detail: '县残联已受理康复救助申请',
    });
    await play('coordinator', id, 'reopen', { reason: '评估结果需要复核：' });

    const other = await orderOf(sut.baseUrl, token('township'), moved.id, 'township');
    await play('township', other.id, 'transfer', {
      unitId: otherTown.id,
      reason: '孩子住在墩集镇',
    });
    const civil = await orderOf(sut.baseUrl, token('civil'), moved.id, 'civil_affairs');
    await play('civil', civil.id, 'return', { reason: '不属于本单位职责' });
    await play('coordinator', civil.id, 'reassign', {
      unitId: (
        await aUnit(sut.baseUrl, {
          name: '泗县民政局社会事务股',
          department: 'civil_affairs',
          divisionPrefixes: ['341324'],
        })
      ).id,
      reason: '改由社会事务股办理',
    });

    // The police order of the urgent report stays unsigned: reminder, 督办, red list.
    await orderOf(sut.baseUrl, token('police'), urgent.id, 'police');
    for (const now of [
      '2026-12-01T09:25:00+08:00',
      '2026-12-01T09:31:00+08:00',
      '2026-12-01T10:01:00+08:00',
    ]) {
      await county.setClock(now);
      await county.sweep();
    }

    const list = await http<Page<OrderSummary>>(sut.baseUrl, 'GET', '/orders?pageSize=100', {
      token: token('coordinator'),
    });
    for (const order of list.body.items) {
      const detail = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${order.id}`, {
        token: token('coordinator'),
      });
      texts.push(...detail.body.timeline.map((e) => ({ kind: e.kind, text: e.text })));
    }
  });
  afterAll(() => sut.close());

  it('played every order action and every kind the system writes by itself', () => {
    expect([...played].sort()).toEqual([...ORDER_ACTIONS].sort());
    const kinds = new Set(texts.map((t) => t.kind));
    for (const kind of ['dispatched', 'reminder', 'overdue', 'red_list']) {
      expect(kinds).toContain(kind);
    }
    expect(texts.length).toBeGreaterThanOrEqual(ORDER_ACTIONS.length + 4);
  });

  it('ends every line as a sentence, none trailing off', () => {
    expect(texts.filter((t) => !isWholeSentence(t.text))).toEqual([]);
    expect(texts.filter((t) => OLD_FRAGMENTS.some((fragment) => fragment.test(t.text)))).toEqual(
      [],
    );
  });

  it('says why a department was named and how the priority rose, in words', () => {
    const dispatched = texts.filter((t) => t.kind === 'dispatched').map((t) => t.text);
    expect(dispatched).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^由本部门主办，已派至泗县公安局。.*孩子正在面临危险，由公安主办/),
        expect.stringMatching(/^本部门协助办理，已派至.*因情形“.+”，通知本部门协助办理/),
        expect.stringMatching(/优先级由P2提升为P1（正在面临危险，按紧急处理）/),
        expect.stringMatching(/本区划没有乡镇（儿童督导员）单位，已转泗县联席办改派/),
      ]),
    );
  });
});

/** The route of each action under `/orders/:id/`. */
const PATHS: Record<OrderAction, string> = {
  sign: 'sign',
  contact: 'contact',
  note: 'notes',
  return: 'return',
  transfer: 'transfer',
  reassign: 'reassign',
  priority: 'priority',
  extension: 'extension',
  extension_decision: 'extension/decision',
  resolve: 'resolve',
  reopen: 'reopen',
};
