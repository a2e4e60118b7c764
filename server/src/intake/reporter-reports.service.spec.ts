import { formatTrackingCode, RATING_WINDOW_DAYS } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';
import { refusal } from '../../test/setup/refusal';
import { loadConfig } from '../config/load-config';
import { Sealer } from '../crypto/sealer';
import type { TransactionRunner } from '../database/transaction-runner';
import type { OrdersRepository } from '../orders/orders.repository';
import type { ReportEventEntity } from '../reports/report-event.entity';
import type { ReportEntity } from '../reports/report.entity';
import type { ReportsRepository } from '../reports/reports.repository';
import { AT, anActor, anOrderEntity, aReportEntity } from '../../test/factories/entity.factory';
import { InMemoryOrders } from '../../test/fakes/in-memory-orders';
import { workingDayCalendar } from '../../test/fakes/working-day-calendar';
import { ReporterPriority } from './reporter-priority';
import { ReporterReportsService } from './reporter-reports.service';
import { ReporterViews } from './reporter-views';

const DAY = 24 * 3600_000;
const NOW = new Date(AT.getTime() + 10 * DAY);
const manager = InMemoryOrders.manager;

const owner = anActor(['reporter'], null, 'user-reporter');
const stranger = anActor(['reporter'], null, 'user-stranger');

const closed = (overrides: Partial<ReportEntity> = {}) =>
  aReportEntity({ status: 'closed', closedAt: new Date(NOW.getTime() - DAY), ...overrides });

function setUp(report: ReportEntity) {
  const stored = new Map([[report.id, { ...report }]]);
  const events: ReportEventEntity[] = [];
  const reports = {
    findOwnedBy: async (id: string, userId: string) => {
      const found = stored.get(id);
      return found && found.reporterUserId === userId ? { ...found } : null;
    },
    findByTrackingCode: jest.fn(
      async (code: string) => [...stored.values()].find((r) => r.trackingCode === code) ?? null,
    ),
    reporterTimeline: async (reportId: string) =>
      events.filter((e) => e.reportId === reportId && e.reporterVisible),
    update: async (_: EntityManager, id: string, changes: Partial<ReportEntity>) => {
      stored.set(id, { ...(stored.get(id) as ReportEntity), ...changes });
    },
    appendEvent: async (_: EntityManager, event: ReportEventEntity) => void events.push(event),
  };
  const orders = new InMemoryOrders([
    anOrderEntity({
      status: 'resolved',
      outcome: 'returned_to_school',
      reporterSummary: '已复学。',
    }),
  ]);
  const sealer = new Sealer(
    loadConfig({ DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
  );
  const audit = {
    record: jest.fn(async () => undefined),
    recordRead: jest.fn(async () => undefined),
  };
  const sut = new ReporterReportsService(
    reports as unknown as ReportsRepository,
    new ReporterViews(
      reports as unknown as ReportsRepository,
      orders as unknown as OrdersRepository,
      new ReporterPriority(sealer, workingDayCalendar as CalendarService),
    ),
    audit as unknown as AuditService,
    {
      run: <T>(work: (m: EntityManager) => Promise<T>) => work(manager),
    } as unknown as TransactionRunner,
    { now: () => NOW },
  );
  return { sut, stored: () => stored.get(report.id), events, audit, reports };
}

describe(ReporterReportsService.name, () => {
  describe('rate', () => {
    it.each([
      [
        'a hotline report, whose caller the call-back asks',
        closed({ channel: 'hotline' }),
        'HOTLINE_USE_CALLBACK',
      ],
      ['a report not closed yet', aReportEntity({ status: 'in_progress' }), 'REPORT_NOT_CLOSED'],
      ['a report rated before', closed({ ratingScore: 4, ratedAt: NOW }), 'ALREADY_RATED'],
      [
        `a report closed more than ${RATING_WINDOW_DAYS} days ago`,
        closed({ closedAt: new Date(NOW.getTime() - RATING_WINDOW_DAYS * DAY - 1) }),
        'RATING_WINDOW_CLOSED',
      ],
    ])('answers 409 for %s', async (_, report, code) => {
      const { sut, stored, events } = setUp(report);

      expect(await refusal(sut.rate(owner, report.id, { score: 5 }))).toEqual({
        status: 409,
        code,
      });
      expect(stored()).toEqual(report);
      expect(events).toEqual([]);
    });

    it('answers 404 for someone else’s report', async () => {
      const report = closed();
      const { sut } = setUp(report);

      expect(await refusal(sut.rate(stranger, report.id, { score: 5 }))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
    });

    it('keeps one rating on the last day of the window, with the trimmed comment, and shows it', async () => {
      const report = closed({ closedAt: new Date(NOW.getTime() - RATING_WINDOW_DAYS * DAY) });
      const { sut, stored, events, audit } = setUp(report);

      const view = await sut.rate(owner, report.id, { score: 4, comment: '  处理得很及时  ' });

      expect(stored()).toMatchObject({
        ratingScore: 4,
        ratingComment: '处理得很及时',
        ratedAt: NOW,
      });
      expect(events).toMatchObject([{ kind: 'rated', text: '您评价了 4 分：处理得很及时' }]);
      expect(audit.record).toHaveBeenCalledWith(
        manager,
        owner,
        expect.objectContaining({ action: 'report.rate', detail: { score: 4 } }),
      );
      expect(view.rating).toEqual({ score: 4, comment: '处理得很及时' });
      expect(view.outcome).toEqual({
        code: 'returned_to_school',
        label: '已劝返复学',
        summary: '已复学。',
      });
    });
  });

  describe('view and track', () => {
    it('shows the owner what they wrote and audits the read; the tracking code shows progress only', async () => {
      const report = aReportEntity();
      const { sut, audit } = setUp(report);

      const own = await sut.view(owner, report.id);
      const tracked = await sut.track(formatTrackingCode(report.trackingCode).toLowerCase());

      expect(own.reported).toEqual({
        description: report.description,
        situations: report.situations,
      });
      expect(audit.recordRead).toHaveBeenCalledWith(
        owner,
        expect.objectContaining({ action: 'report.read', targetId: report.id }),
      );
      expect(tracked).toEqual({ ...own, reported: undefined });
      expect(tracked).not.toHaveProperty('reported');
    });

    it('answers 404 for a malformed tracking code without looking it up, and for someone else’s report', async () => {
      const report = aReportEntity();
      const { sut, reports } = setUp(report);

      expect(await refusal(sut.track('not a code'))).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(reports.findByTrackingCode).not.toHaveBeenCalled();
      expect(await refusal(sut.view(stranger, report.id))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
    });
  });
});
