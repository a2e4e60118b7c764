import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { normalizePhone, villageUnitProblems, type Unit } from '@shouhu/shared';
import { hasRole, type Actor } from '../access/actor';
import { prefixesWithin } from '../access/division-scope';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { DivisionsService } from '../divisions/divisions.service';
import type { CreateUnitDto } from './dto/create-unit.dto';
import type { UpdateUnitDto } from './dto/update-unit.dto';
import type { UnitRecord } from './unit';
import { toUnit } from './unit-views';
import { UnitsRepository } from './units.repository';

@Injectable()
export class UnitsService {
  constructor(
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly divisions: DivisionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * 400 when the parent unit or one of the division prefixes does not exist: a unit covering a
   * made-up code would never receive an order, and nobody would notice. A village unit also
   * answers 400 unless it covers villages only, under a township unit covering each of them
   * (`villageUnitProblems`).
   */
  async create(actor: Actor, dto: CreateUnitDto): Promise<Unit> {
    const parent = dto.parentId ? await this.units.findById(dto.parentId) : null;
    if (dto.parentId && !parent) {
      throw ApiException.validation({ parentId: '上级单位不存在' });
    }
    if (dto.department === 'village') {
      const problems = villageUnitProblems(dto.divisionPrefixes, parent);
      if (Object.keys(problems).length > 0) throw ApiException.validation(problems);
    }
    const unknown = await this.divisions.unknown(dto.divisionPrefixes);
    if (unknown.length > 0) {
      throw ApiException.validation({
        divisionPrefixes: `没有这些区划：${unknown.join('、')}，请从区划列表中选择`,
      });
    }
    const unit: UnitRecord = {
      id: randomUUID(),
      name: dto.name.trim(),
      department: dto.department,
      parentId: dto.parentId ?? null,
      divisionPrefixes: [...dto.divisionPrefixes].sort(),
      dutyPhone: dutyPhone(dto.dutyPhone),
      createdAt: this.clock.now(),
    };
    await this.transactions.run(async (manager) => {
      await this.units.insert(manager, unit);
      await this.audit.record(manager, actor, {
        action: 'unit.create',
        targetType: 'unit',
        targetId: unit.id,
        divisionCode: unit.divisionPrefixes[0],
        detail: {
          name: unit.name,
          department: unit.department,
          parentId: unit.parentId,
          divisionPrefixes: unit.divisionPrefixes,
          dutyPhone: unit.dutyPhone,
        },
      });
    });
    return toUnit(unit);
  }

  /** Sets or removes (null) the duty phone; 404 for an unknown unit. */
  async update(actor: Actor, id: string, dto: UpdateUnitDto): Promise<Unit> {
    return this.transactions.run(async (manager) => {
      const unit = await this.units.findById(id, manager);
      if (!unit) throw ApiException.notFound('没有找到这个单位');
      if (dto.dutyPhone === undefined) return toUnit(unit);
      unit.dutyPhone = dto.dutyPhone === null ? null : dutyPhone(dto.dutyPhone);
      await this.units.setDutyPhone(manager, unit.id, unit.dutyPhone);
      await this.audit.record(manager, actor, {
        action: 'unit.update',
        targetType: 'unit',
        targetId: unit.id,
        divisionCode: unit.divisionPrefixes[0],
        detail: { dutyPhone: unit.dutyPhone },
      });
      return toUnit(unit);
    });
  }

  /** Admins see every unit; a coordinator the units of their county. */
  async list(actor: Actor): Promise<Unit[]> {
    const all = await this.units.list();
    if (hasRole(actor, 'admin')) return all.map(toUnit);
    const county = actor.unit?.divisionPrefixes ?? [];
    return all.filter((unit) => prefixesWithin(unit.divisionPrefixes, county)).map(toUnit);
  }
}

/** Stored normalised; the DTO took only a mobile (`IsPhone(…, 'mobile')`). */
function dutyPhone(typed: string | undefined): string | null {
  return typed === undefined ? null : normalizePhone(typed);
}
