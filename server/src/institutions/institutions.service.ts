import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  institutionProblems,
  isDivisionCode,
  normalizePhone,
  type Institution,
  type InstitutionField,
  type Invite,
  type Page,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { isUniqueViolation } from '../database/database-errors';
import { TransactionRunner } from '../database/transaction-runner';
import { DivisionsService } from '../divisions/divisions.service';
import { InvitesService } from '../invites/invites.service';
import type { CreateInstitutionDto } from './dto/create-institution.dto';
import type { InstitutionListQueryDto } from './dto/institution-list-query.dto';
import type { UpdateInstitutionDto } from './dto/update-institution.dto';
import { registerCountyOf } from './institution-scope';
import { toInstitution } from './institution-view';
import type { InstitutionEntity } from './institution.entity';
import { InstitutionsRepository } from './institutions.repository';

/** 409 `INSTITUTION_EXISTS`: the county's register already holds the name. */
export function institutionExists(name: string): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    'INSTITUTION_EXISTS',
    `本县名录已有“${name}”，请修改那一条，或换一个名称`,
  );
}

const NOT_ON_REGISTER = '本县名录中没有这个机构';

/** Stored forms: the name trimmed, a contact trimmed and a phone as people dial it. */
export function storedContact(fields: {
  contactName?: string | null;
  contactPhone?: string | null;
}): { contactName?: string | null; contactPhone?: string | null } {
  const stored: { contactName?: string | null; contactPhone?: string | null } = {};
  if (fields.contactName !== undefined) stored.contactName = fields.contactName?.trim() ?? null;
  if (fields.contactPhone !== undefined) {
    stored.contactPhone = fields.contactPhone === null ? null : normalizePhone(fields.contactPhone);
  }
  return stored;
}

/**
 * The register of mandated institutions a county's coordinator keeps (domain.md,
 * "Accountability"): list, enter, correct, and invite a mandated reporter into one. Another
 * county's institution answers 404 like any record outside the caller's scope; every read and
 * change is audited without the contact's name or phone.
 */
@Injectable()
export class InstitutionsService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly divisions: DivisionsService,
    private readonly invites: InvitesService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: InstitutionListQueryDto): Promise<Page<Institution>> {
    const countyCode = registerCountyOf(actor);
    await this.audit.recordRead(actor, {
      action: 'institution.list',
      targetType: 'institution',
      targetId: null,
      divisionCode: query.division ?? countyCode,
      detail: {
        type: query.type ?? null,
        division: query.division ?? null,
        searched: query.q !== undefined,
        page: query.page,
      },
    });
    const [rows, total] = await this.institutions.page(
      { countyCode, type: query.type, division: query.division, q: query.q?.trim() },
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items: await this.views(rows), total };
  }

  async create(actor: Actor, dto: CreateInstitutionDto): Promise<Institution> {
    const countyCode = registerCountyOf(actor);
    await this.check(dto, countyCode, false);
    const now = this.clock.now();
    const institution: InstitutionEntity = {
      id: randomUUID(),
      countyCode,
      name: dto.name.trim(),
      type: dto.type,
      divisionCode: dto.divisionCode,
      contactName: null,
      contactPhone: null,
      ...storedContact(dto),
      createdAt: now,
      updatedAt: now,
    };
    await this.transactions.run(async (manager) => {
      await this.insertNamed(manager, institution);
      await this.audit.record(manager, actor, {
        action: 'institution.create',
        targetType: 'institution',
        targetId: institution.id,
        divisionCode: institution.divisionCode,
        detail: { name: institution.name, type: institution.type },
      });
    });
    return (await this.views([institution]))[0];
  }

  async update(actor: Actor, id: string, dto: UpdateInstitutionDto): Promise<Institution> {
    const countyCode = registerCountyOf(actor);
    const found = await this.institutions.findById(id);
    if (!found || found.countyCode !== countyCode) throw ApiException.notFound(NOT_ON_REGISTER);
    await this.check(dto, countyCode, true);
    const changed: InstitutionEntity = {
      ...found,
      ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
      ...(dto.type !== undefined ? { type: dto.type } : {}),
      ...(dto.divisionCode !== undefined ? { divisionCode: dto.divisionCode } : {}),
      ...storedContact(dto),
      updatedAt: this.clock.now(),
    };
    await this.transactions.run(async (manager) => {
      if (changed.name !== found.name) {
        const holder = await this.institutions.findByName(manager, countyCode, changed.name);
        if (holder && holder.id !== id) throw institutionExists(changed.name);
      }
      try {
        await this.institutions.save(manager, changed);
      } catch (error) {
        if (isUniqueViolation(error)) throw institutionExists(changed.name);
        throw error;
      }
      if (changed.name !== found.name || changed.type !== found.type) {
        await this.institutions.copyToMembers(manager, changed);
      }
      await this.audit.record(manager, actor, {
        action: 'institution.update',
        targetType: 'institution',
        targetId: id,
        divisionCode: changed.divisionCode,
        // Which fields changed, never the contact's name or number.
        detail: { fields: Object.keys(dto).sort() },
      });
    });
    return (await this.views([changed]))[0];
  }

  /** A mandated reporter's invitation into an institution of the caller's register. */
  async invite(actor: Actor, id: string): Promise<Invite> {
    const countyCode = registerCountyOf(actor);
    const institution = await this.institutions.findById(id);
    if (!institution || institution.countyCode !== countyCode) {
      throw ApiException.notFound(NOT_ON_REGISTER);
    }
    return this.invites.issueForInstitution(actor, institution);
  }

  /** Inserts an institution whose name the county's register does not hold yet (else 409). */
  private async insertNamed(manager: EntityManager, institution: InstitutionEntity): Promise<void> {
    if (await this.institutions.findByName(manager, institution.countyCode, institution.name)) {
      throw institutionExists(institution.name);
    }
    try {
      await this.institutions.insert(manager, [institution]);
    } catch (error) {
      if (isUniqueViolation(error)) throw institutionExists(institution.name);
      throw error;
    }
  }

  /** 400 with shared `institutionProblems` per field, the division checked against the dataset. */
  private async check(
    fields: { [K in InstitutionField]?: unknown },
    countyCode: string,
    partial: boolean,
  ): Promise<void> {
    const code = fields.divisionCode;
    const exists =
      typeof code === 'string' && isDivisionCode(code) && code.startsWith(countyCode)
        ? await this.divisions.exists(code)
        : false;
    const problems = institutionProblems(
      fields,
      { countyCode, divisionExists: (c) => c === code && exists },
      { partial },
    );
    if (Object.keys(problems).length > 0) throw ApiException.validation(problems);
  }

  private async views(rows: InstitutionEntity[]): Promise<Institution[]> {
    const [placeNames, reporterCounts] = await Promise.all([
      this.divisions.placeNames([...new Set(rows.map((row) => row.divisionCode))]),
      this.institutions.reporterCounts(rows.map((row) => row.id)),
    ]);
    return rows.map((row) => toInstitution(row, placeNames, reporterCounts));
  }
}
