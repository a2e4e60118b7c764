import {
  INBOX_KINDS,
  SITUATION_CATEGORY_SHORT_LABELS,
  SITUATION_CODES,
  SITUATION_SHORT_LABELS,
  situation,
  type OrderSummary,
  type Page,
  type ReceivingDepartment,
  type SituationCode,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import type { DivisionItem } from '../../src/divisions/divisions.service';
import { InboxMessageEntity } from '../../src/inbox/inbox-message.entity';
import { TOWN, TOWN_WITHOUT_SUPERVISOR, aCounty, type County } from '../factories/county.factory';
import { act, submitReport } from '../factories/order.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const ENV = { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' };
const FILED_AT = Date.parse('2026-11-17T09:00:00+08:00');
/** 关庙村 and 胡陈村 of 泗城镇. */
const VILLAGES = ['341324100203', '341324100207'];
/** In every text a person typed: the child's name, the address, the description, each reason. */
const CANARY = '金丝雀';

const minutes = (n: number) => new Date(FILED_AT + n * 60_000);

/**
 * No inbox text names the child, the situation or the child's village, by any road (domain.md,
 * Privacy; issue 15: texts name the kind of case, never the child or the situation): reports with
 * canaries in every text field, filed in villages, their orders taken through every action and the
 * deadline sweep past every stage, and then every message of every person read.
 */
describe('inbox privacy', () => {
  let sut: TestApp;
  let county: County;

  beforeAll(async () => {
    sut = await startTestApp({ env: ENV });
    county = await aCounty(sut.baseUrl);
  }, 120_000);
  afterAll(() => sut.close());

  const sessionOf = (department: ReceivingDepartment) =>
    ({
      police: county.sessions.police,
      civil_affairs: county.sessions.civil,
      township: county.sessions.township,
      education: county.sessions.education,
    })[department].token;

  async function fileReport(
    village: string,
    situations: SituationCode[],
    immediateDanger = false,
  ): Promise<Map<ReceivingDepartment, string>> {
    const report = await submitReport(sut.baseUrl, county.sessions.reporter.token, {
      situations,
      immediateDanger,
      description: `${CANARY}描述：孩子在${CANARY}家里，情况${situations.join('、')}。`,
      discoveredAt: minutes(-60).toISOString(),
      location: { divisionCode: village, address: `${CANARY}巷1号` },
      child: {
        name: `${CANARY}${village.slice(-3)}`,
        gender: 'female',
        ageYears: 9,
        school: `${CANARY}小学`,
        guardianName: `${CANARY}家长`,
      },
      reporter: { anonymous: false, name: `${CANARY}老师`, relation: `${CANARY}班主任` },
    });
    const orders = await http<Page<OrderSummary>>(sut.baseUrl, 'GET', '/orders?pageSize=100', {
      token: county.sessions.coordinator.token,
    });
    return new Map(
      orders.body.items.filter((o) => o.reportId === report.id).map((o) => [o.department, o.id]),
    );
  }

  const reason = (what: string) => ({ reason: `${CANARY}${what}` });

  it('never names the child, the situation or the village, whatever happens to the orders', async () => {
    await county.setClock(minutes(0));
    const dunji = await aUnit(sut.baseUrl, {
      name: '墩集镇儿童督导站',
      department: 'township',
      divisionPrefixes: [TOWN_WITHOUT_SUPERVISOR],
    });
    const villageUnits = await Promise.all(
      VILLAGES.map((code, i) =>
        aUnit(sut.baseUrl, {
          name: `${['关庙村', '胡陈村'][i]}（儿童主任）`,
          department: 'village',
          divisionPrefixes: [code],
          parentId: county.units.township.id,
        }),
      ),
    );
    const violence = await fileReport(VILLAGES[0], ['violence_abuse', 'living_alone']);
    const dropout = await fileReport(VILLAGES[1], ['dropout']);
    const danger = await fileReport(VILLAGES[0], ['sexual_assault_under14'], true);
    const consultation = await fileReport(VILLAGES[1], ['consultation']);
    expect(danger.size).toBeGreaterThan(0);
    const coordinator = county.sessions.coordinator.token;
    const on = (orders: Map<ReceivingDepartment, string>, department: ReceivingDepartment) => {
      const id = orders.get(department);
      if (!id) throw new Error(`no ${department} order`);
      return { token: sessionOf(department), id };
    };

    await county.setClock(minutes(10));
    const police = on(violence, 'police');
    await act(sut.baseUrl, police.token, police.id, 'sign');
    await act(sut.baseUrl, police.token, police.id, 'contact', { note: `${CANARY}见到孩子` });
    await act(sut.baseUrl, police.token, police.id, 'notes', {
      text: `${CANARY}已联系家长`,
      reporterVisible: true,
    });
    const civil = on(violence, 'civil_affairs');
    await act(sut.baseUrl, civil.token, civil.id, 'sign');
    await act(sut.baseUrl, civil.token, civil.id, 'extension', {
      workingDays: 2,
      ...reason('需要评估'),
    });
    await act(sut.baseUrl, coordinator, civil.id, 'extension/decision', {
      approve: true,
      note: `${CANARY}同意`,
    });
    const returned = on(violence, 'township');
    await act(sut.baseUrl, returned.token, returned.id, 'return', reason('不属于本镇'));
    await act(sut.baseUrl, coordinator, returned.id, 'reassign', {
      unitId: dunji.id,
      ...reason('改派'),
    });

    const township = on(dropout, 'township');
    await act(sut.baseUrl, township.token, township.id, 'sign');
    const handoff = await http(sut.baseUrl, 'POST', `/orders/${township.id}/handoff`, {
      token: township.token,
      body: { department: 'civil_affairs', ...reason('家庭需要低保') },
    });
    expect(handoff.status).toBe(201);
    await act(sut.baseUrl, coordinator, township.id, 'priority', {
      priority: 'P1',
      ...reason('孩子独自在家'),
    });
    await act(sut.baseUrl, township.token, township.id, 'notes', {
      text: `${CANARY}约定返校`,
      reporterVisible: true,
    });
    const education = on(dropout, 'education');
    const resolution = {
      reporterSummary: `${CANARY}已回校`,
      detail: `${CANARY}家访`,
    };
    await act(sut.baseUrl, education.token, education.id, 'sign');
    await act(sut.baseUrl, education.token, education.id, 'resolve', {
      outcome: 'returned_to_school',
      ...resolution,
    });
    await act(sut.baseUrl, coordinator, education.id, 'reopen', reason('仍未上学'));

    const answered = on(consultation, 'township');
    await act(sut.baseUrl, answered.token, answered.id, 'sign');
    await act(sut.baseUrl, answered.token, answered.id, 'resolve', {
      outcome: 'answered',
      ...resolution,
    });
    await act(sut.baseUrl, police.token, police.id, 'resolve', {
      outcome: 'case_accepted',
      ...resolution,
    });

    for (const at of [25, 31, 61, 60 * 24, 60 * 24 * 3, 60 * 24 * 8, 60 * 24 * 20, 60 * 24 * 40]) {
      await county.setClock(minutes(at));
      await county.sweep();
    }

    const messages = await sut.app.get(DataSource).getRepository(InboxMessageEntity).find();
    const kinds = new Set(messages.map((m) => m.kind));
    const orderAndReportKinds = INBOX_KINDS.filter((k) => !['new_visit', 'file_moved'].includes(k));
    expect([...kinds].sort()).toEqual([...orderAndReportKinds].sort());

    const villages = await http<DivisionItem[]>(sut.baseUrl, 'GET', `/divisions?parent=${TOWN}`);
    const villageNames = villages.body
      .filter((v) => VILLAGES.includes(v.code))
      .flatMap((v) => [v.name, v.name.replace(/(村民委员会|村委会|居民委员会|社区)$/, '')]);
    expect(villageNames).toHaveLength(4);
    const forbidden = [
      CANARY,
      ...villageNames,
      ...villageUnits.map((u) => u.name),
      ...SITUATION_CODES.flatMap((code) => [
        code,
        situation(code).legalLabel,
        situation(code).plainLabel,
        SITUATION_SHORT_LABELS[code],
      ]),
      ...Object.values(SITUATION_CATEGORY_SHORT_LABELS),
    ];
    const leaks = messages.flatMap((m) =>
      forbidden
        .filter((word) => m.text.includes(word))
        .map((word) => `${m.kind} ${word}: ${m.text}`),
    );
    expect(leaks).toEqual([]);
    expect(messages.length).toBeGreaterThan(40);
  });
});
