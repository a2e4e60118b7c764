import { Injectable } from '@nestjs/common';
import {
  childFileAge,
  shanghaiDate,
  type ChildFileChild,
  type ChildFileSummary,
} from '@shouhu/shared';
import type { ChildFileEntity } from '../children/child-file.entity';
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
  today: string;
}

/** The file's child as sealed (nothing yet for a file a report made before files held one). */
export function openChild(sealer: Sealer, file: ChildFileEntity): ChildFileChild {
  const child = file.childSealed ? sealer.open<ChildFileChild>(file.childSealed) : {};
  return file.childGender && !child.gender ? { ...child, gender: file.childGender } : child;
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
  ) {}

  async of(files: ChildFileEntity[], now: Date): Promise<ChildFileSummary[]> {
    const ids = files.map((file) => file.id);
    const [reportCounts, openOrderCounts, placeNames, unitNames] = await Promise.all([
      this.reports.countsByChildFile(ids),
      this.orders.openCountsByChildFile(ids),
      this.divisions.placeNames([...new Set(files.map((file) => file.divisionCode))]),
      this.unitNames(),
    ]);
    const context = {
      reportCounts,
      openOrderCounts,
      placeNames,
      unitNames,
      today: shanghaiDate(now),
    };
    return files.map((file) => toChildFileSummary(file, openChild(this.sealer, file), context));
  }

  async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.units.list()).map((unit) => [unit.id, unit.name]));
  }
}
