import {
  CLOCKS,
  CLOCK_RESULTS,
  STATS_CLOCKS,
  type ClockFigure,
  type OrderSummary,
  type Page,
  type StatsOverview,
  type Unit,
} from '@shouhu/shared';
import { And, DataSource, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import {
  clockFigures,
  clockFiguresOf,
  clockTallyOf,
  hasClockResult,
  type ClockRow,
  type ClockTally,
} from '../../src/stats/figures';
import { splitByKeptMonths } from '../../src/stats/kept-months';
import { StatsRepository, type StatsWindow } from '../../src/stats/stats.repository';
import type { InstitutionEntity } from '../../src/institutions/institution.entity';
import { OrderClockEntity, OrderEntity, RetiredClockEntity } from '../../src/orders/order.entity';
import type { ReportEntity } from '../../src/reports/report.entity';
import { aChildFile } from '../factories/child-file.factory';
import {
  aRetiredClock,
  aStatsReport,
  aStatsVisitDue,
  anInstitution,
  anOrderEvent,
  anOrderWithClocks,
  bj,
  type ClockSpec,
} from '../factories/stats.factory';
import { aStaffedCounty, type StaffedCounty } from '../factories/staffed-county.factory';
import {
  HOME_COUNTY,
  HOME_TOWN,
  HOME_TOWN_2,
  HOME_TOWN_2_VILLAGE,
  HOME_VILLAGE,
  HOME_VILLAGE_2,
  OTHER_COUNTY,
  OTHER_TOWN,
  type World,
} from '../factories/world.factory';
import { http } from '../setup/http';
import { testDriver } from '../setup/test-database';
import { startTestApp, type TestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

type ErrorBody = { code?: string; errors?: Record<string, string> };

const QUARTER = 'from=2026-10-01&to=2026-12-31';
const MINUTES_PER_DAY = 1440;

describe('the accountability figures: GET /stats/overview and GET /stats/clock-orders', () => {
  const clock = new TestClock(bj('2027-01-10T12:00'));
  let sut: TestApp;
  let db: DataSource;
  let world: World;
  let police: Unit;
  let s: StaffedCounty['sessions'];
  const r: Record<string, ReportEntity> = {};
  const o: Record<string, OrderEntity> = {};
  const i: Record<string, InstitutionEntity> = {};

  const overview = (token: string | undefined, query = QUARTER) =>
    http<StatsOverview & ErrorBody>(sut.baseUrl, 'GET', `/stats/overview?${query}`, { token });
  const clockOrders = (token: string | undefined, query: string) =>
    http<Page<OrderSummary> & ErrorBody>(
      sut.baseUrl,
      'GET',
      `/stats/clock-orders?${QUARTER}&${query}`,
      { token },
    );

  /**
   * The order clocks and retired clocks due in the window, read whole and placed by their orders'
   * own unit and division (not the copies the clocks carry): what the database's grouping and
   * paging are checked against.
   */
  async function storedClockRows(window: StatsWindow): Promise<ClockRow[]> {
    const due = { dueAt: And(MoreThanOrEqual(window.start), LessThan(window.end)) };
    const [clocks, retired] = await Promise.all([
      db.getRepository(OrderClockEntity).findBy(due),
      db.getRepository(RetiredClockEntity).findBy(due),
    ]);
    const orders = new Map(
      (await db.getRepository(OrderEntity).findBy({ id: In(clocks.map((c) => c.orderId)) })).map(
        (order) => [order.id, order],
      ),
    );
    const within = (code: string) => window.prefixes.some((prefix) => code.startsWith(prefix));
    const row = (c: OrderClockEntity | RetiredClockEntity, unitId: string | null): ClockRow => ({
      subjectId: c.orderId,
      unitId,
      clock: c.clock,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      stoppedAt: c.stoppedAt,
      interrupted: Boolean(c.interrupted),
      overdue: c.stage === 'overdue' || c.stage === 'red',
      escalated: c.stage === 'red',
    });
    return [
      ...clocks.flatMap((c) => {
        const order = orders.get(c.orderId)!;
        return within(order.divisionCode) ? [row(c, order.unitId)] : [];
      }),
      ...retired.filter((c) => within(c.divisionCode)).map((c) => row(c, c.unitId)),
    ];
  }

  beforeAll(async () => {
    sut = await startTestApp({ clock, env: { AUTH_TOKEN_TTL_HOURS: '2160' } });
    db = sut.app.get(DataSource);
    ({
      world,
      units: { police },
      sessions: s,
    } = await aStaffedCounty(sut.baseUrl));

    // The register: a school of 泗城镇, two village committees, a clinic of 墩集镇; one of 萧县.
    i.school = await anInstitution(db, {
      name: '泗城镇中心小学',
      type: 'school',
      divisionCode: HOME_TOWN,
    });
    i.guanmiao = await anInstitution(db, {
      name: '关庙村村民委员会',
      type: 'village_committee',
      divisionCode: HOME_VILLAGE,
    });
    i.clinic = await anInstitution(db, {
      name: '墩集镇卫生院',
      type: 'medical',
      divisionCode: HOME_TOWN_2,
    });
    // Registered after the quarter's reports from its village were filed: not blamed for them.
    await anInstitution(db, {
      name: '关庙村幼儿园',
      type: 'kindergarten',
      divisionCode: HOME_VILLAGE,
      createdAt: new Date('2026-12-30T00:00:00+08:00'),
    });
    // A village with no report: not silent.
    i.quiet = await anInstitution(db, {
      name: '泗城镇东关社区居委会',
      type: 'residents_committee',
      divisionCode: `${HOME_TOWN}201`,
    });
    i.other = await anInstitution(db, {
      name: '龙城镇小学',
      type: 'school',
      divisionCode: OTHER_TOWN,
    });

    // Reports of the quarter.
    r.r1 = await aStatsReport(db, {
      createdAt: bj('2026-10-05T10:00'),
      discoveredAt: bj('2026-10-05T08:00'),
      divisionCode: HOME_VILLAGE,
      channel: 'mandatory',
      priority: 'P1',
      situations: ['violence_abuse', 'private_part_injury'],
      institutionId: i.school.id,
      reporterOrgType: 'school',
      // Signed: anyone who reads the figures may see the school filed it.
      reporterAnonymous: false,
      ratingScore: 5,
      ratedAt: bj('2026-11-01T09:00'),
    });
    r.r2 = await aStatsReport(db, {
      createdAt: bj('2026-10-20T09:00'),
      discoveredAt: bj('2026-10-18T09:00'),
      divisionCode: HOME_VILLAGE,
      channel: 'mandatory',
      priority: 'P2',
      situations: ['dropout'],
      repeatReport: true,
      institutionId: i.school.id,
      reporterOrgType: 'school',
      // Confidential: only the coordinator may see the school filed it.
      reporterAnonymous: false,
      reporterConfidential: true,
      ratingScore: 1,
      ratedAt: bj('2026-11-02T09:00'),
    });
    r.r3 = await aStatsReport(db, {
      createdAt: bj('2026-11-03T15:00'),
      discoveredAt: bj('2026-11-03T09:00'),
      divisionCode: HOME_TOWN_2_VILLAGE,
      channel: 'mandatory',
      priority: 'P2',
      situations: ['living_alone'],
      reporterOrgType: 'medical',
      ratingScore: 2,
      ratedAt: bj('2026-11-05T09:00'),
    });
    r.r4 = await aStatsReport(db, {
      createdAt: bj('2026-11-15T08:00'),
      discoveredAt: bj('2026-11-14T08:00'),
      divisionCode: HOME_VILLAGE,
      channel: 'public',
      priority: 'P3',
      situations: ['dropout', 'living_alone'],
      repeatReport: true,
      // Rated after the quarter: not counted.
      ratingScore: 4,
      ratedAt: bj('2027-01-02T09:00'),
    });
    r.r5 = await aStatsReport(db, {
      createdAt: bj('2026-12-31T23:30'),
      discoveredAt: bj('2026-12-31T20:00'),
      divisionCode: HOME_VILLAGE_2,
      channel: 'hotline',
      priority: 'P1',
      situations: ['violence_abuse'],
    });
    // Outside the quarter or the county.
    await aStatsReport(db, { createdAt: bj('2026-09-30T23:59'), divisionCode: HOME_VILLAGE });
    await aStatsReport(db, { createdAt: bj('2027-01-01T00:00'), divisionCode: HOME_VILLAGE });
    await aStatsReport(db, {
      createdAt: bj('2026-11-10T10:00'),
      divisionCode: `${OTHER_TOWN}200`,
      channel: 'mandatory',
      institutionId: i.other.id,
      reporterOrgType: 'school',
    });

    // Clocks: the township's, the police's after a move, one retired by the move.
    const township = world.units.homeTownship.id;
    o.kept = await anOrderWithClocks(db, r.r1, township, [
      {
        clock: 'sign',
        startedAt: bj('2026-10-05T10:00'),
        dueAt: bj('2026-10-05T12:00'),
        stoppedAt: bj('2026-10-05T10:30'),
      },
      {
        clock: 'resolve',
        startedAt: bj('2026-10-05T10:00'),
        dueAt: bj('2026-10-20T10:00'),
        stoppedAt: bj('2026-10-19T10:00'),
      },
    ]);
    o.late = await anOrderWithClocks(db, r.r2, township, [
      {
        clock: 'sign',
        startedAt: bj('2026-10-20T09:00'),
        dueAt: bj('2026-10-20T11:00'),
        stoppedAt: bj('2026-10-20T14:00'),
        stage: 'overdue',
      },
    ]);
    await anOrderEvent(db, o.late.id, 'reopened', bj('2026-11-03T10:00'));
    o.red = await anOrderWithClocks(db, r.r4, township, [
      {
        clock: 'sign',
        startedAt: bj('2026-11-15T08:00'),
        dueAt: bj('2026-11-15T10:00'),
        stage: 'red',
      },
    ]);
    o.returned = await anOrderWithClocks(db, r.r5, township, [
      {
        clock: 'sign',
        startedAt: bj('2026-11-03T15:00'),
        dueAt: bj('2026-11-03T17:00'),
        stoppedAt: bj('2026-11-03T16:00'),
        interrupted: true,
      },
    ]);
    o.moved = await anOrderWithClocks(db, r.r1, police.id, [
      {
        clock: 'sign',
        startedAt: bj('2026-12-01T09:00'),
        dueAt: bj('2026-12-01T11:00'),
        stoppedAt: bj('2026-12-01T09:10'),
      },
    ]);
    await aRetiredClock(db, o.moved, township, {
      clock: 'sign',
      startedAt: bj('2026-12-01T08:00'),
      dueAt: bj('2026-12-01T10:00'),
      stoppedAt: bj('2026-12-01T09:00'),
    });
    // Due outside the quarter.
    await anOrderWithClocks(db, r.r5, township, [
      { clock: 'sign', startedAt: bj('2027-01-01T08:00'), dueAt: bj('2027-01-01T10:00') },
    ]);
    await anOrderWithClocks(db, r.r1, township, [
      { clock: 'sign', startedAt: bj('2026-09-30T08:00'), dueAt: bj('2026-09-30T23:59') },
    ]);

    // Children on file now, and the visits of the village's 儿童主任.
    const file = await aChildFile(sut.app, {
      child: { name: '张小一', ageYears: 10 },
      divisionCode: HOME_VILLAGE,
      unitId: world.units.homeVillage.id,
      categories: ['left_behind', 'low_income'],
    });
    await aChildFile(sut.app, {
      child: { name: '张小二', ageYears: 10 },
      divisionCode: HOME_TOWN_2_VILLAGE,
      unitId: world.units.homeTown2Village.id,
      categories: ['left_behind'],
      dropout: { state: 'persuading', since: bj('2026-12-11T12:00') },
    });
    await aChildFile(sut.app, {
      child: { name: '张小三', ageYears: 10 },
      divisionCode: HOME_VILLAGE,
      categories: ['orphan'],
      status: 'closed',
    });
    await aChildFile(sut.app, {
      child: { name: '张小四', ageYears: 10 },
      divisionCode: `${OTHER_TOWN}200`,
      categories: ['orphan'],
    });
    const village = world.units.homeVillage.id;
    await aStatsVisitDue(db, file, village, {
      startedAt: bj('2026-10-01T00:00'),
      dueAt: bj('2026-10-31T00:00'),
      doneAt: bj('2026-10-20T00:00'),
    });
    await aStatsVisitDue(db, file, village, {
      startedAt: bj('2026-10-01T00:00'),
      dueAt: bj('2026-11-30T00:00'),
      doneAt: bj('2026-12-05T00:00'),
      escalationLevel: 1,
    });
    await aStatsVisitDue(db, file, village, {
      startedAt: bj('2026-11-01T00:00'),
      dueAt: bj('2026-12-15T00:00'),
      cancelledAt: bj('2026-12-01T00:00'),
    });
    await aStatsVisitDue(db, file, village, {
      startedAt: bj('2026-11-01T00:00'),
      dueAt: bj('2026-12-20T00:00'),
      escalationLevel: 2,
    });
  }, 180_000);

  afterAll(() => sut.close());

  const TOWNSHIP_SIGN: Omit<ClockFigure, 'unitId' | 'unitName'> = {
    clock: 'sign',
    total: 3,
    onTime: 1,
    late: 2,
    onTimeShare: 1 / 3,
    medianMinutes: 165,
    p90Minutes: 300,
    overdue: 2,
    escalated: 1,
    interrupted: 2,
  };

  it('counts every figure of the quarter for the county’s coordinator', async () => {
    const answer = await overview(s.coordinator.token);

    expect(answer.status).toBe(200);
    const places = answer.body.reports.byTownship.map((t) => t.placeName);
    expect(answer.body).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
      divisionCode: HOME_COUNTY,
      placeName: answer.body.placeName,
      by: 'month',
      reports: {
        total: 5,
        repeatShare: 0.4,
        trend: [
          { period: '2026-10', count: 2 },
          { period: '2026-11', count: 2 },
          { period: '2026-12', count: 1 },
        ],
        bySituation: expect.arrayContaining([
          { situation: 'violence_abuse', count: 2 },
          { situation: 'private_part_injury', count: 1 },
          { situation: 'dropout', count: 2 },
          { situation: 'living_alone', count: 2 },
          { situation: 'carer_neglect', count: 0 },
        ]),
        byChannel: [
          { channel: 'mandatory', count: 3 },
          { channel: 'public', count: 1 },
          { channel: 'hotline', count: 1 },
          { channel: 'visit', count: 0 },
        ],
        byPriority: [
          { priority: 'P1', count: 2 },
          { priority: 'P2', count: 2 },
          { priority: 'P3', count: 1 },
        ],
        byTownship: [
          { divisionCode: HOME_TOWN, placeName: places[0], count: 4 },
          { divisionCode: HOME_TOWN_2, placeName: places[1], count: 1 },
        ],
        byVillage: [],
      },
      children: {
        byCategory: expect.arrayContaining([
          { category: 'left_behind', count: 2 },
          { category: 'low_income', count: 1 },
          { category: 'orphan', count: 0 },
        ]),
        byStatus: [
          { status: 'active', count: 2 },
          { status: 'closed', count: 1 },
        ],
        dropouts: [
          { state: 'persuading', count: 1, medianDays: 30, longestDays: 30 },
          { state: 'returned', count: 0, medianDays: null, longestDays: null },
          { state: 'consolidated', count: 0, medianDays: null, longestDays: null },
          { state: 'struck_off', count: 0, medianDays: null, longestDays: null },
          { state: 'whereabouts_unknown', count: 0, medianDays: null, longestDays: null },
        ],
      },
      clocks: [
        {
          unitId: world.units.homeVillage.id,
          unitName: world.units.homeVillage.name,
          clock: 'visit',
          total: 3,
          onTime: 1,
          late: 2,
          onTimeShare: 1 / 3,
          medianMinutes: ((19 + 65) / 2) * MINUTES_PER_DAY,
          p90Minutes: 65 * MINUTES_PER_DAY,
          overdue: 2,
          escalated: 1,
          interrupted: 1,
        },
        {
          unitId: world.units.homeTownship.id,
          unitName: world.units.homeTownship.name,
          ...TOWNSHIP_SIGN,
        },
        {
          unitId: world.units.homeTownship.id,
          unitName: world.units.homeTownship.name,
          clock: 'resolve',
          total: 1,
          onTime: 1,
          late: 0,
          onTimeShare: 1,
          medianMinutes: 14 * MINUTES_PER_DAY,
          p90Minutes: 14 * MINUTES_PER_DAY,
          overdue: 0,
          escalated: 0,
          interrupted: 0,
        },
        {
          unitId: police.id,
          unitName: police.name,
          clock: 'sign',
          total: 1,
          onTime: 1,
          late: 0,
          onTimeShare: 1,
          medianMinutes: 10,
          p90Minutes: 10,
          overdue: 0,
          escalated: 0,
          interrupted: 0,
        },
      ],
      reportingDelay: {
        all: { reports: 3, medianHours: 6, over24hShare: 1 / 3 },
        byType: [
          { type: 'medical', reports: 1, medianHours: 6, over24hShare: 0 },
          { type: 'school', reports: 2, medianHours: 25, over24hShare: 0.5 },
        ],
        byInstitution: [
          {
            institutionId: i.school.id,
            name: '泗城镇中心小学',
            type: 'school',
            reports: 2,
            medianHours: 25,
            over24hShare: 0.5,
          },
        ],
        silent: [
          {
            institutionId: i.guanmiao.id,
            name: '关庙村村民委员会',
            type: 'village_committee',
            divisionCode: HOME_VILLAGE,
            placeName: expect.stringContaining('关庙村'),
            reportsFromCatchment: 3,
          },
          {
            institutionId: i.clinic.id,
            name: '墩集镇卫生院',
            type: 'medical',
            divisionCode: HOME_TOWN_2,
            placeName: expect.stringContaining('墩集镇'),
            reportsFromCatchment: 1,
          },
        ],
      },
      satisfaction: { rated: 3, meanScore: 2.67, lowShare: 2 / 3, reviewed: 1 },
    });
    expect(answer.body.reports.bySituation.reduce((n, x) => n + x.count, 0)).toBe(7);
    expect(answer.body.children.byCategory.reduce((n, x) => n + x.count, 0)).toBe(3);
    expect(places).toEqual([expect.stringContaining('泗城镇'), expect.stringContaining('墩集镇')]);
    expect(answer.body.placeName).toContain('泗县');
  });

  it('counts the quarter’s clocks in the database as it tallies them read one by one (the 台账’s summary, the figures’ groups)', async () => {
    const repository = sut.app.get(StatsRepository);
    const window = {
      prefixes: [HOME_COUNTY],
      start: bj('2026-10-01T00:00'),
      end: bj('2027-01-01T00:00'),
    };
    const unitName = (unitId: string | null) => unitId ?? '';
    const tallies: ClockTally[] = [];
    // Mid-quarter, some clocks are not due yet; after it, every one is.
    for (const now of [bj('2026-11-20T00:00'), clock.now()]) {
      const [counts, groups, orderClocks] = await Promise.all([
        repository.clockEndCounts(window, now),
        repository.clockGroups(window, now),
        storedClockRows(window),
      ]);
      expect(
        clockFiguresOf(
          groups.filter((group) => group.clock !== 'visit'),
          unitName,
        ),
      ).toEqual(clockFigures(orderClocks, now, unitName));
      for (const kind of STATS_CLOCKS) {
        const counted = clockTallyOf(counts.filter((group) => group.clock === kind));
        expect([kind, counted]).toEqual([
          kind,
          clockTallyOf(groups.filter((group) => group.clock === kind)),
        ]);
        tallies.push(counted);
      }
    }

    const sum = (key: 'onTime' | 'late' | 'interrupted') =>
      tallies.reduce((total, tally) => total + tally[key], 0);
    expect([sum('onTime'), sum('late'), sum('interrupted')]).toEqual([8, 7, 6]);
  });

  it('counts from the kept months, less what they leave out, as from the clocks read one by one, whatever the period and now', async () => {
    // April–June 2025, months no other test reads: clocks due on the days the periods below
    // leave out of a kept month (1 April, 31 May, the end of June after "now") and inside them,
    // on time, late, running, interrupted, and one retired.
    const report = await aStatsReport(db, {
      createdAt: bj('2025-03-31T09:00'),
      discoveredAt: bj('2025-03-31T08:00'),
      divisionCode: HOME_VILLAGE,
    });
    const hours = (at: Date, n: number) => new Date(at.getTime() + n * 3_600_000);
    const dues = [
      '2025-04-01T06:00',
      '2025-04-19T12:00',
      '2025-04-30T20:00',
      '2025-05-15T09:00',
      '2025-05-31T23:00',
      '2025-06-01T01:00',
      '2025-06-28T08:00',
      '2025-06-29T12:00',
      '2025-06-30T18:00',
    ];
    for (const [n, due] of dues.entries()) {
      const dueAt = bj(due);
      const startedAt = hours(dueAt, -30);
      const ends: ClockSpec[] = [
        { clock: 'sign', startedAt, dueAt, stoppedAt: hours(startedAt, 2) },
        { clock: 'contact', startedAt, dueAt, stoppedAt: hours(dueAt, 5), stage: 'overdue' },
        { clock: 'resolve', startedAt, dueAt, stage: n % 2 ? 'red' : 'running' },
        { clock: 'feedback', startedAt, dueAt, stoppedAt: hours(startedAt, 1), interrupted: true },
      ];
      const order = await anOrderWithClocks(db, report, police.id, ends);
      await aRetiredClock(db, order, world.units.homeTownship.id, {
        clock: 'sign',
        startedAt,
        dueAt,
        stoppedAt: hours(startedAt, 3),
      });
    }

    const repository = sut.app.get(StatsRepository);
    const unitName = (unitId: string | null) => unitId ?? '';
    const starts = ['2025-04-01', '2025-04-02', '2025-04-20', '2025-05-28'];
    const ends = ['2025-04-25', '2025-05-01', '2025-05-31', '2025-07-01'];
    const nows = ['2025-04-03T08:00', '2025-05-20T00:00', '2025-06-29T10:00', '2025-07-10T12:00'];
    let keptReads = 0;
    let takenOff = 0;
    for (const from of starts) {
      for (const to of ends) {
        if (from >= to) continue;
        for (const at of nows) {
          const now = bj(at);
          const window = {
            prefixes: [HOME_COUNTY],
            start: bj(`${from}T00:00`),
            end: bj(`${to}T00:00`),
          };
          const split = splitByKeptMonths(window, now);
          if (split.months) keptReads++;
          for (const range of split.excluded) {
            takenOff += (await storedClockRows({ ...window, ...range })).length;
          }
          const [groups, orderClocks] = await Promise.all([
            repository.clockGroups(window, now),
            storedClockRows(window),
          ]);
          expect({
            from,
            to,
            at,
            figures: clockFiguresOf(
              groups.filter((group) => group.clock !== 'visit'),
              unitName,
            ),
          }).toEqual({ from, to, at, figures: clockFigures(orderClocks, now, unitName) });
        }
      }
    }
    // Both roads walked, many times: months read kept, and clocks taken off them.
    expect(keptReads).toBeGreaterThanOrEqual(10);
    expect(takenOff).toBeGreaterThanOrEqual(20);
  });

  it('takes a clock’s whole minutes in the database as Math.round does, ties and an even count in the median', async () => {
    // March, a month no other test reads: six sign clocks of 0, 1, 1, 2, 2 and 3 minutes
    // once rounded (half a minute rounds up), each stopped by its due time.
    const report = await aStatsReport(db, {
      createdAt: bj('2026-03-09T09:00'),
      discoveredAt: bj('2026-03-09T08:00'),
      divisionCode: HOME_VILLAGE,
      channel: 'mandatory',
      priority: 'P2',
      situations: ['violence_abuse'],
    });
    const startedAt = bj('2026-03-09T09:00');
    for (const ms of [29_999, 30_000, 89_999, 90_000, 90_000, 150_000]) {
      await anOrderWithClocks(db, report, police.id, [
        {
          clock: 'sign',
          startedAt,
          dueAt: new Date(startedAt.getTime() + 60 * 60_000),
          stoppedAt: new Date(startedAt.getTime() + ms),
        },
      ]);
    }
    const answer = await overview(s.coordinator.token, 'from=2026-03-01&to=2026-03-31');
    expect(answer.status).toBe(200);
    expect(answer.body.clocks).toEqual([
      expect.objectContaining({
        unitId: police.id,
        clock: 'sign',
        total: 6,
        onTime: 6,
        medianMinutes: 1.5,
        p90Minutes: 3,
      }),
    ]);
  });

  it('counts minutes at the step the board shows them in, alike from the kept months and from the clocks', async () => {
    // February, a month no other test reads: five 办结 clocks of 59, 63, 64, 2,877 and 3,000
    // minutes, counted as 59, 66, 66, 2,880 and 3,024 (分钟, tenths of an hour, tenths of a day).
    const report = await aStatsReport(db, {
      createdAt: bj('2026-02-10T09:00'),
      discoveredAt: bj('2026-02-10T08:00'),
      divisionCode: HOME_VILLAGE,
      channel: 'mandatory',
      priority: 'P2',
      situations: ['violence_abuse'],
    });
    const startedAt = bj('2026-02-10T09:00');
    for (const minutes of [59, 63, 64, 2877, 3000]) {
      await anOrderWithClocks(db, report, police.id, [
        {
          clock: 'resolve',
          startedAt,
          dueAt: new Date(startedAt.getTime() + 5 * 1440 * 60_000),
          stoppedAt: new Date(startedAt.getTime() + minutes * 60_000),
        },
      ]);
    }
    // The whole month has ended (kept counts); the days inside it are read from the clocks.
    for (const period of ['from=2026-02-01&to=2026-02-28', 'from=2026-02-02&to=2026-02-27']) {
      const answer = await overview(s.coordinator.token, period);
      expect(answer.status).toBe(200);
      expect({ period, clocks: answer.body.clocks }).toEqual({
        period,
        clocks: [
          expect.objectContaining({
            unitId: police.id,
            clock: 'resolve',
            total: 5,
            onTime: 5,
            medianMinutes: 66,
            p90Minutes: 3024,
          }),
        ],
      });
    }
  });

  it('steps the trend by day or ISO week when asked, every step present', async () => {
    const days = await overview(s.coordinator.token, 'from=2026-10-04&to=2026-10-06&by=day');
    expect(days.body.reports.trend).toEqual([
      { period: '2026-10-04', count: 0 },
      { period: '2026-10-05', count: 1 },
      { period: '2026-10-06', count: 0 },
    ]);
    const weeks = await overview(s.coordinator.token, 'from=2026-10-19&to=2026-11-04&by=week');
    expect(weeks.body.reports.trend).toEqual([
      { period: '2026-W43', count: 1 },
      { period: '2026-W44', count: 0 },
      { period: '2026-W45', count: 1 },
    ]);
  });

  it('counts a report on its Beijing day, one filed just after Beijing midnight too (the UTC day before)', async () => {
    // January, a month no other test reads.
    for (const createdAt of [bj('2026-01-15T00:30'), bj('2026-01-15T23:30')]) {
      await aStatsReport(db, {
        createdAt,
        discoveredAt: createdAt,
        divisionCode: HOME_VILLAGE,
      });
    }

    const days = await overview(s.coordinator.token, 'from=2026-01-14&to=2026-01-16&by=day');

    expect(days.body.reports.trend).toEqual([
      { period: '2026-01-14', count: 0 },
      { period: '2026-01-15', count: 2 },
      { period: '2026-01-16', count: 0 },
    ]);
  });

  it('does not call an institution of the township silent for a report it filed about a child elsewhere', async () => {
    // In the quiet village, where the quarter has no report: the other tests do not see it.
    const village = `${HOME_TOWN}201`;
    const crossing = await anInstitution(db, {
      name: '东关社区跨镇小学',
      type: 'school',
      divisionCode: village,
      createdAt: bj('2026-07-01T00:00'),
    });
    await aStatsReport(db, {
      createdAt: bj('2026-08-10T10:00'),
      discoveredAt: bj('2026-08-10T09:00'),
      divisionCode: HOME_TOWN_2_VILLAGE,
      channel: 'mandatory',
      institutionId: crossing.id,
      reporterOrgType: 'school',
    });
    await aStatsReport(db, {
      createdAt: bj('2026-08-11T10:00'),
      discoveredAt: bj('2026-08-11T09:00'),
      divisionCode: village,
    });

    const township = await overview(s.township.token, 'from=2026-08-01&to=2026-08-31');

    expect(township.status).toBe(200);
    expect(township.body.reports.total).toBe(1);
    expect(township.body.reportingDelay.silent).toEqual([]);
  });

  it('does not blame a retired institution for reports of its catchment filed after it was retired', async () => {
    const closed = await anInstitution(db, {
      name: '墩集镇某村小学（六月撤并）',
      type: 'school',
      divisionCode: HOME_TOWN_2_VILLAGE,
      createdAt: bj('2026-05-01T00:00'),
      retiredAt: bj('2026-06-15T00:00'),
    });
    const closedBefore = await anInstitution(db, {
      name: '墩集镇某村幼儿园（五月关闭）',
      type: 'kindergarten',
      divisionCode: HOME_TOWN_2_VILLAGE,
      createdAt: bj('2026-05-01T00:00'),
      retiredAt: bj('2026-05-31T00:00'),
    });
    for (const at of ['2026-06-10T10:00', '2026-06-20T10:00', '2026-06-25T10:00']) {
      await aStatsReport(db, { createdAt: bj(at), divisionCode: HOME_TOWN_2_VILLAGE });
    }

    const june = await overview(s.coordinator.token, 'from=2026-06-01&to=2026-06-30');

    expect(june.status).toBe(200);
    expect(
      june.body.reportingDelay.silent.filter((x) =>
        [closed.id, closedBefore.id].includes(x.institutionId),
      ),
    ).toEqual([
      {
        institutionId: closed.id,
        name: closed.name,
        type: 'school',
        divisionCode: HOME_TOWN_2_VILLAGE,
        placeName: expect.stringContaining('墩集镇'),
        reportsFromCatchment: 1,
      },
    ]);
  });

  it('counts a discovery a fast phone clock put after the filing as a delay of 0, never below', async () => {
    // Intake takes a discovery up to the allowed clock skew after its receipt.
    await aStatsReport(db, {
      createdAt: bj('2026-06-10T10:00'),
      discoveredAt: bj('2026-06-10T10:08'),
      divisionCode: HOME_TOWN_2_VILLAGE,
      channel: 'mandatory',
      institutionId: i.clinic.id,
      reporterOrgType: 'medical',
      reporterAnonymous: false,
    });

    const june = await overview(s.coordinator.token, 'from=2026-06-01&to=2026-06-30');

    const zero = { reports: 1, medianHours: 0, over24hShare: 0 };
    expect(june.body.reportingDelay).toMatchObject({
      all: zero,
      byType: [{ type: 'medical', ...zero }],
      byInstitution: [{ institutionId: i.clinic.id, ...zero }],
    });
  });

  it('breaks a township’s reports down by village, one placed only in the township under it', async () => {
    // In July, where no other test looks.
    const july = 'from=2026-07-01&to=2026-07-31';
    for (const [day, divisionCode] of [
      ['03', HOME_VILLAGE],
      ['04', HOME_VILLAGE],
      ['05', HOME_VILLAGE_2],
      ['06', HOME_TOWN],
      ['07', HOME_TOWN_2_VILLAGE],
    ]) {
      await aStatsReport(db, { createdAt: bj(`2026-07-${day}T10:00`), divisionCode });
    }
    const villages = [
      { divisionCode: HOME_TOWN, placeName: '泗城镇', count: 1 },
      { divisionCode: HOME_VILLAGE, placeName: '关庙村委会', count: 2 },
      { divisionCode: HOME_VILLAGE_2, placeName: '胡陈村委会', count: 1 },
    ];

    const township = await overview(s.township.token, july);
    const chosen = await overview(s.coordinator.token, `${july}&division=${HOME_TOWN}`);
    const county = await overview(s.coordinator.token, july);
    const village = await overview(s.village.token, july);

    expect(township.body.reports.byVillage).toEqual(villages);
    expect(chosen.body.reports.byVillage).toEqual(villages);
    expect(county.body.reports.byVillage).toEqual([]);
    expect(county.body.reports.byTownship.map((t) => [t.divisionCode, t.count])).toEqual([
      [HOME_TOWN, 4],
      [HOME_TOWN_2, 1],
    ]);
    expect(village.body.reports.byVillage).toEqual([]);
  });

  it('counts only the township for its 儿童督导员, and the village for its 儿童主任', async () => {
    const township = await overview(s.township.token);
    expect(township.status).toBe(200);
    expect(township.body.divisionCode).toBe(HOME_TOWN);
    expect(township.body.reports.total).toBe(4);
    expect(township.body.reports.byTownship.map((t) => [t.divisionCode, t.count])).toEqual([
      [HOME_TOWN, 4],
    ]);
    expect(township.body.reportingDelay.silent.map((x) => x.institutionId)).toEqual([
      i.guanmiao.id,
    ]);
    // The confidential report names the school to the coordinator only; the township sees the
    // signed one. Its delay still counts in the whole and by type.
    expect(township.body.reportingDelay.byInstitution).toEqual([
      expect.objectContaining({ institutionId: i.school.id, reports: 1, medianHours: 2 }),
    ]);
    expect(township.body.reportingDelay.all.reports).toBe(2);
    expect(township.body.children.byStatus).toEqual([
      { status: 'active', count: 1 },
      { status: 'closed', count: 1 },
    ]);
    expect(township.body.satisfaction).toEqual({
      rated: 2,
      meanScore: 3,
      lowShare: 0.5,
      reviewed: 1,
    });

    const village = await overview(s.village.token);
    expect(village.body.divisionCode).toBe(HOME_VILLAGE);
    expect(village.body.reports.total).toBe(3);
    // The returned order lies in 胡陈村: the village sees the retired clock as the only interruption.
    expect(
      village.body.clocks.find(
        (c) => c.unitName === world.units.homeTownship.name && c.clock === 'sign',
      ),
    ).toEqual({
      unitId: world.units.homeTownship.id,
      unitName: world.units.homeTownship.name,
      ...TOWNSHIP_SIGN,
      interrupted: 1,
    });

    const township2 = await overview(s.township2.token);
    expect(township2.body.reports.total).toBe(1);
    expect(township2.body.clocks).toEqual([]);
  });

  it('narrows to a division within the scope and refuses one outside it', async () => {
    const narrowed = await overview(s.coordinator.token, `${QUARTER}&division=${HOME_TOWN_2}`);
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.reports.total).toBe(1);
    expect(narrowed.body.reportingDelay.silent.map((x) => x.institutionId)).toEqual([i.clinic.id]);

    for (const [token, division] of [
      [s.township.token, HOME_TOWN_2],
      [s.township.token, HOME_COUNTY],
      [s.village.token, HOME_VILLAGE_2],
      [s.otherCoordinator.token, HOME_COUNTY],
      [s.coordinator.token, OTHER_COUNTY],
    ]) {
      const refused = await overview(token, `${QUARTER}&division=${division}`);
      expect([division, refused.status, refused.body.code]).toEqual([division, 403, 'FORBIDDEN']);
    }
    // Within the county by its digits, but no division: 400, never a sheet of zeros.
    const unknown = await overview(s.coordinator.token, `${QUARTER}&division=${HOME_COUNTY}999`);
    expect([unknown.status, unknown.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(unknown.body.errors?.division).toBe('没有这个区划代码，请从区划列表中选择');
  });

  // On these few reports MariaDB may read any index; at a county's 380 k reports it reads the
  // period's index for the county and the place's for a township (the bench), and then each count
  // must find all it reads there, or read a row all over the table per report (2–3 s cold).
  (testDriver() === 'mysql' ? it : it.skip)(
    'counts the period’s reports from an index alone, by period for the county and by place for a township',
    async () => {
      const query = jest.spyOn(MysqlQueryRunner.prototype, 'query');
      try {
        for (const [token, scopeIndex] of [
          [s.coordinator.token, 'IDX_reports_figures'],
          [s.township.token, 'IDX_reports_place_figures'],
        ]) {
          query.mockClear();
          expect((await overview(token)).status).toBe(200);
          const statements = query.mock.calls.filter(([sql]) => /FROM `reports` `r`/.test(sql));
          expect(statements.length).toBeGreaterThanOrEqual(6);
          for (const [sql, parameters] of statements) {
            const index = sql.includes('`rated_at`')
              ? 'IDX_reports_rated'
              : sql.includes('`institution_id` IN')
                ? 'IDX_reports_institution_created'
                : scopeIndex;
            const forced = sql.replace(
              'FROM `reports` `r`',
              `FROM \`reports\` \`r\` FORCE INDEX (${index})`,
            );
            const plan = await db.query<{ table: string; key: string | null; Extra: string }[]>(
              `EXPLAIN ${forced}`,
              parameters,
            );
            expect({ sql, reports: plan.filter((row) => row.table === 'r') }).toEqual({
              sql,
              reports: [
                expect.objectContaining({
                  key: index,
                  Extra: expect.stringMatching(/Using index(;|$)/),
                }),
              ],
            });
          }
        }
      } finally {
        query.mockRestore();
      }
    },
  );

  it('refuses other departments, reporters and administrators', async () => {
    for (const token of [s.police.token, s.reporter.token, s.admin.token]) {
      expect((await overview(token)).status).toBe(403);
    }
    expect((await overview(undefined)).status).toBe(401);
  });

  it.each([
    ['to=2026-12-31', 'from'],
    ['from=2026-10-01', 'to'],
    ['from=2026-02-30&to=2026-12-31', 'from'],
    ['from=2026-10-01&to=2026-9-30', 'to'],
    ['from=2026-10-02&to=2026-10-01', 'to'],
    ['from=2025-01-01&to=2026-01-02', 'to'],
    [`${QUARTER}&by=year`, 'by'],
    [`${QUARTER}&division=3413`, 'division'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const answer = await overview(s.coordinator.token, query);

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(answer.body.errors ?? {})).toEqual([field]);
  });

  describe('the orders behind a bar (GET /stats/clock-orders)', () => {
    const bar = (result: string) =>
      `unitId=${world.units.homeTownship.id}&clock=sign&result=${result}`;

    it.each([
      ['on_time', ['kept']],
      ['late', ['late', 'red']],
      ['overdue', ['late', 'red']],
      ['escalated', ['red']],
      ['interrupted', ['returned', 'moved']],
    ])('lists the %s ones, oldest due first', async (result, names) => {
      const answer = await clockOrders(s.coordinator.token, bar(result));

      expect(answer.status).toBe(200);
      expect(answer.body.total).toBe(names.length);
      expect(answer.body.items.map((x) => x.id)).toEqual(names.map((n) => o[n].id));
    });

    it('pages in the database the orders the stored clocks give, for every unit, clock and result, at two moments', async () => {
      // April, a month no other test reads: every way a clock ends, an order behind a bar twice
      // (a retired clock and its successor), a due-time tie, another unit and another county.
      const township = world.units.homeTownship.id;
      const april = (day: string) => bj(`2026-04-${day}`);
      const report = await aStatsReport(db, {
        createdAt: april('01T09:00'),
        discoveredAt: april('01T08:00'),
        divisionCode: HOME_VILLAGE,
      });
      const sign = (due: string, more: Partial<ClockSpec> = {}): ClockSpec => ({
        clock: 'sign',
        startedAt: april('01T09:00'),
        dueAt: april(due),
        ...more,
      });
      const interruptedLate = await anOrderWithClocks(db, report, township, [
        sign('02T09:00', { stoppedAt: april('03T09:00'), interrupted: true, stage: 'overdue' }),
      ]);
      // The 签收 clock a reopen restarted, ended by the deed: the order is behind the on-time bar too.
      await aRetiredClock(db, interruptedLate, township, {
        ...sign('01T12:00'),
        stoppedAt: april('01T11:00'),
        interrupted: false,
      });
      // Behind the late bar twice, its retired clock due after its current one, and a third
      // order's retired clock due first of all: the page must count each order once, where first met.
      const lateTwice = await anOrderWithClocks(db, report, township, [
        sign('07T09:00', { stoppedAt: april('08T09:00') }),
      ]);
      await aRetiredClock(db, lateTwice, township, {
        ...sign('09T09:00'),
        stoppedAt: april('10T09:00'),
        interrupted: false,
      });
      const retiredFirst = await anOrderWithClocks(db, report, township, [
        sign('11T09:00', { stoppedAt: april('12T09:00') }),
      ]);
      await aRetiredClock(db, retiredFirst, township, {
        ...sign('01T10:00'),
        stoppedAt: april('01T11:00'),
        interrupted: false,
      });
      for (const c of [
        sign('02T09:00', { stoppedAt: april('02T08:00'), interrupted: true }),
        sign('05T09:00', { interrupted: true }),
        sign('05T09:00', { stoppedAt: april('04T09:00') }),
        sign('05T09:00', { stoppedAt: april('06T09:00'), stage: 'red' }),
        sign('20T09:00', { stage: 'overdue' }),
        sign('25T09:00'),
      ]) {
        await anOrderWithClocks(db, report, township, [c]);
      }
      await anOrderWithClocks(db, report, police.id, [sign('05T09:00')]);
      const elsewhere = await aStatsReport(db, {
        createdAt: april('01T09:00'),
        discoveredAt: april('01T08:00'),
        divisionCode: `${OTHER_TOWN}201`,
      });
      await anOrderWithClocks(db, elsewhere, township, [sign('05T09:00')]);

      const repository = sut.app.get(StatsRepository);
      const windows: [StatsWindow, Date[]][] = [
        [
          { prefixes: [HOME_COUNTY], start: bj('2026-10-01T00:00'), end: bj('2027-01-01T00:00') },
          [bj('2026-11-20T00:00'), clock.now()],
        ],
        [
          { prefixes: [HOME_TOWN], start: april('01T00:00'), end: bj('2026-05-01T00:00') },
          [april('10T00:00'), april('22T00:00')],
        ],
      ];
      const bars: string[] = [];
      for (const [window, moments] of windows) {
        for (const now of moments) {
          const rows = await storedClockRows(window);
          const units = [...new Set(rows.map((row) => row.unitId!))];
          for (const unitId of units) {
            for (const kind of CLOCKS) {
              for (const result of CLOCK_RESULTS) {
                const ids = [
                  ...new Set(
                    rows
                      .filter((row) => row.unitId === unitId && row.clock === kind)
                      .filter((row) => hasClockResult(row, result, now))
                      .sort(
                        (a, b) =>
                          a.dueAt.getTime() - b.dueAt.getTime() ||
                          a.subjectId.localeCompare(b.subjectId),
                      )
                      .map((row) => row.subjectId),
                  ),
                ];
                const bar = { unitId, clock: kind, result };
                const whole = await repository.clockOrderPage(window, bar, now, 0, 1000);
                const seen = [now.toISOString(), unitId, kind, result];
                expect([...seen, whole]).toEqual([...seen, { ids, total: ids.length }]);
                for (const size of [1, 2, 3]) {
                  const pages = [];
                  for (let offset = 0; offset < ids.length + size; offset += size) {
                    const page = await repository.clockOrderPage(window, bar, now, offset, size);
                    pages.push(...page.ids);
                  }
                  expect([...seen, size, pages]).toEqual([...seen, size, ids]);
                }
                if (ids.length > 0) bars.push(result);
              }
            }
          }
        }
      }
      expect(new Set(bars)).toEqual(new Set(CLOCK_RESULTS));
    });

    // On these few clocks MariaDB may read another index; at a county's million orders it reads
    // these (the bench), and then a page must find all it reads there, in its order, so that it
    // stops at the page instead of sorting the whole bar.
    (testDriver() === 'mysql' ? it : it.skip)(
      'reads a page from the unit-and-kind indexes alone, in their order',
      async () => {
        const query = jest.spyOn(MysqlQueryRunner.prototype, 'query');
        try {
          expect((await clockOrders(s.coordinator.token, bar('late'))).status).toBe(200);
          const statements = query.mock.calls.filter(([sql]) => /`retired_clocks`/.test(sql));
          expect(statements.length).toBe(3);
          const forced = (sql: string) =>
            sql
              .replace(
                /`order_clocks` `c`/g,
                '`order_clocks` `c` FORCE INDEX (IDX_order_clocks_unit_due)',
              )
              .replace(
                /`retired_clocks` `c`/g,
                '`retired_clocks` `c` FORCE INDEX (IDX_retired_clocks_unit_due)',
              );
          for (const [sql, parameters] of statements) {
            const plan = await db.query<{ table: string; key: string | null; Extra: string }[]>(
              `EXPLAIN ${forced(sql)}`,
              parameters,
            );
            const clocks = plan
              .filter((row) => row.table === 'c')
              .map((row) => ({
                key: row.key,
                alone: /Using index(;|$)/.test(row.Extra),
                inOrder: !row.Extra.includes('filesort'),
              }));
            const read = (key: string) => ({ key, alone: true, inOrder: true });
            expect({ sql, clocks }).toEqual({
              sql,
              clocks: [
                ...(sql.includes('`order_clocks`') ? [read('IDX_order_clocks_unit_due')] : []),
                read('IDX_retired_clocks_unit_due'),
              ],
            });
          }
        } finally {
          query.mockRestore();
        }
      },
    );

    it('pages', async () => {
      const answer = await clockOrders(s.coordinator.token, `${bar('late')}&page=2&pageSize=1`);

      expect(answer.body).toMatchObject({ total: 2 });
      expect(answer.body.items.map((x) => x.id)).toEqual([o.red.id]);
    });

    it('lets a worker drill into their own unit only', async () => {
      expect((await clockOrders(s.township.token, bar('late'))).body.total).toBe(2);
      const refused = await clockOrders(s.village.token, bar('late'));
      expect(refused.status).toBe(403);
      expect((await clockOrders(s.police.token, bar('late'))).status).toBe(403);
    });

    it.each([
      ['clock=sign&result=late', 'unitId'],
      ['unitId=x&clock=sign&result=late', 'unitId'],
      ['unitId=00000000-0000-4000-8000-000000000000&clock=visit&result=late', 'clock'],
      ['unitId=00000000-0000-4000-8000-000000000000&clock=sign&result=kept', 'result'],
      [
        'unitId=00000000-0000-4000-8000-000000000000&clock=sign&result=late&pageSize=51',
        'pageSize',
      ],
      ['unitId=00000000-0000-4000-8000-000000000000&clock=sign&result=late&page=0', 'page'],
    ])('answers 400 for %s', async (query, field) => {
      const answer = await clockOrders(s.coordinator.token, query);

      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.errors ?? {})).toEqual([field]);
    });
  });
});
