import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ReportChild } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ChildFilesRepository } from './child-files.repository';
import { blindIndex, childIdentities } from './child-identity';

const REPEAT_WINDOW_MS = 365 * 24 * 3600_000;

export interface ChildFiling {
  childFileId: string;
  /** The child has an open report or one closed in the last 365 days. */
  repeat: boolean;
}

/** Links a report to its child's file, recognising the child by blind-indexed identities. */
@Injectable()
export class RepeatDetector {
  private readonly indexKey: Buffer;

  constructor(
    private readonly files: ChildFilesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // A key of its own, derived from the data key, so hashes cannot be matched against ciphertexts.
    this.indexKey = createHmac('sha256', config.dataEncryptionKey).update('blind-index').digest();
  }

  async file(
    manager: EntityManager,
    child: ReportChild,
    divisionCode: string,
    now: Date,
  ): Promise<ChildFiling> {
    const keys = childIdentities(child, divisionCode).map((id) => blindIndex(this.indexKey, id));
    const existing = await this.files.findFileByKeys(manager, keys);
    if (existing) {
      const repeat = await this.files.hasRecentReport(
        manager,
        existing,
        new Date(now.getTime() - REPEAT_WINDOW_MS),
      );
      await this.files.addKeys(manager, existing, keys);
      return { childFileId: existing, repeat };
    }
    const childFileId = randomUUID();
    await this.files.createFile(manager, { id: childFileId, createdAt: now });
    await this.files.addKeys(manager, childFileId, keys);
    return { childFileId, repeat: false };
  }
}
