import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  canonicalInstitutionName,
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
import { institutionExists, institutionRetired } from './institution-refusals';
import { toInstitution } from './institution-view';
import type { InstitutionEntity } from './institution.entity';
import { InstitutionsRepository } from './institutions.repository';

const NOT_ON_REGISTER = '本县名录中没有这个机构';

/** Stored forms of the contact: the name trimmed and the phone as people dial it. */
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
 * "Accountability"): list, enter, correct, retire (停用) and restore, and invite a mandated
 * reporter into one. Names are stored in their canonical form (shared `canonicalInstitutionName`). Another
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
        retired: query.retired === 'true',
        page: query.page,
      },
    });
    const [rows, total] = await this.institutions.page(
      {
        countyCode,
        type: query.type,
        division: query.division,
        // Searched as names are stored, so （本部） finds what was typed (本部).
        q: query.q === undefined ? undefined : canonicalInstitutionName(query.q),
        retired: query.retired === 'true',
      },
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
      name: canonicalInstitutionName(dto.name),
      type: dto.type,
      divisionCode: dto.divisionCode,
      contactName: null,
      contactPhone: null,
      ...storedContact(dto),
      retiredAt: null,
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
    const now = this.clock.now();
    const changed: InstitutionEntity = {
      ...found,
      ...(dto.name !== undefined ? { name: canonicalInstitutionName(dto.name) } : {}),
      ...(dto.type !== undefined ? { type: dto.type } : {}),
      ...(dto.divisionCode !== undefined ? { divisionCode: dto.divisionCode } : {}),
      ...storedContact(dto),
      // Retired again, it keeps the instant it first left the register.
      ...(dto.retired !== undefined
        ? { retiredAt: dto.retired ? (found.retiredAt ?? now) : null }
        : {}),
      updatedAt: now,
    };
    await this.transactions.run(async (manager) => {
      if (changed.name !== found.name) {
        const holder = await this.institutions.findByName(manager, countyCode, changed.name);
        if (holder && holder.id !== id) throw institutionExists(holder);
      }
      try {
        await this.institutions.save(manager, changed);
      } catch (error) {
        if (isUniqueViolation(error))
          throw institutionExists({ name: changed.name, retiredAt: null });
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
        // Which fields were sent, never the contact's name or number; and a retirement's turn.
        detail: {
          fields: Object.keys(dto).sort(),
          ...(dto.retired !== undefined ? { retired: dto.retired } : {}),
        },
      });
    });
    return (await this.views([changed]))[0];
  }

  /**
   * A mandated reporter's invitation into an institution of the caller's register; 409
   * `INSTITUTION_RETIRED` for one taken off it.
   */
  async invite(actor: Actor, id: string): Promise<Invite> {
    const countyCode = registerCountyOf(actor);
    const institution = await this.institutions.findById(id);
    if (!institution || institution.countyCode !== countyCode) {
      throw ApiException.notFound(NOT_ON_REGISTER);
    }
    if (institution.retiredAt) throw institutionRetired(institution.name);
    return this.invites.issueForInstitution(actor, institution);
  }

  /** Inserts an institution whose name the county's register does not hold yet (else 409). */
  private async insertNamed(manager: EntityManager, institution: InstitutionEntity): Promise<void> {
    const holder = await this.institutions.findByName(
      manager,
      institution.countyCode,
      institution.name,
    );
    if (holder) throw institutionExists(holder);
    try {
      await this.institutions.insert(manager, [institution]);
    } catch (error) {
      if (isUniqueViolation(error)) throw institutionExists(institution);
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
