import { Injectable } from '@nestjs/common';
import {
  childFileAge,
  shanghaiDate,
  type ChildFileChild,
  type ChildFileDropout,
  type ChildFileSummary,
  type DropoutState,
} from '@shouhu/shared';
import type { ChildFileEntity } from '../children/child-file.entity';
import { VisitDuesRepository } from '../children/visit-dues.repository';
import type { VisitDueEntity } from '../children/visit.entity';
import { Sealer } from '../crypto/sealer';
import { DivisionsService } from '../divisions/divisions.service';
import { OrdersRepository } from '../orders/orders.repository';
import { ReportsRepository } from '../reports/reports.repository';
import { UnitsRepository } from '../units/units.repository';

/** Besides the file itself, what a summary shows: counts and names, loaded once for a page. */
export interface SummaryContext {
  reportCounts: ReadonlyMap<string, number>;
  openOrderCounts: ReadonlyMap<string, number>;
  placeNames: ReadonlyMap<string, string>;
  unitNames: ReadonlyMap<string, string>;
  /** File id → the open 复学巩固回访 of a returned dropout. */
  dropoutChecks: ReadonlyMap<string, VisitDueEntity>;
  today: string;
}

/** The file's child as sealed (nothing yet for a file a report made before files held one). */
export function openChild(sealer: Sealer, file: ChildFileEntity): ChildFileChild {
  const child = file.childSealed ? sealer.open<ChildFileChild>(file.childSealed) : {};
  return file.childGender && !child.gender ? { ...child, gender: file.childGender } : child;
}

/** The file's place on the 控辍保学 list, with the check of its last return while it is open. */
export function childFileDropout(
  file: ChildFileEntity,
  check: VisitDueEntity | null,
): ChildFileDropout | null {
  if (!file.dropoutState || !file.dropoutSince) return null;
  return dropoutView(
    { state: file.dropoutState, since: file.dropoutSince, returnedAt: file.dropoutReturnedAt },
    check,
  );
}

/** A place on the list as the API tells it; the check only while the child is 已复学. */
export function dropoutView(
  dropout: { state: DropoutState; since: Date; returnedAt: Date | null },
  check: VisitDueEntity | null,
): ChildFileDropout {
  return {
    state: dropout.state,
    since: dropout.since.toISOString(),
    returnedAt: dropout.returnedAt?.toISOString() ?? null,
    check:
      dropout.state === 'returned' && check
        ? { startedAt: check.startedAt.toISOString(), dueAt: check.dueAt.toISOString() }
        : null,
  };
}

export function toChildFileSummary(
  file: ChildFileEntity,
  child: ChildFileChild,
  context: SummaryContext,
): ChildFileSummary {
  const ageYears = childFileAge(child, context.today);
  return {
    id: file.id,
    status: file.status,
    origin: file.origin,
    categories: file.categories,
    divisionCode: file.divisionCode,
    placeName: context.placeNames.get(file.divisionCode) ?? '',
    unitId: file.unitId,
    unitName: file.unitId ? (context.unitNames.get(file.unitId) ?? null) : null,
    child: {
      ...(child.name !== undefined ? { name: child.name } : {}),
      ...(child.gender !== undefined ? { gender: child.gender } : {}),
      ...(ageYears !== undefined ? { ageYears } : {}),
    },
    reportCount: context.reportCounts.get(file.id) ?? 0,
    openOrderCount: context.openOrderCounts.get(file.id) ?? 0,
    nextVisitDueAt: file.nextVisitDueAt?.toISOString() ?? null,
    priority: file.priority,
    dropout: childFileDropout(file, context.dropoutChecks.get(file.id) ?? null),
    createdAt: file.createdAt.toISOString(),
    updatedAt: file.updatedAt.toISOString(),
  };
}

/**
 * Files as the list shows them (`ChildFileSummary`): each child opened (only the page's rows),
 * the counts of reports and open orders and the place and unit names in one query each.
 */
@Injectable()
export class ChildFileSummaries {
  constructor(
    private readonly sealer: Sealer,
    private readonly reports: ReportsRepository,
    private readonly orders: OrdersRepository,
    private readonly divisions: DivisionsService,
    private readonly units: UnitsRepository,
    private readonly dues: VisitDuesRepository,
  ) {}

  async of(files: ChildFileEntity[], now: Date): Promise<ChildFileSummary[]> {
    const ids = files.map((file) => file.id);
    const [reportCounts, openOrderCounts, placeNames, unitNames, dropoutChecks] = await Promise.all(
      [
        this.reports.countsByChildFile(ids),
        this.orders.openCountsByChildFile(ids),
        this.divisions.placeNames([...new Set(files.map((file) => file.divisionCode))]),
        this.unitNames(),
        this.dropoutChecks(files),
      ],
    );
    const context = {
      reportCounts,
      openOrderCounts,
      placeNames,
      unitNames,
      dropoutChecks,
      today: shanghaiDate(now),
    };
    return files.map((file) => toChildFileSummary(file, openChild(this.sealer, file), context));
  }

  /** The open 复学巩固回访 of the files that are 已复学 (no query when none is). */
  dropoutChecks(files: ChildFileEntity[]): Promise<Map<string, VisitDueEntity>> {
    const returned = files.filter((file) => file.dropoutState === 'returned').map((f) => f.id);
    return this.dues.openOfFiles(returned, 'dropout_check');
  }

  async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.units.list()).map((unit) => [unit.id, unit.name]));
  }
}
