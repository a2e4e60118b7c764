import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  childFileMoveProblem,
  childFileRequestErrors,
  fileMovedText,
  mayEditChildFile,
  normalizePhone,
  shanghaiDate,
  withinPrefixes,
  type ChildCategory,
  type ChildFileChild,
  type ChildFilePerson,
  type ChildFileSummary,
  type HelpInPlace,
  type ReportChild,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { NEW_FILE_FOLLOW_UP, type ChildFileEntity } from '../children/child-file.entity';
import { ChildFilesRepository } from '../children/child-files.repository';
import { ChildIndex } from '../children/child-index';
import { keepingUnit } from '../children/keeping-unit';
import { VisitPlanner } from '../children/visit-planner';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { TransactionRunner } from '../database/transaction-runner';
import { DivisionsService } from '../divisions/divisions.service';
import { Inbox } from '../inbox/inbox';
import { ChildFileHolding } from '../orders/child-file-holding';
import { UnitsRepository } from '../units/units.repository';
import {
  describeFileChange,
  type FileChange,
  type FileChangeRecord,
  type FileField,
} from './child-file-changes';
import { ChildFileSummaries } from './child-file-summaries';
import type { CreateChildFileDto, UpdateChildFileDto } from './dto/child-file.dto';

/** A file's personal details as they are kept, opened. */
interface Contents {
  child: ChildFileChild;
  guardian: ChildFilePerson | null;
  carer: ChildFilePerson | null;
  help: HelpInPlace[];
}

const notFound = () => ApiException.notFound('没有找到这份儿童档案');

/** Phones kept as people dial them (digits only); an empty person is no person. */
function person(value: ChildFilePerson | null | undefined): ChildFilePerson | null {
  if (!value || Object.values(value).every((v) => v === undefined)) return null;
  return { ...value, ...(value.phone ? { phone: normalizePhone(value.phone) } : {}) };
}

/** The identity repeat detection knows a child by: the child's, and the guardian's phone. */
function identityOf(child: ChildFileChild, guardian: ChildFilePerson | null): ReportChild {
  const { name, gender, birthDate, ageYears, idNumber } = child;
  return { name, gender, birthDate, ageYears, idNumber, guardianPhone: guardian?.phone };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * 建档 (摸排) and changes to a child's file: who may (the shared `childFileCapacity`: the
 * keeping village and township units and the county's coordinator), the identity sealed and
 * blind-indexed so later reports about the child find the file, and each change in one
 * transaction with its timeline line and audit row, its visit plan (`VisitPlanner`), and for a
 * move the new keeping unit's inbox message.
 */
@Injectable()
export class ChildFilesService {
  constructor(
    private readonly files: ChildFilesRepository,
    private readonly index: ChildIndex,
    private readonly holding: ChildFileHolding,
    private readonly planner: VisitPlanner,
    private readonly inbox: Inbox,
    private readonly units: UnitsRepository,
    private readonly divisions: DivisionsService,
    private readonly summaries: ChildFileSummaries,
    private readonly sealer: Sealer,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(actor: Actor, dto: CreateChildFileDto): Promise<{ id: string }> {
    const unit = actor.unit;
    const keeps = unit && ['village', 'township', 'coordinator'].includes(unit.department);
    if (!unit || !keeps) {
      throw ApiException.forbidden('只有村（居）委会、乡镇和县联席办的工作人员可以建立儿童档案');
    }
    const errors = childFileRequestErrors(dto, shanghaiDate(this.clock.now()));
    if (!withinPrefixes(dto.divisionCode, unit.divisionPrefixes)) {
      const places = await this.divisions.placeNames(unit.divisionPrefixes);
      errors.divisionCode = `只能为本单位负责的地方建档：${[...places.values()].join('、')}`;
    } else if (!(await this.divisions.exists(dto.divisionCode))) {
      errors.divisionCode = '没有这个区划代码，请从列表中选择孩子所在的村或乡镇';
    }
    if (Object.keys(errors).length > 0) throw ApiException.validation(errors);
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const contents: Contents = {
        child: dto.child,
        guardian: person(dto.guardian),
        carer: person(dto.carer),
        help: dto.help ?? [],
      };
      const id = randomUUID();
      const keys = this.index.identityKeys(
        identityOf(contents.child, contents.guardian),
        dto.divisionCode,
        now,
      );
      const matched = await this.files.claimKeys(manager, id, keys);
      if (matched.length > 0) await this.refuseSecondFile(manager, actor, matched);
      const keeper = keepingUnit(dto.divisionCode, await this.units.list(manager));
      // Read from the request: the insert below reads MariaDB's 0/1 back into the entity.
      const priority = dto.priority ?? false;
      const file: ChildFileEntity = {
        id,
        status: 'active',
        origin: 'survey',
        ...NEW_FILE_FOLLOW_UP,
        priority,
        divisionCode: dto.divisionCode,
        unitId: keeper?.id ?? null,
        categories: dto.categories,
        ...this.sealed(contents),
        closeReason: null,
        closeNote: null,
        closedAt: null,
        nextVisitDueAt: null,
        createdAt: now,
        updatedAt: now,
      };
      file.nextVisitDueAt = await this.planner.fileChanged(manager, null, file, now);
      await this.files.createFile(manager, file);
      await this.files.appendEvent(manager, {
        id: randomUUID(),
        childFileId: id,
        kind: 'opened',
        text: `摸排建档（${unit.name}）${priority ? '，列为重点关注' : ''}`,
        actorUserId: actor.user.id,
        actorUnitId: unit.id,
        detail: { categories: file.categories, priority },
        at: now,
      });
      await this.audit.record(manager, actor, {
        action: 'child_file.open',
        targetType: 'child_file',
        targetId: id,
        divisionCode: file.divisionCode,
        detail: { origin: 'survey', categories: file.categories, priority },
      });
      return { id };
    });
  }

  async update(actor: Actor, id: string, dto: UpdateChildFileDto): Promise<ChildFileSummary> {
    const file = await this.transactions.run((manager) => this.change(manager, actor, id, dto));
    const [summary] = await this.summaries.of([file], this.clock.now());
    return summary;
  }

  /** The file after the change, stored with its timeline and audit rows in one transaction. */
  private async change(
    manager: EntityManager,
    actor: Actor,
    id: string,
    dto: UpdateChildFileDto,
  ): Promise<ChildFileEntity> {
    const file = await this.files.lockFile(manager, id);
    if (!file) throw notFound();
    const capacity = await this.holding.capacityOf(actor, file, manager);
    if (!capacity) throw notFound();
    if (!mayEditChildFile(capacity)) {
      throw ApiException.forbidden('办理工单的单位只能查看儿童档案，修改请联系村（居）委会或乡镇');
    }
    const now = this.clock.now();
    const before = this.contents(file);
    // A changed 身份证号, birth date or age must agree with the ones the file keeps; a kept age
    // is not held against them: it was the child's age on the day it was typed.
    const kept = { ...before.child };
    delete kept.ageYears;
    const changed = dto.child ? { ...dto, child: { ...kept, ...dto.child } } : dto;
    const errors = childFileRequestErrors(changed, shanghaiDate(now), shanghaiDate(file.createdAt));
    if (Object.keys(errors).length > 0) throw ApiException.validation(errors);
    if (file.status === 'closed' && dto.status !== 'active') {
      throw new ApiException(
        HttpStatus.CONFLICT,
        'CHILD_FILE_CLOSED',
        '档案已销号，不能修改；如需继续跟进，请先恢复在册',
      );
    }
    const move = dto.divisionCode !== undefined && dto.divisionCode !== file.divisionCode;
    if (move) await this.checkMove(file.divisionCode, dto.divisionCode!);

    const after: Contents = {
      child: dto.child ? { ...before.child, ...dto.child } : before.child,
      guardian: dto.guardian === undefined ? before.guardian : person(dto.guardian),
      carer: dto.carer === undefined ? before.carer : person(dto.carer),
      help: dto.help ?? before.help,
    };
    if (dto.school !== undefined) {
      after.child = { ...after.child, school: dto.school ?? undefined };
      if (dto.school === null) delete after.child.school;
    }
    const categories = dto.categories ?? file.categories;
    const change = await this.changeOf(manager, file, before, after, categories, dto);
    const records = describeFileChange(change, actor.unit?.name ?? '');
    if (records.length === 0) return file;

    const updated: ChildFileEntity = {
      ...file,
      ...this.sealed(after),
      categories,
      priority: dto.priority ?? file.priority,
      updatedAt: now,
    };
    if (move) {
      updated.divisionCode = dto.divisionCode!;
      updated.unitId =
        keepingUnit(updated.divisionCode, await this.units.list(manager))?.id ?? null;
    }
    if (change.status === 'reopened') {
      Object.assign(updated, {
        status: 'active',
        closeReason: null,
        closeNote: null,
        closedAt: null,
      });
    } else if (change.status) {
      Object.assign(updated, {
        status: 'closed',
        closeReason: change.status.closed,
        closeNote: dto.closeNote ?? null,
        closedAt: now,
      });
    }
    updated.nextVisitDueAt = await this.planner.fileChanged(manager, file, updated, now);
    // New identity keys find the file from later reports; old keys stay (reports made under
    // them are still this child's), and keys another file holds are left to it.
    await this.files.claimKeys(
      manager,
      id,
      this.index.identityKeys(identityOf(after.child, after.guardian), updated.divisionCode, now),
    );
    await this.files.saveFile(manager, updated);
    await this.record(manager, actor, updated.id, records, file.divisionCode, now);
    if (updated.unitId && updated.unitId !== file.unitId) {
      await this.inbox.toUnits(
        manager,
        [updated.unitId],
        {
          kind: 'file_moved',
          text: fileMovedText(updated.nextVisitDueAt),
          page: `children/file/index?id=${updated.id}`,
        },
        now,
      );
    }
    return updated;
  }

  /** The 409 of a second file for a child: with the existing file's id when the caller may see it. */
  private async refuseSecondFile(
    manager: EntityManager,
    actor: Actor,
    matched: string[],
  ): Promise<never> {
    const existing = await this.files.lockFile(
      manager,
      await this.files.oldestFile(manager, matched),
    );
    const visible = existing && (await this.holding.capacityOf(actor, existing, manager));
    throw new ApiException(
      HttpStatus.CONFLICT,
      'CHILD_FILE_EXISTS',
      visible
        ? '这个孩子已经有档案了，请在已有的档案上修改，不要重复建档'
        : '这个孩子已在别处建档，请联系乡镇儿童督导员核实',
      visible && existing ? { fileId: existing.id } : undefined,
    );
  }

  /** 400 unless the new place is a known village of the file's own county (`childFileMoveProblem`). */
  private async checkMove(from: string, to: string): Promise<void> {
    const problem = childFileMoveProblem(to, from);
    if (problem) throw ApiException.validation({ divisionCode: problem });
    if (!(await this.divisions.exists(to))) {
      throw ApiException.validation({
        divisionCode: '没有这个区划代码，请从列表中选择孩子迁入的村',
      });
    }
  }

  private async changeOf(
    manager: EntityManager,
    file: ChildFileEntity,
    before: Contents,
    after: Contents,
    categories: ChildCategory[],
    dto: UpdateChildFileDto,
  ): Promise<FileChange> {
    const { school: schoolBefore, ...childBefore } = before.child;
    const { school: schoolAfter, ...childAfter } = after.child;
    const fields: FileField[] = [];
    if (!same(childBefore, childAfter)) fields.push('child');
    if (!same(schoolBefore, schoolAfter)) fields.push('school');
    for (const field of ['guardian', 'carer', 'help'] as const) {
      if (!same(before[field], after[field])) fields.push(field);
    }
    let move: FileChange['move'] = null;
    if (dto.divisionCode !== undefined && dto.divisionCode !== file.divisionCode) {
      const names = await this.divisions.placeNames([file.divisionCode, dto.divisionCode], manager);
      const keeper = keepingUnit(dto.divisionCode, await this.units.list(manager));
      move = {
        from: file.divisionCode,
        to: dto.divisionCode,
        fromName: names.get(file.divisionCode) ?? file.divisionCode,
        toName: names.get(dto.divisionCode) ?? dto.divisionCode,
        toUnitName: keeper?.name ?? null,
      };
    }
    let status: FileChange['status'] = null;
    if (dto.status === 'active' && file.status === 'closed') status = 'reopened';
    if (dto.status === 'closed' && dto.closeReason) status = { closed: dto.closeReason };
    return {
      fields,
      categoriesAdded: categories.filter((c) => !file.categories.includes(c)),
      categoriesRemoved: file.categories.filter((c) => !categories.includes(c)),
      move,
      status,
      priority: dto.priority !== undefined && dto.priority !== file.priority ? dto.priority : null,
    };
  }

  /** The timeline lines and audit rows of a change, in its transaction. */
  private async record(
    manager: EntityManager,
    actor: Actor,
    fileId: string,
    records: FileChangeRecord[],
    divisionBefore: string,
    now: Date,
  ): Promise<void> {
    for (const record of records) {
      await this.files.appendEvent(manager, {
        id: randomUUID(),
        childFileId: fileId,
        kind: record.kind,
        text: record.text,
        actorUserId: actor.user.id,
        actorUnitId: actor.unit?.id ?? null,
        detail: record.detail,
        at: now,
      });
      await this.audit.record(manager, actor, {
        action: record.action,
        targetType: 'child_file',
        targetId: fileId,
        // A move is seen by the coordinator of either place: the row is filed under the old one.
        divisionCode: divisionBefore,
        detail: record.detail,
      });
    }
  }

  private contents(file: ChildFileEntity): Contents {
    const open = <T>(sealed: string | null, empty: T): T =>
      sealed ? this.sealer.open<T>(sealed) : empty;
    return {
      child: open<ChildFileChild>(file.childSealed, {}),
      guardian: open<ChildFilePerson | null>(file.guardianSealed, null),
      carer: open<ChildFilePerson | null>(file.carerSealed, null),
      help: open<HelpInPlace[]>(file.helpSealed, []),
    };
  }

  /** The sealed columns and blind indexes of a file's contents. */
  private sealed(contents: Contents) {
    const { child, guardian, carer, help } = contents;
    return {
      childSealed: this.sealer.seal(child),
      childGender: child.gender ?? null,
      guardianSealed: guardian && this.sealer.seal(guardian),
      carerSealed: carer && this.sealer.seal(carer),
      helpSealed: this.sealer.seal(help),
      nameKey: this.index.nameKey(child.name),
      idKey: this.index.idKey(child.idNumber),
    };
  }
}
