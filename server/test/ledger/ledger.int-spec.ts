import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { CLOCKS, CLOCK_LABELS, type StatsOverview } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { Sealer } from '../../src/crypto/sealer';
import { LEDGER_PAGE_SIZE } from '../../src/ledger/ledger.service';
import { OrderClockEntity, OrderEntity } from '../../src/orders/order.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import { aChildFile } from '../factories/child-file.factory';
import { refillClockCounts } from '../factories/stats.factory';
import { aReportEntity, anOrderEntity } from '../factories/entity.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aStaffedCounty, type StaffedCounty } from '../factories/staffed-county.factory';
import {
  HOME_COUNTY,
  HOME_TOWN,
  HOME_TOWN_2,
  HOME_TOWN_2_VILLAGE,
  HOME_VILLAGE,
  OTHER_TOWN,
} from '../factories/world.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';
import { maskTrackingCode } from '../../src/ledger/masking';

const HOUR = 3600_000;
/** Tuesday 3 November 2026, 10:00 in Beijing. */
const T0 = new Date('2026-11-03T02:00:00Z');
const PERIOD = 'from=2026-11-01&to=2026-11-30';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Rows = (string | number | null)[][];

interface Ledger {
  status: number;
  headers: Headers;
  sheets: Record<string, Rows>;
  /** Each sheet's rows as the number formats of their cells ('' where none). */
  formats: Record<string, string[][]>;
  error?: { code?: string; errors?: Record<string, string> };
}

describe('GET /stats/ledger.xlsx (台账)', () => {
  const clock = new TestClock(T0);
  let sut: TestApp;
  let s: StaffedCounty['sessions'];
  const codes: Record<string, string> = {};
  const files: Record<string, string> = {};

  /** The workbook as a caller downloads it, reopened with exceljs: each sheet's rows as values. */
  async function ledger(token: string | undefined, query = PERIOD): Promise<Ledger> {
    const response = await fetch(`${sut.baseUrl}/stats/ledger.xlsx?${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (response.status !== 200) {
      return {
        status: response.status,
        headers: response.headers,
        sheets: {},
        formats: {},
        error: (await response.json()) as Ledger['error'],
      };
    }
    const workbook = new ExcelJS.Workbook();
    // exceljs types `load` with the Buffer of older @types/node.
    await workbook.xlsx.load((await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheets: Record<string, Rows> = {};
    const formats: Record<string, string[][]> = {};
    workbook.eachSheet((sheet) => {
      const rows: Rows = [];
      const rowFormats: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        const values = Array.from(row.values as (string | number | null)[]).slice(1);
        rows.push(values.map((v) => v ?? null));
        rowFormats.push(values.map((_v, i) => row.getCell(i + 1).numFmt ?? ''));
      });
      sheets[sheet.name] = rows;
      formats[sheet.name] = rowFormats;
    });
    return { status: 200, headers: response.headers, sheets, formats };
  }

  beforeAll(async () => {
    sut = await startTestApp({ clock, env: { AUTH_TOKEN_TTL_HOURS: '2160' } });
    ({ sessions: s } = await aStaffedCounty(sut.baseUrl));

    // October: before the period.
    clock.set(new Date('2026-10-20T02:00:00Z'));
    const october = await submitReport(sut.baseUrl, s.reporter.token, {
      discoveredAt: '2026-10-20T01:00:00Z',
      location: { divisionCode: HOME_VILLAGE },
    });
    // Its township order signed, then returned: the clocks the return stops are interrupted.
    const octoberOrder = await orderOf(sut.baseUrl, s.township.token, october.id, 'township');
    await act(sut.baseUrl, s.township.token, octoberOrder.id, 'sign');
    await act(sut.baseUrl, s.township.token, octoberOrder.id, 'return', { reason: '不属于本镇' });
    // A: 关庙村, a confidential teacher's dropout report, found 30 hours before it was filed.
    clock.set(T0);
    const a = await submitReport(sut.baseUrl, s.mandated.token, {
      channel: 'mandatory',
      discoveredAt: new Date(T0.getTime() - 30 * HOUR).toISOString(),
      location: { divisionCode: HOME_VILLAGE },
      child: { name: '王小红', gender: 'female', ageYears: 11, idNumber: '341324201501011232' },
      reporter: { confidential: true, name: '李老师', phone: '13800000001' },
    });
    codes.a = a.trackingCode;
    const order = await orderOf(sut.baseUrl, s.township.token, a.id, 'township');
    clock.advance(HOUR);
    await act(sut.baseUrl, s.township.token, order.id, 'sign');
    clock.advance(HOUR);
    await act(sut.baseUrl, s.township.token, order.id, 'contact', {});
    clock.advance(HOUR);
    await act(sut.baseUrl, s.township.token, order.id, 'resolve', {
      outcome: 'returned_to_school',
      reporterSummary: '孩子已回到学校上课。',
      detail: '与家长面谈。',
    });
    // B: 墩集村, an anonymous report of violence, a day later, from a phone whose clock runs
    // 8 minutes fast: found "after" it was filed, a delay of 0.
    clock.set(new Date(T0.getTime() + 24 * HOUR));
    const b = await submitReport(sut.baseUrl, s.reporter.token, {
      situations: ['violence_abuse'],
      discoveredAt: new Date(T0.getTime() + 24 * HOUR + 8 * 60_000).toISOString(),
      location: { divisionCode: HOME_TOWN_2_VILLAGE },
      child: { name: '张明', gender: 'male', ageYears: 12 },
      reporter: { anonymous: true, confidential: false, name: undefined, phone: undefined },
    });
    codes.b = b.trackingCode;
    // 萧县: another county's.
    await submitReport(sut.baseUrl, s.reporter.token, {
      discoveredAt: new Date(T0.getTime() + 23 * HOUR).toISOString(),
      location: { divisionCode: OTHER_TOWN },
    });
    const survey = await aChildFile(sut.app, {
      divisionCode: HOME_VILLAGE,
      categories: ['left_behind'],
      child: { name: '赵小兰', gender: 'female', birthDate: '2018-05-01' },
    });
    files.survey = survey.id;
    const fileOf = async (reportId: string) =>
      (await sut.app.get(DataSource).getRepository(ReportEntity).findOneByOrFail({ id: reportId }))
        .childFileId!;
    files.october = await fileOf(october.id);
    files.a = await fileOf(a.id);
    files.b = await fileOf(b.id);
    clock.set(new Date('2026-11-10T02:00:00Z'));
  }, 120_000);

  afterAll(() => sut?.close());

  const HEADINGS = [
    '查询码（部分）',
    '提交时间',
    '发现时间',
    '报告延迟（小时）',
    '渠道',
    '情形',
    '紧急程度',
    '乡镇',
    '村',
    '报告单位',
    '儿童',
    '身份证号',
    '报告人',
    '工单',
    '办理结果',
    '评分',
    '重复报告',
    '儿童档案',
  ];
  const ORDERS_A =
    '教育（泗县教育局）待签收：签收 未完成（已超时）；接触 未完成（已超时）；办结 未完成（未到期）\n' +
    '乡镇（泗城镇督导站）已办结：签收 2026-11-03 11:00（按时）；接触 2026-11-03 12:00（按时）；办结 2026-11-03 13:00（按时）';
  const ORDERS_B =
    '民政（泗县联席办）待签收：签收 未完成（已超时）；接触 未完成（已超时）；办结 未完成（已超时）\n' +
    '公安（泗县公安局）待签收：签收 未完成（已超时）；接触 未完成（已超时）；办结 未完成（已超时）\n' +
    '乡镇（墩集镇督导站）待签收：签收 未完成（已超时）；接触 未完成（已超时）；办结 未完成（已超时）';
  /** Report A as a caller sees it, with the columns that depend on who asks. */
  const rowA = (who: { institution: string; child: string; id: string; reporter: string }) => [
    maskTrackingCode(codes.a),
    '2026-11-03 10:00',
    '2026-11-02 04:00',
    30,
    '强制报告',
    '辍学',
    '一般',
    '泗城镇',
    '关庙村委会',
    who.institution,
    who.child,
    who.id,
    who.reporter,
    ORDERS_A,
    '乡镇：已劝返复学',
    null,
    '否',
    files.a,
  ];
  const rowB = () => [
    maskTrackingCode(codes.b),
    '2026-11-04 10:00',
    '2026-11-04 10:08',
    0,
    '举报/求助',
    '被打被虐待',
    '紧急',
    '墩集镇',
    '墩集村委会',
    null,
    '张明',
    null,
    '匿名',
    ORDERS_B,
    null,
    null,
    '否',
    files.b,
  ];

  it('lists the county’s reports of the period to its coordinator, child and confidential reporter shown', async () => {
    const got = await ledger(s.coordinator.token);
    expect(got.headers.get('content-type')).toBe(XLSX);
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('泗县台账_2026-11-01_2026-11-30.xlsx')}`,
    );
    expect(Object.keys(got.sheets)).toEqual(['报告台账', '儿童档案', '半年汇总']);
    expect(got.sheets['报告台账']).toEqual([
      HEADINGS,
      rowA({
        institution: '泗县第一小学',
        child: '王小红',
        id: '341324201501011232',
        reporter: '李老师 13800000001',
      }),
      rowB(),
    ]);
  });

  it('gives a township’s 督导员 their township only; the confidential reporter and the school stay hidden', async () => {
    const got = await ledger(s.township.token);
    expect(got.sheets['报告台账']).toEqual([
      HEADINGS,
      rowA({
        institution: '学校（单位不公开）',
        child: '王小红',
        id: '341324201501011232',
        reporter: '保密',
      }),
    ]);
    const dunji = await ledger(s.township2.token);
    expect(dunji.sheets['报告台账']).toEqual([HEADINGS, rowB()]);
  });

  it('masks the child to a village 儿童主任 whose unit holds no order of the report', async () => {
    const got = await ledger(s.village.token);
    expect(got.sheets['报告台账']).toEqual([
      HEADINGS,
      rowA({
        institution: '学校（单位不公开）',
        child: '王*红',
        id: '341324********1232',
        reporter: '保密',
      }),
    ]);
  });

  it('lists every report of a period longer than two pages once, in order, each with all its orders', async () => {
    const db = sut.app.get(DataSource);
    const child = sut.app.get(Sealer).seal({ name: '分页童' });
    // Forty reports share each submission time, so pages end inside a run of equal times.
    const reports = Array.from({ length: 2 * LEDGER_PAGE_SIZE + 1 }, (_, i) => {
      const at = new Date(Date.parse('2026-09-10T02:00:00Z') + Math.floor(i / 40) * HOUR);
      return aReportEntity({
        id: randomUUID(),
        // The masked code keeps the first four characters: unique here.
        trackingCode: `P${String(i).padStart(3, '0')}ACDEFG`,
        childSealed: child,
        childFileId: null,
        divisionCode: HOME_TOWN_2_VILLAGE,
        discoveredAt: at,
        createdAt: at,
      });
    });
    const orders = reports.flatMap((report) =>
      (['township', 'police', 'education'] as const).map((department) =>
        anOrderEntity({
          id: randomUUID(),
          reportId: report.id,
          department,
          unitId: null,
          divisionCode: report.divisionCode,
          createdAt: report.createdAt,
        }),
      ),
    );
    const clocks = orders.map((order) => ({
      orderId: order.id,
      clock: 'sign' as const,
      startedAt: order.createdAt,
      dueAt: new Date(order.createdAt.getTime() + HOUR),
      stage: 'running' as const,
      stoppedAt: null,
      interrupted: false,
      unitId: order.unitId,
      divisionCode: order.divisionCode,
    }));
    // In the index's order, taken before the inserts: TypeORM's batched insert on SQLite writes
    // back ids read from the database into the objects, out of their order.
    const inOrder = [...reports]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((report) => maskTrackingCode(report.trackingCode));
    for (let i = 0; i < reports.length; i += 20) {
      await db.getRepository(ReportEntity).insert(reports.slice(i, i + 20));
    }
    for (let i = 0; i < orders.length; i += 20) {
      await db.getRepository(OrderEntity).insert(orders.slice(i, i + 20));
      await db.getRepository(OrderClockEntity).insert(clocks.slice(i, i + 20));
    }
    await refillClockCounts(db);

    const rows = (await ledger(s.coordinator.token, 'from=2026-09-01&to=2026-09-30')).sheets[
      '报告台账'
    ].slice(1);

    expect(rows.map((row) => row[0])).toEqual(inOrder);
    // Three orders a report, each with its 签收 clock, long past due.
    const orderLines = (row: Rows[number]) => String(row[13]).split('\n');
    expect(
      rows.filter(
        (row) =>
          orderLines(row).length !== 3 ||
          !orderLines(row).every((line) => line.endsWith('签收 未完成（已超时）')),
      ),
    ).toEqual([]);
  });

  it('lists the files in scope, names masked, and the half-year summary', async () => {
    const got = await ledger(s.township.token);
    expect(got.sheets['儿童档案']).toEqual([
      [
        '儿童',
        '性别',
        '年龄',
        '类别',
        '状态',
        '村',
        '管档单位',
        '最近走访',
        '下次走访应在',
        '控辍保学',
        '儿童档案',
      ],
      [
        '小*',
        '男',
        12,
        null,
        '在册',
        '泗城镇关庙村委会',
        '关庙村（儿童主任）',
        null,
        null,
        '劝返中',
        files.october,
      ],
      [
        '王*红',
        '女',
        11,
        null,
        '在册',
        '泗城镇关庙村委会',
        '关庙村（儿童主任）',
        null,
        null,
        '劝返中',
        files.a,
      ],
      [
        '赵*兰',
        '女',
        8,
        '农村留守儿童',
        '在册',
        '泗城镇关庙村委会',
        null,
        null,
        null,
        null,
        files.survey,
      ],
    ]);
    const summary = got.sheets['半年汇总'];
    expect(summary.slice(0, 14)).toEqual([
      ['项目', '2026年下半年（7–12月）'],
      ['统计区间', '2026-11-01 至 2026-11-30'],
      ['报告总数', 1],
      ['其中：受到侵害或伤害', 0],
      ['其中：无人监护', 0],
      ['其中：生活或就学困难', 1],
      ['工单办结数', 1],
      ['签收按时率', 0.5],
      ['首次核查按时率', 0.5],
      ['反馈报告人按时率', 1],
      ['办结按时率', 1],
      ['走访完成（次）', 0],
      ['走访逾期（次）', 0],
      [],
    ]);
    expect(summary).toContainEqual(['在册儿童：农村留守儿童', 1]);
    expect(summary).toContainEqual(['控辍保学：劝返中', 2]);
  });

  it('shows the summary’s on-time shares as percentages and its counts as plain numbers', async () => {
    const got = await ledger(s.coordinator.token);
    const summary = got.sheets['半年汇总'];
    const percentRows = summary
      .map((cells, i) => ({ label: cells[0], formats: got.formats['半年汇总'][i] }))
      .filter(({ formats }) => formats.includes('0.0%'))
      .map(({ label }) => label);

    expect(percentRows).toEqual(
      CLOCKS.map((clock) => `${CLOCK_LABELS[clock]}按时率`).filter((label) =>
        summary.some((cells) => cells[0] === label && typeof cells[1] === 'number'),
      ),
    );
    expect(percentRows.length).toBeGreaterThan(0);
  });

  it('gives each clock the on-time share GET /stats/overview gives for the same half-year and place', async () => {
    const half = 'from=2026-07-01&to=2026-12-31';
    for (const who of ['coordinator', 'township'] as const) {
      const summary = (await ledger(s[who].token, half)).sheets['半年汇总'];
      const figures = await http<StatsOverview>(sut.baseUrl, 'GET', `/stats/overview?${half}`, {
        token: s[who].token,
      });
      const bars = figures.body.clocks;
      expect([who, bars.some((bar) => bar.interrupted > 0)]).toEqual([who, true]);
      for (const clock of CLOCKS) {
        const ofClock = bars.filter((bar) => bar.clock === clock);
        const onTime = ofClock.reduce((sum, bar) => sum + bar.onTime, 0);
        const total = ofClock.reduce((sum, bar) => sum + bar.total, 0);
        const row = summary.find((cells) => cells[0] === `${CLOCK_LABELS[clock]}按时率`);
        expect([who, row]).toEqual([
          who,
          [`${CLOCK_LABELS[clock]}按时率`, total === 0 ? '—' : onTime / total],
        ]);
      }
    }
  });

  it('narrows to a division within the scope, and refuses one outside it', async () => {
    const village = await ledger(s.coordinator.token, `${PERIOD}&division=${HOME_TOWN_2}`);
    expect(village.sheets['报告台账']).toEqual([HEADINGS, rowB()]);
    const outside = await ledger(s.township.token, `${PERIOD}&division=${HOME_TOWN_2}`);
    expect([outside.status, outside.error?.code]).toEqual([403, 'FORBIDDEN']);
    const unknown = await ledger(s.coordinator.token, `${PERIOD}&division=${HOME_COUNTY}999`);
    expect([unknown.status, unknown.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses other departments, reporters and administrators (403) and no login (401)', async () => {
    for (const who of ['police', 'admin', 'reporter', 'mandated'] as const) {
      const got = await ledger(s[who].token);
      expect([who, got.status, got.error?.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    expect((await ledger(undefined)).status).toBe(401);
  });

  it.each([
    ['to=2026-11-30', 'from'],
    ['from=2026-11-01', 'to'],
    ['from=2026-11-31&to=2026-12-01', 'from'],
    ['from=2026-11-01&to=2026/11/30', 'to'],
    ['from=2026-11-02&to=2026-11-01', 'to'],
    ['from=2026-01-01&to=2027-01-02', 'to'],
    [`${PERIOD}&division=34132`, 'division'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const got = await ledger(s.coordinator.token, query);
    expect(got.status).toBe(400);
    expect(got.error?.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(got.error?.errors ?? {})).toEqual([field]);
  });

  it('records each download in the audit log, naming no child', async () => {
    const before = await sut.app
      .get(DataSource)
      .getRepository(AuditEntryEntity)
      .countBy({ action: 'stats.ledger' });
    await ledger(s.township.token);
    const rows = await sut.app
      .get(DataSource)
      .getRepository(AuditEntryEntity)
      .find({ where: { action: 'stats.ledger' } });
    expect(rows).toHaveLength(before + 1);
    const row = rows.find((r) => r.actorUserId === s.township.user.id)!;
    expect([row.divisionCode, row.targetId]).toEqual([HOME_TOWN, null]);
    expect(JSON.stringify(row)).not.toContain('王小红');
  });
});
