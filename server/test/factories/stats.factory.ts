import { randomUUID } from 'node:crypto';
import type { ClockName, ClockStage, OrgType } from '@shouhu/shared';
import type { DataSource } from 'typeorm';
import { VisitDueEntity } from '../../src/children/visit.entity';
import { InstitutionEntity } from '../../src/institutions/institution.entity';
import { fillClockCountsSql } from '../../src/orders/clock-counts-sql';
import {
  OrderClockEntity,
  OrderEntity,
  OrderEventEntity,
  RetiredClockEntity,
} from '../../src/orders/order.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import { aReportEntity, anOrderEntity } from './entity.factory';

/**
 * Rows written straight to the database for the accountability figures: a known quarter whose
 * every time is chosen, which no sequence of API calls on a moving clock could give as exactly.
 * The write paths that keep these rows (a return, a move) are tested through the API apart; the
 * clocks' kept counts are filled again after each clock written here, as the migration and the
 * bench fill them (`fillClockCountsSql`).
 */

/**
 * `clock_counts` filled afresh from the clocks there are: for any test that writes clocks
 * straight to the database rather than through `OrdersRepository`.
 */
export async function refillClockCounts(db: DataSource): Promise<void> {
  await db.query('DELETE FROM clock_counts');
  await db.query(fillClockCountsSql(db.options.type === 'better-sqlite3' ? 'sqlite' : 'mariadb'));
}

/** A Beijing wall-clock time `YYYY-MM-DDTHH:mm`. */
export const bj = (local: string): Date => new Date(`${local}:00+08:00`);

export async function aStatsReport(
  db: DataSource,
  overrides: Partial<ReportEntity>,
): Promise<ReportEntity> {
  const report = aReportEntity({
    id: randomUUID(),
    trackingCode: randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase(),
    reporterUserId: randomUUID(),
    childFileId: null,
    ...overrides,
  });
  await db.getRepository(ReportEntity).insert(report);
  return report;
}

export async function anInstitution(
  db: DataSource,
  overrides: {
    name: string;
    type: OrgType;
    divisionCode: string;
    createdAt?: Date;
    retiredAt?: Date | null;
  },
): Promise<InstitutionEntity> {
  const at = new Date('2026-09-01T00:00:00Z');
  const institution: InstitutionEntity = {
    id: randomUUID(),
    countyCode: overrides.divisionCode.slice(0, 6),
    contactName: null,
    contactPhone: null,
    retiredAt: null,
    createdAt: at,
    updatedAt: overrides.createdAt ?? at,
    ...overrides,
  };
  await db.getRepository(InstitutionEntity).insert(institution);
  return institution;
}

export interface ClockSpec {
  clock: ClockName;
  startedAt: Date;
  dueAt: Date;
  stoppedAt?: Date;
  stage?: ClockStage;
  interrupted?: boolean;
}

/** An order of `report` held by `unitId`, with these clocks. */
export async function anOrderWithClocks(
  db: DataSource,
  report: Pick<ReportEntity, 'id' | 'divisionCode'>,
  unitId: string,
  clocks: ClockSpec[],
): Promise<OrderEntity> {
  const order = anOrderEntity({
    id: randomUUID(),
    reportId: report.id,
    unitId,
    divisionCode: report.divisionCode,
    dispatchedAt: clocks[0]?.startedAt,
    createdAt: clocks[0]?.startedAt,
  });
  await db.getRepository(OrderEntity).insert(order);
  for (const c of clocks) {
    await db.getRepository(OrderClockEntity).insert({
      orderId: order.id,
      clock: c.clock,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      stage: c.stage ?? 'running',
      stoppedAt: c.stoppedAt ?? null,
      interrupted: c.interrupted ?? false,
      unitId: order.unitId,
      divisionCode: order.divisionCode,
    });
  }
  await refillClockCounts(db);
  return order;
}

/** A clock `unitId` held on `order` before the order moved on. */
export async function aRetiredClock(
  db: DataSource,
  order: Pick<OrderEntity, 'id' | 'divisionCode'>,
  unitId: string,
  c: ClockSpec & { stoppedAt: Date },
): Promise<void> {
  await db.getRepository(RetiredClockEntity).insert({
    id: randomUUID(),
    orderId: order.id,
    clock: c.clock,
    unitId,
    divisionCode: order.divisionCode,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    stage: c.stage ?? 'running',
    stoppedAt: c.stoppedAt,
    interrupted: c.interrupted ?? true,
  });
  await refillClockCounts(db);
}

export async function anOrderEvent(
  db: DataSource,
  orderId: string,
  kind: string,
  at: Date,
): Promise<void> {
  await db.getRepository(OrderEventEntity).insert({
    id: randomUUID(),
    orderId,
    kind,
    actorUserId: null,
    actorRole: null,
    text: kind,
    reporterVisible: false,
    detail: null,
    at,
  });
}

/** A visit due of a file kept by `unitId`. */
export async function aStatsVisitDue(
  db: DataSource,
  file: { id: string; divisionCode: string },
  unitId: string,
  v: { startedAt: Date; dueAt: Date; doneAt?: Date; cancelledAt?: Date; escalationLevel?: number },
): Promise<void> {
  await db.getRepository(VisitDueEntity).insert({
    id: randomUUID(),
    childFileId: file.id,
    unitId,
    divisionCode: file.divisionCode,
    reason: 'quarterly',
    dedupKey: randomUUID(),
    startedAt: v.startedAt,
    dueAt: v.dueAt,
    stage: 'running',
    nextDueAt: null,
    escalationLevel: v.escalationLevel ?? 0,
    doneAt: v.doneAt ?? null,
    visitId: null,
    cancelledAt: v.cancelledAt ?? null,
    createdAt: v.startedAt,
  });
}
