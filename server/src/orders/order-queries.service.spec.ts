import type { AuditService } from '../audit/audit.service';
import type { ChildFilesRepository } from '../children/child-files.repository';
import type { Sealer } from '../crypto/sealer';
import { refusal } from '../../test/setup/refusal';
import type { ReportsRepository } from '../reports/reports.repository';
import type { UnitsRepository } from '../units/units.repository';
import type { UploadsService } from '../uploads/uploads.service';
import { AT, anActor, anOrderEntity, aReportEntity } from '../../test/factories/entity.factory';
import { InMemoryOrders } from '../../test/fakes/in-memory-orders';
import { orderSummariesOver, PLACE_NAME } from '../../test/fakes/order-summaries';
import { ChildFileHolding } from './child-file-holding';
import type { OrderListQueryDto } from './dto/order-actions.dto';
import type { HandoversRepository } from './handovers.repository';
import { orderEvent } from './order-events';
import { OrderQueriesService } from './order-queries.service';
import type { OrderEntity } from './order.entity';
import type { OrdersRepository } from './orders.repository';
import type { ReportDetailsBuilder } from './report-details';
import {
  COORDINATOR,
  EDUCATION,
  NEXT_COUNTY_TOWNSHIP,
  OTHER_TOWNSHIP,
  TOWNSHIP,
} from '../../test/factories/county-units';

const NOW = new Date(AT.getTime() + 3600_000);

const UNITS = [NEXT_COUNTY_TOWNSHIP, TOWNSHIP, EDUCATION, OTHER_TOWNSHIP, COORDINATOR];

const handler = anActor(['reporter', 'handler'], TOWNSHIP, 'user-handler');
const educationHandler = anActor(['reporter', 'handler'], EDUCATION, 'user-education');
const otherHandler = anActor(['reporter', 'handler'], OTHER_TOWNSHIP, 'user-other');
const coordinator = anActor(['reporter', 'coordinator'], COORDINATOR, 'user-coordinator');
const admin = anActor(['reporter', 'admin'], null, 'user-admin');

const report = aReportEntity();
const lead = anOrderEntity();
const assist = anOrderEntity({
  id: 'order-2',
  department: 'education',
  role: 'assist',
  unitId: EDUCATION.id,
});
/** An order no unit covers: the admin queue's. */
const queued = anOrderEntity({
  id: 'order-3',
  department: 'police',
  role: 'assist',
  unitId: null,
  unrouted: true,
});

/** The report's child file, in the township's place. */
const FILE = { id: 'file-1', divisionCode: TOWNSHIP.divisionPrefixes[0] };

function setUp(options: { reportOf?: typeof report; holders?: string[] } = {}) {
  const theReport = options.reportOf ?? report;
  const orders = new InMemoryOrders([lead, assist, queued]);
  orders.eventRows.push(
    orderEvent(lead.id, 'dispatched', '由本部门主办，已派至泗城镇儿童督导站', AT, null),
    orderEvent(lead.id, 'note', '监护人说孩子在外婆家', AT, {
      actor: handler,
      capacity: 'handler',
    }),
    orderEvent(queued.id, 'dispatched', '本区划没有对应单位和联席办，已转系统管理员分派', AT, null),
    orderEvent(queued.id, 'note', '孩子的姓名是……', AT, {
      actor: coordinator,
      capacity: 'coordinator',
    }),
    orderEvent(queued.id, 'priority_changed', '优先级由P2调整为P1', AT, {
      actor: admin,
      capacity: 'admin',
    }),
  );
  const page = jest.fn(async (): Promise<[OrderEntity[], number]> => [[lead, assist], 7]);
  // The units holding an unresolved order about the file: the lead's and the assist's.
  const childFilesHeldBy = jest.fn(async (unitId: string, fileIds: string[] = []) =>
    (options.holders ?? [TOWNSHIP.id, EDUCATION.id]).includes(unitId)
      ? fileIds.filter((id) => id === FILE.id)
      : [],
  );
  const details = {
    build: jest.fn(async () => ({ view: 'full' })),
    routing: jest.fn(async () => ({ view: 'routing' })),
  };
  const uploads = {
    content: jest.fn(async (_: string, uploadId: string) => ({
      upload: { id: uploadId, mime: 'image/jpeg' },
      bytes: Buffer.from('photo'),
    })),
  };
  const audit = { recordRead: jest.fn(async () => undefined) };
  const handovers = {
    ofReports: jest.fn(async () => [
      {
        id: 'handover-1',
        orderId: assist.id,
        reportId: report.id,
        unitId: EDUCATION.id,
        handedOverAt: AT,
        detailsSealed: 'sealed:handover-1',
        recordedBy: 'user-civil',
        recordedAt: NOW,
      },
    ]),
  };
  const sealer = {
    open: jest.fn(() => ({
      handedOverBy: '李某（奶奶）',
      receivedBy: '王某',
      placedAt: '县救助站',
    })),
  };
  const sut = new OrderQueriesService(
    Object.assign(orders, { page }) as unknown as OrdersRepository,
    {
      findById: async (_: unknown, id: string) => (id === theReport.id ? theReport : null),
    } as unknown as ReportsRepository,
    { list: async () => UNITS } as unknown as UnitsRepository,
    orderSummariesOver(orders, [report], UNITS),
    details as unknown as ReportDetailsBuilder,
    uploads as unknown as UploadsService,
    audit as unknown as AuditService,
    { findById: async (id: string) => (id === FILE.id ? FILE : null) } as ChildFilesRepository,
    new ChildFileHolding(
      Object.assign(orders, { childFilesHeldBy }) as unknown as OrdersRepository,
    ),
    handovers as unknown as HandoversRepository,
    sealer as unknown as Sealer,
    { now: () => NOW },
  );
  return { sut, page, details, uploads, audit, handovers, sealer };
}

const aQuery = (overrides: Partial<OrderListQueryDto>): OrderListQueryDto =>
  ({ page: 1, pageSize: 20, ...overrides }) as OrderListQueryDto;

describe(OrderQueriesService.name, () => {
  describe('list', () => {
    it('asks for the caller’s scope, the queue’s filter and the page, and summarizes the rows', async () => {
      const { sut, page } = setUp();

      const listed = await sut.list(
        coordinator,
        aQuery({ queue: 'low_rating', overdue: 'true', page: 3, pageSize: 10 }),
      );

      expect(page).toHaveBeenCalledWith(
        { unitIds: [COORDINATOR.id], divisionPrefixes: COORDINATOR.divisionPrefixes },
        {
          status: undefined,
          overdueBefore: NOW,
          unrouted: undefined,
          escalated: false,
          extensionPending: false,
          lowRating: true,
          unitId: undefined,
        },
        20,
        10,
      );
      expect(listed.total).toBe(7);
      expect(listed.items.map((o) => [o.id, o.unitName, o.placeName, o.situations])).toEqual([
        [lead.id, TOWNSHIP.name, PLACE_NAME, report.situations],
        [assist.id, EDUCATION.name, PLACE_NAME, report.situations],
      ]);
    });
  });

  describe('movableUnits', () => {
    it('offers only the other units of the order’s department in the report’s county', async () => {
      const { sut } = setUp();

      expect(await sut.movableUnits(handler, lead.id)).toEqual([
        { id: OTHER_TOWNSHIP.id, name: OTHER_TOWNSHIP.name, department: 'township' },
      ]);
    });

    it('answers 404 for an order outside the caller’s scope', async () => {
      const { sut } = setUp();

      expect(await refusal(sut.movableUnits(otherHandler, lead.id))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
    });
  });

  describe('detail', () => {
    it('shows a handler the full report as their department may see it, and audits the read', async () => {
      const { sut, details, audit } = setUp();

      const detail = await sut.detail(handler, lead.id);

      expect(details.build).toHaveBeenCalledWith(report, {
        capacity: 'handler',
        department: 'township',
      });
      expect(detail.report).toEqual({ view: 'full' });
      expect(detail.order).toMatchObject({ id: lead.id, unitName: TOWNSHIP.name });
      expect(detail.timeline.map((e) => e.kind)).toEqual(['dispatched', 'note']);
      expect(detail.otherOrders).toEqual([
        { department: 'education', role: 'assist', status: 'dispatched', unitName: EDUCATION.name },
        { department: 'police', role: 'assist', status: 'dispatched', unitName: null },
      ]);
      expect(audit.recordRead).toHaveBeenCalledWith(handler, {
        action: 'report.read_details',
        targetType: 'report',
        targetId: report.id,
        divisionCode: report.divisionCode,
        detail: { orderId: lead.id, capacity: 'handler' },
      });
    });

    it('shows a handler every written handover of the report, opened, with the unit that recorded it', async () => {
      const { sut, handovers } = setUp();

      const detail = await sut.detail(handler, lead.id);

      expect(handovers.ofReports).toHaveBeenCalledWith([report.id]);
      expect(detail.handovers).toEqual([
        {
          id: 'handover-1',
          orderId: assist.id,
          at: AT.toISOString(),
          handedOverBy: '李某（奶奶）',
          receivedBy: '王某',
          placedAt: '县救助站',
          unitName: EDUCATION.name,
          recordedAt: NOW.toISOString(),
        },
      ]);
    });

    it('shows an administrator only the routing facts and the system’s and admins’ own entries', async () => {
      const { sut, details, sealer } = setUp();

      const detail = await sut.detail(admin, queued.id);

      expect(detail.handovers).toEqual([]);
      expect(sealer.open).not.toHaveBeenCalled();
      expect(details.build).not.toHaveBeenCalled();
      expect(detail.report).toEqual({ view: 'routing' });
      expect(detail.timeline.map((e) => [e.kind, e.actorRole])).toEqual([
        ['dispatched', null],
        ['priority_changed', 'admin'],
      ]);
    });

    it('answers 404 outside the caller’s scope without reading or auditing the report', async () => {
      const { sut, details, audit } = setUp();

      expect(await refusal(sut.detail(otherHandler, lead.id))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
      expect(await refusal(sut.detail(admin, lead.id))).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(details.build).not.toHaveBeenCalled();
      expect(audit.recordRead).not.toHaveBeenCalled();
    });
  });

  describe('the link to the child’s file', () => {
    it.each([
      ['the township handler, who keeps the file', handler, lead.id],
      ['the coordinator of the county', coordinator, lead.id],
      ['the handler of education while it holds its order', educationHandler, assist.id],
    ])('links %s to it', async (_who, actor, orderId) => {
      const { sut } = setUp();

      expect((await sut.detail(actor, orderId)).childFile).toEqual({ id: FILE.id });
    });

    it('gives an administrator no link: admins see no child', async () => {
      const { sut } = setUp();

      expect((await sut.detail(admin, queued.id)).childFile).toBeNull();
    });

    it('gives no link to a handler whose unit no longer holds an unresolved order about the child', async () => {
      const { sut } = setUp({ holders: [TOWNSHIP.id] });

      expect((await sut.detail(educationHandler, assist.id)).childFile).toBeNull();
    });

    it('gives no link when the report has no file', async () => {
      const { sut } = setUp({ reportOf: aReportEntity({ childFileId: null }) });

      expect((await sut.detail(handler, lead.id)).childFile).toBeNull();
    });
  });

  describe('attachment', () => {
    it('gives a handler the file and audits the view', async () => {
      const { sut, uploads, audit } = setUp();

      const file = await sut.attachment(handler, lead.id, 'upload-1');

      expect(file).toEqual({ mime: 'image/jpeg', bytes: Buffer.from('photo') });
      expect(uploads.content).toHaveBeenCalledWith(report.id, 'upload-1');
      expect(audit.recordRead).toHaveBeenCalledWith(handler, {
        action: 'report.read_attachment',
        targetType: 'upload',
        targetId: 'upload-1',
        divisionCode: lead.divisionCode,
        detail: { orderId: lead.id, reportId: report.id },
      });
    });

    it('never shows one to an administrator, whose queue it is', async () => {
      const { sut, uploads } = setUp();

      expect(await refusal(sut.attachment(admin, queued.id, 'upload-1'))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
      expect(uploads.content).not.toHaveBeenCalled();
    });
  });
});
