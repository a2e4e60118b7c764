import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { rolesOf, type Actor } from '../access/actor';
import { CalendarService } from '../calendar/calendar.service';
import { CreateChildFileDto } from '../child-files/dto/child-file.dto';
import { ChildFilesService } from '../child-files/child-files.service';
import { ApiException } from '../common/api-exception';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { DivisionSeeder } from '../divisions/division-seeder';
import { DivisionsService } from '../divisions/divisions.service';
import type { InstitutionEntity } from '../institutions/institution.entity';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import { CreateReportDto } from '../intake/dto/create-report.dto';
import { IntakeService } from '../intake/intake.service';
import { LOGGER, type Logger } from '../logging/logger';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import type { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import {
  DEMO_ACCOUNTS,
  DEMO_COUNTY,
  DEMO_COUNTY_UNITS,
  DEMO_INSTITUTIONS,
  DEMO_VILLAGE_UNITS,
  demoChildFiles,
  demoReports,
  type DemoAccount,
  type DemoUnit,
} from './demo-data';

/**
 * Fills an empty embedded database with 泗县: its coordinator, police, civil-affairs and education
 * units, a supervisor station per town, two villages of 泗城镇 with their 儿童主任, demo accounts,
 * a few reports filed through the real intake path, and two children's files 关庙村's 儿童主任
 * opens as `POST /children` does. On a database it filled before, it adds only the demo units,
 * accounts and files it lacks (a unit is the same when its department and divisions are; a file
 * when it is the same child), so every 切换演示账号 entry works after an upgrade and nothing is
 * made twice. A database
 * with units and no demo account is someone's real county, and is left alone.
 */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
    private readonly institutions: InstitutionsRepository,
    private readonly divisions: DivisionsService,
    private readonly divisionSeeder: DivisionSeeder,
    private readonly calendar: CalendarService,
    private readonly intake: IntakeService,
    private readonly childFiles: ChildFilesService,
    private readonly transactions: TransactionRunner,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    await Promise.all([this.divisionSeeder.ensureLoaded(), this.calendar.ensureSeeded()]);
    const existing = await this.units.list();
    if (existing.length > 0 && !(await this.users.findByOpenid(DEMO_ACCOUNTS[0].openid))) return;

    const { units, added } = await this.ensureUnits(existing);
    const institutions = await this.ensureInstitutions();
    const users = new Map<string, UserEntity>();
    for (const account of DEMO_ACCOUNTS)
      users.set(account.openid, await this.ensureAccount(account, units, institutions));
    const reports = existing.length === 0 ? demoReports(this.clock.now()) : [];
    for (const { openid, report } of reports) {
      const user = users.get(openid);
      if (!user) continue;
      const actor: Actor = { user, roles: rolesOf(user, new Set()), unit: null, ip: null };
      await this.intake.submit(actor, randomUUID(), plainToInstance(CreateReportDto, report));
    }
    const files = await this.openFiles(units, users);
    if (existing.length > 0 && added === 0 && files === 0) return;
    // Counts only: a tracking code opens its report and an openid logs in, demo or not.
    this.logger.info(
      {
        component: 'demo-data',
        units: added,
        accounts: DEMO_ACCOUNTS.length,
        reports: reports.length,
        childFiles: files,
      },
      `演示数据已创建：${DEMO_COUNTY.name}，${added} 个单位、${DEMO_ACCOUNTS.length} 个演示账号、${reports.length} 份演示报告、${files} 份儿童档案（账号见 README）`,
    );
  }

  /** Every demo unit by key, made where missing; parents come before their children. */
  private async ensureUnits(
    existing: UnitRecord[],
  ): Promise<{ units: Map<string, UnitRecord>; added: number }> {
    const now = this.clock.now();
    const units = new Map<string, UnitRecord>();
    let added = 0;
    const towns: DemoUnit[] = (await this.divisions.children(DEMO_COUNTY.code)).map((town) => ({
      key: `town:${town.code}`,
      name: `${town.name}儿童督导站`,
      department: 'township',
      divisionPrefixes: [town.code],
      // Each town's supervisors share a made-up duty mobile numbered after the town.
      dutyPhone: `1990${town.code.slice(-5)}00`,
    }));
    for (const { key, parent, ...unit } of [
      ...DEMO_COUNTY_UNITS,
      ...towns,
      ...DEMO_VILLAGE_UNITS,
    ]) {
      const divisionPrefixes = [...unit.divisionPrefixes].sort();
      const same = existing.find(
        (u) =>
          u.department === unit.department && u.divisionPrefixes.join() === divisionPrefixes.join(),
      );
      if (same) {
        units.set(key, same);
        continue;
      }
      const record: UnitRecord = {
        ...unit,
        divisionPrefixes,
        id: randomUUID(),
        parentId: (parent && units.get(parent)?.id) ?? null,
        createdAt: now,
      };
      await this.transactions.run((manager) => this.units.insert(manager, record));
      units.set(key, record);
      added += 1;
    }
    return { units, added };
  }

  /** The demo register's institutions by key, each made where the county has no such name. */
  private async ensureInstitutions(): Promise<Map<string, InstitutionEntity>> {
    const now = this.clock.now();
    const byKey = new Map<string, InstitutionEntity>();
    await this.transactions.run(async (manager) => {
      for (const { key, ...demo } of DEMO_INSTITUTIONS) {
        const found = await this.institutions.findByName(manager, DEMO_COUNTY.code, demo.name);
        const institution = found ?? {
          id: randomUUID(),
          countyCode: DEMO_COUNTY.code,
          name: demo.name,
          type: demo.type,
          divisionCode: demo.divisionCode,
          contactName: demo.contactName ?? null,
          contactPhone: demo.contactPhone ?? null,
          retiredAt: null,
          createdAt: now,
          updatedAt: now,
        };
        if (!found) await this.institutions.insert(manager, [institution]);
        byKey.set(key, institution);
      }
    });
    return byKey;
  }

  /**
   * The demo files each opener lacks, opened by them, as `POST /children` would; the number
   * opened. The service's own rule (one file per child, CHILD_FILE_EXISTS) tells a file already
   * there, also when two servers boot on one database at once. An opener whose account now
   * belongs to another unit opens nothing: the file would not be theirs to open.
   */
  private async openFiles(
    units: Map<string, UnitRecord>,
    users: Map<string, UserEntity>,
  ): Promise<number> {
    let opened = 0;
    for (const { openid, file } of demoChildFiles(this.clock.now())) {
      const user = users.get(openid);
      const unitKey = DEMO_ACCOUNTS.find((account) => account.openid === openid)?.unit;
      const unit = unitKey ? units.get(unitKey) : undefined;
      if (!user || !unit || user.unitId !== unit.id) continue;
      const actor: Actor = { user, roles: rolesOf(user, new Set()), unit, ip: null };
      try {
        await this.childFiles.open(actor, plainToInstance(CreateChildFileDto, file));
        opened += 1;
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 'CHILD_FILE_EXISTS')) throw error;
      }
    }
    return opened;
  }

  /** The account with its demo role; one that has a unit or an institution already is left as it is. */
  private async ensureAccount(
    account: DemoAccount,
    units: Map<string, UnitRecord>,
    institutions: Map<string, InstitutionEntity>,
  ): Promise<UserEntity> {
    const user = await this.users.findOrCreate(account.openid, null, this.clock.now());
    if (user.unitId || user.orgName || user.hotlineOperator) return user;
    const unit = account.unit ? units.get(account.unit) : undefined;
    const institution = account.institution ? institutions.get(account.institution) : undefined;
    const membership = {
      ...(unit && (account.role === 'handler' || account.role === 'coordinator')
        ? { unitId: unit.id, unitRole: account.role }
        : {}),
      ...(account.role === 'hotline_operator' ? { hotlineOperator: true } : {}),
      ...(institution
        ? {
            institutionId: institution.id,
            orgName: institution.name,
            orgType: institution.type,
          }
        : {}),
    };
    if (Object.keys(membership).length > 0) {
      await this.transactions.run((manager) =>
        this.users.updateMembership(manager, user.id, membership),
      );
    }
    return Object.assign(user, membership);
  }
}
