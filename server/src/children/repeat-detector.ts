import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ReportChild } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ChildFilesRepository } from './child-files.repository';
import { blindIndex, childIdentities, childIndexKey } from './child-identity';

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
  private readonly indexKey: Buffer;

  constructor(
    private readonly files: ChildFilesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.indexKey = childIndexKey(config.blindIndexKey);
  }

  /**
   * The file of the report's child: a new one, or — when the keys already point to files — the
   * oldest of them, which also takes the keys it lacked. Files matched through different keys are
   * not merged (siblings share a guardian phone; joining two files is a person's decision). The
   * report is a repeat if any matched file has an open report or one closed in the last 365 days.
   */
  async file(
    manager: EntityManager,
    child: ReportChild,
    divisionCode: string,
    now: Date,
  ): Promise<ChildFiling> {
    const keys = childIdentities(child, divisionCode, now).map((id) =>
      blindIndex(this.indexKey, id),
    );
    const candidate = randomUUID();
    const matched = await this.files.claimKeys(manager, candidate, keys);
    if (matched.length === 0) {
      await this.files.createFile(manager, {
        id: candidate,
        status: 'active',
        origin: 'report',
        divisionCode,
        unitId: null,
        categories: [],
        childSealed: null,
        childGender: child.gender ?? null,
        guardianSealed: null,
        carerSealed: null,
        helpSealed: null,
        nameKey: null,
        idKey: null,
        closeReason: null,
        closeNote: null,
        closedAt: null,
        nextVisitDueAt: null,
        createdAt: now,
        updatedAt: now,
      });
      return { childFileId: candidate, repeat: false };
    }
    const childFileId = await this.files.oldestFile(manager, matched);
    await this.files.moveKeys(manager, candidate, childFileId, keys);
    const since = new Date(now.getTime() - REPEAT_WINDOW_MS);
    return { childFileId, repeat: await this.files.hasRecentReport(manager, matched, since) };
  }
}
