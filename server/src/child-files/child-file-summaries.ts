import { Inject, Injectable } from '@nestjs/common';
import {
  ageOn,
  idNumberBirthDate,
  shanghaiDate,
  type ChildFileChild,
  type ChildFileSummary,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { ChildFileEntity } from '../children/child-file.entity';
import { ChildFilesRepository } from '../children/child-files.repository';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { DivisionsService } from '../divisions/divisions.service';
import { OrdersRepository } from '../orders/orders.repository';
import { UnitsRepository } from '../units/units.repository';

/** The child's age today (Beijing): from the birth date or the 身份证号, else as last given. */
export function ageToday(child: ChildFileChild, today: string): number | undefined {
  const birthDate = child.birthDate ?? (child.idNumber ? idNumberBirthDate(child.idNumber) : null);
  return birthDate ? ageOn(birthDate, today) : child.ageYears;
}

/** A file as a line of the list (`ChildFileSummary`), for a caller who may see the file. */
@Injectable()
export class ChildFileSummaries {
  constructor(
    private readonly files: ChildFilesRepository,
    private readonly orders: OrdersRepository,
    private readonly units: UnitsRepository,
    private readonly divisions: DivisionsService,
    private readonly sealer: Sealer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async of(manager: EntityManager, file: ChildFileEntity): Promise<ChildFileSummary> {
    // One after another: the queries share the transaction's one connection.
    const places = await this.divisions.placeNames([file.divisionCode], manager);
    const unit = file.unitId ? await this.units.findById(file.unitId, manager) : null;
    const reportCount = await this.files.reportCount(manager, file.id);
    const orders = await this.orders.ofChildFile(manager, file.id);
    const child = file.childSealed ? this.sealer.open<ChildFileChild>(file.childSealed) : {};
    return {
      id: file.id,
      status: file.status,
      origin: file.origin,
      categories: file.categories,
      divisionCode: file.divisionCode,
      placeName: places.get(file.divisionCode) ?? '',
      unitId: file.unitId,
      unitName: unit?.name ?? null,
      child: {
        name: child.name,
        gender: child.gender,
        ageYears: ageToday(child, shanghaiDate(this.clock.now())),
      },
      reportCount,
      openOrderCount: orders.filter((order) => order.status !== 'resolved').length,
      nextVisitDueAt: file.nextVisitDueAt?.toISOString() ?? null,
      createdAt: file.createdAt.toISOString(),
      updatedAt: file.updatedAt.toISOString(),
    };
  }
}
