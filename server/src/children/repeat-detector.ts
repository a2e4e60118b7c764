import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  normalizePhone,
  type ChildFileChild,
  type ChildFilePerson,
  type ReportChild,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { Sealer } from '../crypto/sealer';
import { UnitsRepository } from '../units/units.repository';
import { NEW_FILE_FOLLOW_UP } from './child-file.entity';
import { ChildFilesRepository } from './child-files.repository';
import { ChildIndex } from './child-index';
import { keepingUnit } from './keeping-unit';

const REPEAT_WINDOW_MS = 365 * 24 * 3600_000;

export interface ChildFiling {
  childFileId: string;
  /** The child has an open report or one closed in the last 365 days. */
  repeat: boolean;
}

/**
 * Links a report to its child's file, recognising the child by blind-indexed identities
 * (domain.md, Routing rule 4). Runs inside the intake's transaction and holds the row lock of
 * every key it touches until commit, so simultaneous reports about one new child end in one file.
 */
@Injectable()
export class RepeatDetector {
  constructor(
    private readonly files: ChildFilesRepository,
    private readonly index: ChildIndex,
    private readonly units: UnitsRepository,
    private readonly sealer: Sealer,
  ) {}

  /**
   * The file of the report's child: a new one, or — when the keys already point to files — the
   * oldest of them, which also takes the keys it lacked. Files matched through different keys are
   * not merged (siblings share a guardian phone; joining two files is a person's decision). The
   * report is a repeat if any matched file has an open report or one closed in the last 365 days.
   * A new file holds the report's identity of the child and the guardian; a repeat report never
   * changes the file it links to (the keeper decides what the file says).
   */
  async file(
    manager: EntityManager,
    child: ReportChild,
    divisionCode: string,
    now: Date,
  ): Promise<ChildFiling> {
    const keys = this.index.identityKeys(child, divisionCode, now);
    const candidate = randomUUID();
    const matched = await this.files.claimKeys(manager, candidate, keys);
    if (matched.length === 0) {
      await this.newFile(manager, candidate, child, divisionCode, now);
      return { childFileId: candidate, repeat: false };
    }
    const childFileId = await this.files.oldestFile(manager, matched);
    await this.files.moveKeys(manager, candidate, childFileId, keys);
    const since = new Date(now.getTime() - REPEAT_WINDOW_MS);
    return { childFileId, repeat: await this.files.hasRecentReport(manager, matched, since) };
  }

  /**
   * The filing of a report about the child of a known file (a report filed from a visit): the
   * file itself, a repeat when it has an open report or one closed in the last 365 days.
   */
  async ofFile(manager: EntityManager, childFileId: string, now: Date): Promise<ChildFiling> {
    const since = new Date(now.getTime() - REPEAT_WINDOW_MS);
    return { childFileId, repeat: await this.files.hasRecentReport(manager, [childFileId], since) };
  }

  /** The file a first report makes: the child and guardian as the report gives them, sealed. */
  private async newFile(
    manager: EntityManager,
    id: string,
    child: ReportChild,
    divisionCode: string,
    now: Date,
  ): Promise<void> {
    const { name, gender, birthDate, ageYears, idNumber, school, guardianName, guardianPhone } =
      child;
    const identity: ChildFileChild = { name, gender, birthDate, ageYears, idNumber, school };
    const guardian: ChildFilePerson | null =
      guardianName || guardianPhone
        ? { name: guardianName, phone: guardianPhone && normalizePhone(guardianPhone) }
        : null;
    const keeper = keepingUnit(divisionCode, await this.units.list(manager));
    await this.files.createFile(manager, {
      id,
      status: 'active',
      origin: 'report',
      ...NEW_FILE_FOLLOW_UP,
      divisionCode,
      unitId: keeper?.id ?? null,
      categories: [],
      childSealed: this.sealer.seal(identity),
      childGender: gender ?? null,
      guardianSealed: guardian && this.sealer.seal(guardian),
      carerSealed: null,
      helpSealed: null,
      nameKey: this.index.nameKey(name),
      idKey: this.index.idKey(idNumber),
      closeReason: null,
      closeNote: null,
      closedAt: null,
      nextVisitDueAt: null,
      createdAt: now,
      updatedAt: now,
    });
    // No actor: the reporter stays out of the file's timeline (an anonymous one above all).
    await this.files.appendEvent(manager, {
      id: randomUUID(),
      childFileId: id,
      kind: 'opened',
      text: '由报告建档',
      actorUserId: null,
      actorUnitId: null,
      detail: null,
      at: now,
    });
  }
}
