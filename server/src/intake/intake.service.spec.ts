import { HttpStatus } from '@nestjs/common';
import { formatTrackingCode, type ReportChild } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { DropoutEnlistment } from '../children/dropout-enlistment';
import type { RepeatDetector } from '../children/repeat-detector';
import { refusal } from '../../test/setup/refusal';
import { loadConfig } from '../config/load-config';
import { Sealer } from '../crypto/sealer';
import type { DivisionsService } from '../divisions/divisions.service';
import type { IdempotencyService } from '../idempotency/idempotency.service';
import type { InstitutionsRepository } from '../institutions/institutions.repository';
import type { NewOrderOutbox } from '../notifications/new-order-outbox';
import { ClockPlanner } from '../orders/clock-planner';
import { OrderDispatcher } from '../orders/order-dispatcher';
import type { OrderInbox } from '../orders/order-inbox';
import type { OrdersRepository } from '../orders/orders.repository';
import type { ReportEventEntity } from '../reports/report-event.entity';
import type { ReportEntity } from '../reports/report.entity';
import type { ReportsRepository } from '../reports/reports.repository';
import type { SmsOutbox } from '../sms/sms-outbox';
import type { UnitsRepository } from '../units/units.repository';
import type { UploadsService } from '../uploads/uploads.service';
import { AT, anActor } from '../../test/factories/entity.factory';
import { InMemoryOrders } from '../../test/fakes/in-memory-orders';
import { workingDayCalendar } from '../../test/fakes/working-day-calendar';
import type { CreateReportDto } from './dto/create-report.dto';
import { IntakeService } from './intake.service';
import { ReporterPriority } from './reporter-priority';
import { EDUCATION, TOWNSHIP, VILLAGE } from '../../test/factories/county-units';
import type { ChildFileEntity } from '../children/child-file.entity';

const manager = InMemoryOrders.manager;
const calendar = workingDayCalendar as CalendarService;
const KEY = 'idempotency-key-1';

const reporter = anActor(['reporter'], null, 'user-reporter');
const teacher = anActor(['reporter', 'mandated_reporter'], null, 'user-teacher');
const operator = anActor(['reporter', 'hotline_operator'], null, 'user-operator');

function aDropout(overrides: Partial<CreateReportDto> = {}): CreateReportDto {
  return {
    channel: 'public',
    situations: ['dropout'],
    immediateDanger: false,
    description: '孩子已经两周没有来上学了。',
    discoveredAt: '2026-11-17T09:00:00+08:00',
    location: { divisionCode: '341324100001' },
    child: {},
    reporter: { anonymous: true },
    ...overrides,
  } as CreateReportDto;
}

function setUp({ repeat = false } = {}) {
  const sealer = new Sealer(
    loadConfig({ DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
  );
  const reports: ReportEntity[] = [];
  const events: ReportEventEntity[] = [];
  const orders = new InMemoryOrders();
  const audit = { record: jest.fn(async () => undefined) };
  const uploads = { attach: jest.fn(async () => undefined) };
  const dropouts = { fromReport: jest.fn(async () => undefined) };
  const once = jest.fn(
    async <T>(
      _key: string,
      _userId: string,
      _body: unknown,
      status: HttpStatus,
      work: (m: EntityManager) => Promise<T>,
    ) => ({ status, body: await work(manager), replayed: false }),
  );
  const planner = new ClockPlanner(calendar);
  const units = { list: async () => [TOWNSHIP, EDUCATION] } as unknown as UnitsRepository;
  const sut = new IntakeService(
    {
      insert: async (_: EntityManager, report: ReportEntity) => void reports.push(report),
      appendEvent: async (_: EntityManager, event: ReportEventEntity) => void events.push(event),
    } as unknown as ReportsRepository,
    { once } as unknown as IdempotencyService,
    sealer,
    audit as unknown as AuditService,
    {
      exists: async (code: string) => code.startsWith('341324'),
    } as unknown as DivisionsService,
    {
      file: async () => ({ childFileId: 'file-1', repeat }),
      ofFile: async (_: EntityManager, childFileId: string) => ({ childFileId, repeat }),
    } as unknown as RepeatDetector,
    new OrderDispatcher(
      orders as unknown as OrdersRepository,
      units,
      planner,
      calendar,
      { enqueue: async () => undefined } as unknown as NewOrderOutbox,
      { dispatched: async () => undefined } as unknown as SmsOutbox,
      { reached: async () => undefined } as unknown as OrderInbox,
    ),
    new ReporterPriority(sealer, calendar),
    uploads as unknown as UploadsService,
    dropouts as unknown as DropoutEnlistment,
    { onRegister: async () => true } as unknown as InstitutionsRepository,
    { now: () => AT },
  );
  return { sut, sealer, reports, events, orders, audit, uploads, dropouts, once };
}

describe(IntakeService.name, () => {
  describe('refusals, before anything is stored', () => {
    it.each([undefined, 'short', 'has spaces in it'])(
      'answers 400 on Idempotency-Key for the key %p',
      async (key) => {
        const { sut, once } = setUp();

        const refused = await refusal(sut.submit(reporter, key, aDropout()));

        expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
        expect(refused.errors).toHaveProperty(['Idempotency-Key']);
        expect(once).not.toHaveBeenCalled();
      },
    );

    it('answers 400 naming every inconsistent field at once: the clock’s and the divisions’', async () => {
      const { sut, once } = setUp();
      const report = aDropout({
        discoveredAt: '2026-11-18T09:00:00+08:00',
        location: { divisionCode: '110101001001' },
      });

      const refused = await refusal(sut.submit(reporter, KEY, report));

      expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(Object.keys(refused.errors ?? {}).sort()).toEqual([
        'discoveredAt',
        'location.divisionCode',
      ]);
      expect(once).not.toHaveBeenCalled();
    });

    it.each([
      ['a mandatory report from someone not bound to an institution', 'mandatory'],
      ['a hotline call registered by someone not an operator', 'hotline'],
    ] as const)('answers 403 for %s', async (_, channel) => {
      const { sut, once } = setUp();

      expect(await refusal(sut.submit(reporter, KEY, aDropout({ channel })))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(once).not.toHaveBeenCalled();
    });

    it.each([
      ['mandatory', teacher],
      ['hotline', operator],
    ] as const)('accepts a %s report from the matching role', async (channel, actor) => {
      const { sut } = setUp();

      const stored = await sut.submit(actor, KEY, aDropout({ channel }));

      expect(stored.status).toBe(HttpStatus.CREATED);
    });
  });

  it('stores the report sealed, records its first timeline entry and audit row, once per key', async () => {
    const { sut, sealer, reports, events, audit, uploads, once } = setUp();
    const dto = aDropout({
      channel: 'mandatory',
      child: { name: '小明', guardianPhone: '+86 139 1234 5678' },
      reporter: { anonymous: false, name: '王老师', phone: '13800000000' },
      attachments: ['7b0c8f4e-3f5a-4d63-9a57-2a8f1d7c9e01'],
    });

    const stored = await sut.submit(teacher, KEY, dto);

    expect(once).toHaveBeenCalledWith(
      KEY,
      teacher.user.id,
      dto,
      HttpStatus.CREATED,
      expect.any(Function),
    );
    const [report] = reports;
    expect(report).toMatchObject({
      id: stored.body.id,
      reporterUserId: teacher.user.id,
      status: 'submitted',
      priority: 'P3',
      reporterOrgName: teacher.user.orgName,
      reporterAnonymous: false,
    });
    expect(sealer.open<ReportChild>(report.childSealed)).toEqual({
      name: '小明',
      guardianPhone: '13912345678',
    });
    expect(report.reporterSealed && sealer.open(report.reporterSealed)).toEqual({
      name: '王老师',
      phone: '13800000000',
    });
    expect(events).toMatchObject([
      {
        reportId: report.id,
        kind: 'submitted',
        text: `报告已提交，查询码 ${formatTrackingCode(report.trackingCode)}。`,
      },
    ]);
    expect(audit.record).toHaveBeenCalledWith(
      manager,
      teacher,
      expect.objectContaining({ action: 'report.submit', targetId: report.id }),
    );
    expect(uploads.attach).toHaveBeenCalledWith(manager, teacher, dto.attachments, report.id);
  });

  it('dispatches the orders the shared routing names and answers them on the receipt', async () => {
    const { sut, orders } = setUp();

    const { body } = await sut.submit(reporter, KEY, aDropout());

    expect(
      [...orders.orders.values()].map((o) => [o.reportId, o.department, o.role, o.unitId]),
    ).toEqual([
      [body.id, 'township', 'lead', TOWNSHIP.id],
      [body.id, 'education', 'assist', EDUCATION.id],
    ]);
    expect(body.orders.map((o) => [o.department, o.role, o.unitName])).toEqual([
      ['township', 'lead', TOWNSHIP.name],
      ['education', 'assist', EDUCATION.name],
    ]);
    expect(body).toMatchObject({ status: 'submitted', priority: 'P3', advice: { call110: false } });
  });

  it('raises a repeat report’s orders, but tells the reporter the priority and deadlines of their report alone', async () => {
    const { sut, reports, orders } = setUp({ repeat: true });

    const { body } = await sut.submit(reporter, KEY, aDropout());

    expect(reports[0].priority).toBe('P2');
    expect([...orders.orders.values()].map((o) => o.priority)).toEqual(['P2', 'P2']);
    expect(body.priority).toBe('P3');
    const own = {
      signDueAt: (await calendar.clockDeadline('sign', 'P3', AT)).toISOString(),
      resolveDueAt: (await calendar.clockDeadline('resolve', 'P3', AT)).toISOString(),
    };
    expect(
      body.orders.map(({ priority, signDueAt, resolveDueAt }) => ({
        priority,
        signDueAt,
        resolveDueAt,
      })),
    ).toEqual([
      { priority: 'P3', ...own },
      { priority: 'P3', ...own },
    ]);
  });

  it('puts the child of a dropout report on the 控辍保学 list, in the report’s transaction', async () => {
    const { sut, dropouts } = setUp();

    const { body } = await sut.submit(reporter, KEY, aDropout());

    expect(dropouts.fromReport).toHaveBeenCalledWith(
      manager,
      'file-1',
      expect.objectContaining({ id: body.id, divisionCode: '341324100001' }),
      AT,
    );
  });

  it('leaves the dropout list alone for a report of no dropout', async () => {
    const { sut, dropouts } = setUp();

    await sut.submit(reporter, KEY, aDropout({ situations: ['poverty_hardship'] }));

    expect(dropouts.fromReport).not.toHaveBeenCalled();
  });

  describe('fileFromChildFile: a report found on a visit', () => {
    const worker = anActor(['reporter', 'handler'], VILLAGE, 'user-village');
    const finding = {
      situations: ['dropout' as const],
      immediateDanger: false,
      description: '走访时发现孩子已经两周没有上学。',
      address: '关庙村东头第三户',
    };

    function aFile(sealer: Sealer): ChildFileEntity {
      return {
        id: 'file-9',
        divisionCode: '341324100203',
        childSealed: sealer.seal({ name: '王小红', birthDate: '2016-03-01', school: '关庙小学' }),
        childGender: 'female',
        guardianSealed: sealer.seal({ name: '王大山', phone: '13912345678', relation: '父亲' }),
      } as ChildFileEntity;
    }

    it('files it in channel visit, for the file’s place and child, named, for the worker’s unit', async () => {
      const { sut, sealer, reports, audit, once } = setUp();
      const visitedAt = new Date('2026-11-16T08:00:00Z');

      const filed = await sut.fileFromChildFile(manager, worker, aFile(sealer), finding, visitedAt);

      const [report] = reports;
      expect(filed).toEqual({ id: report.id, trackingCode: report.trackingCode });
      expect(report).toMatchObject({
        channel: 'visit',
        reporterUserId: worker.user.id,
        childFileId: 'file-9',
        divisionCode: '341324100203',
        discoveredAt: visitedAt,
        reporterAnonymous: false,
        reporterConfidential: false,
        reporterOrgName: VILLAGE.name,
        reporterOrgType: 'village_committee',
      });
      expect(sealer.open(report.childSealed)).toEqual({
        name: '王小红',
        birthDate: '2016-03-01',
        school: '关庙小学',
        gender: 'female',
        guardianName: '王大山',
        guardianPhone: '13912345678',
      });
      expect(sealer.open(report.locationSealed)).toEqual({ address: finding.address });
      expect(audit.record).toHaveBeenCalledWith(
        manager,
        worker,
        expect.objectContaining({
          action: 'report.submit',
          detail: expect.objectContaining({ channel: 'visit' }),
        }),
      );
      // In the visit's transaction: no Idempotency-Key of its own.
      expect(once).not.toHaveBeenCalled();
    });

    it('routes and dispatches it like any report, raised when the child’s file has a recent report', async () => {
      const { sut, sealer, reports, orders } = setUp({ repeat: true });

      await sut.fileFromChildFile(manager, worker, aFile(sealer), finding, AT);

      expect([...orders.orders.values()].map((o) => [o.department, o.role, o.priority])).toEqual([
        ['township', 'lead', 'P2'],
        ['education', 'assist', 'P2'],
      ]);
      expect(reports[0]).toMatchObject({
        priority: 'P2',
        initialPriority: 'P3',
        repeatReport: true,
      });
    });
  });
});
