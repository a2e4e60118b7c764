import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  SCHOOL_HOLIDAY_KIND_LABELS,
  chineseDate,
  schoolHolidayClash,
  schoolHolidayDeletionProblem,
  schoolHolidayRequestErrors,
  shanghaiDate,
  type SchoolHoliday,
  type VisitPolicy,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { SchoolHolidaysRepository } from '../children/school-holidays.repository';
import type { SchoolHolidayEntity } from '../children/visit.entity';
import { VisitPolicyRepository } from '../children/visit-policy.repository';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { DivisionsService } from '../divisions/divisions.service';
import type { SchoolHolidayDto } from './dto/school-holiday.dto';
import type { VisitPolicyDto } from './dto/visit-policy.dto';

const holidayNotFound = () => ApiException.notFound('没有找到这个假期');

/**
 * What the administrator keeps of the visit plan (domain.md: admins keep the holiday calendar and
 * the policies; every number is a default they may change): the counties' school holidays, whose
 * start puts every priority child's 假期走访 on the plan, and the plan's numbers of days
 * (`VisitPolicy`). Every change is audited; none touches a child.
 */
@Injectable()
export class VisitPlanService {
  constructor(
    private readonly holidays: SchoolHolidaysRepository,
    private readonly policies: VisitPolicyRepository,
    private readonly divisions: DivisionsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async holidayList(): Promise<SchoolHoliday[]> {
    const rows = await this.holidays.list();
    const names = await this.divisions.placeNames([...new Set(rows.map((r) => r.countyCode))]);
    return rows.map((row) => toSchoolHoliday(row, names));
  }

  async addHoliday(actor: Actor, dto: SchoolHolidayDto): Promise<SchoolHoliday> {
    const now = this.clock.now();
    const errors = schoolHolidayRequestErrors(dto, shanghaiDate(now));
    if (!(await this.divisions.exists(dto.countyCode))) {
      errors.countyCode = '没有这个县级区划代码，请从区划列表中选择县（区）';
    }
    if (Object.keys(errors).length > 0) throw ApiException.validation(errors);
    const names = await this.divisions.placeNames([dto.countyCode]);
    const holiday: SchoolHolidayEntity = {
      id: randomUUID(),
      countyCode: dto.countyCode,
      kind: dto.kind,
      startsOn: dto.startsOn,
      startsYear: Number(dto.startsOn.slice(0, 4)),
      duesCreatedAt: null,
      createdAt: now,
    };
    await this.transactions.run(async (manager) => {
      const clash = schoolHolidayClash(dto, await this.holidays.ofCounty(manager, dto.countyCode));
      if (clash || !(await this.holidays.insert(manager, holiday))) {
        throw this.repeated(clash ?? holiday, names.get(dto.countyCode) ?? dto.countyCode);
      }
      await this.audit.record(manager, actor, {
        action: 'school_holiday.create',
        targetType: 'school_holiday',
        targetId: holiday.id,
        divisionCode: holiday.countyCode,
        detail: { countyCode: holiday.countyCode, kind: holiday.kind, startsOn: holiday.startsOn },
      });
    });
    return toSchoolHoliday(holiday, names);
  }

  async removeHoliday(actor: Actor, id: string): Promise<SchoolHoliday> {
    const holiday = await this.transactions.run(async (manager) => {
      const found = await this.holidays.lock(manager, id);
      if (!found) throw holidayNotFound();
      this.refuseStarted(found);
      await this.holidays.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'school_holiday.delete',
        targetType: 'school_holiday',
        targetId: id,
        divisionCode: found.countyCode,
        detail: { countyCode: found.countyCode, kind: found.kind, startsOn: found.startsOn },
      });
      return found;
    });
    return toSchoolHoliday(holiday, await this.divisions.placeNames([holiday.countyCode]));
  }

  policy(): Promise<VisitPolicy> {
    return this.policies.current();
  }

  /** Applies to visits planned from now on; visits already on the plan keep their dates. */
  async setPolicy(actor: Actor, dto: VisitPolicyDto): Promise<VisitPolicy> {
    const policy: VisitPolicy = {
      quarterlyDays: dto.quarterlyDays,
      followUpDays: dto.followUpDays,
      holidayDays: dto.holidayDays,
      dropoutCheckDays: dto.dropoutCheckDays,
      dropoutCheckWindowDays: dto.dropoutCheckWindowDays,
    };
    await this.transactions.run(async (manager) => {
      await this.policies.save(manager, policy);
      await this.audit.record(manager, actor, {
        action: 'visit_policy.update',
        targetType: 'visit_policy',
        targetId: null,
        divisionCode: null,
        detail: { ...policy },
      });
    });
    return this.policies.current();
  }

  /** 409 once the holiday started: its visits are (or are about to be) on the plan. */
  private refuseStarted(holiday: SchoolHolidayEntity): void {
    const problem = schoolHolidayDeletionProblem(
      toSchoolHoliday(holiday, new Map()),
      this.clock.now(),
    );
    if (problem) throw new ApiException(HttpStatus.CONFLICT, 'SCHOOL_HOLIDAY_STARTED', problem);
  }

  private repeated(kept: SchoolHolidayEntity, countyName: string): ApiException {
    const year = kept.startsOn.slice(0, 4);
    return new ApiException(
      HttpStatus.CONFLICT,
      'SCHOOL_HOLIDAY_EXISTS',
      `${countyName}已录入${year}年的${SCHOOL_HOLIDAY_KIND_LABELS[kept.kind]}（${chineseDate(kept.startsOn)}开始）；要改日期，请先删除它再录入`,
    );
  }
}

function toSchoolHoliday(
  row: SchoolHolidayEntity,
  countyNames: ReadonlyMap<string, string>,
): SchoolHoliday {
  return {
    id: row.id,
    countyCode: row.countyCode,
    countyName: countyNames.get(row.countyCode) ?? row.countyCode,
    kind: row.kind,
    startsOn: row.startsOn,
    duesCreatedAt: row.duesCreatedAt?.toISOString() ?? null,
  };
}
