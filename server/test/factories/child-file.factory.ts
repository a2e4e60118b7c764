import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type {
  ChildCategory,
  ChildFileChild,
  ChildFilePerson,
  ChildFileStatus,
  DropoutState,
  HelpInPlace,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import {
  type ChildFileEntity,
  ChildIdentityKeyEntity,
  NEW_FILE_FOLLOW_UP,
} from '../../src/children/child-file.entity';
import { ChildFilesRepository } from '../../src/children/child-files.repository';
import { ChildIndex } from '../../src/children/child-index';
import { Sealer } from '../../src/crypto/sealer';
import { TransactionRunner } from '../../src/database/transaction-runner';

export interface ChildFileOverrides {
  divisionCode?: string;
  unitId?: string | null;
  status?: ChildFileStatus;
  categories?: ChildCategory[];
  child?: ChildFileChild;
  guardian?: ChildFilePerson;
  help?: HelpInPlace[];
  nextVisitDueAt?: Date | null;
  /** 重点关注 (假期走访). */
  priority?: boolean;
  updatedAt?: Date;
  /** 控辍保学: on the list in this state since then (and back at school since `returnedAt`). */
  dropout?: { state: DropoutState; since: Date; returnedAt?: Date | null };
}

/**
 * A file opened by a village or township worker (摸排), written as the server keeps one: sealed
 * identity, search keys, the identity keys that link later reports about the same child to it,
 * and the kept counts of files. Stands in for `POST /children` in tests of the reads.
 */
export async function aChildFile(
  app: INestApplication,
  overrides: ChildFileOverrides = {},
): Promise<ChildFileEntity> {
  const sealer = app.get(Sealer);
  const index = app.get(ChildIndex);
  const now = new Date();
  const child = overrides.child ?? { name: '王小红', gender: 'female', ageYears: 9 };
  const divisionCode = overrides.divisionCode ?? '341324100203';
  const file: ChildFileEntity = {
    id: randomUUID(),
    status: overrides.status ?? 'active',
    origin: 'survey',
    ...NEW_FILE_FOLLOW_UP,
    priority: overrides.priority ?? false,
    ...(overrides.dropout
      ? {
          dropoutState: overrides.dropout.state,
          dropoutSince: overrides.dropout.since,
          dropoutReturnedAt: overrides.dropout.returnedAt ?? null,
        }
      : {}),
    divisionCode,
    unitId: overrides.unitId ?? null,
    categories: overrides.categories ?? ['left_behind'],
    childSealed: sealer.seal(child),
    childGender: child.gender ?? null,
    guardianSealed: overrides.guardian ? sealer.seal(overrides.guardian) : null,
    carerSealed: null,
    helpSealed: overrides.help ? sealer.seal(overrides.help) : null,
    nameKey: index.nameKey(child.name),
    idKey: index.idKey(child.idNumber),
    closeReason: overrides.status === 'closed' ? 'turned_18' : null,
    closeNote: null,
    closedAt: overrides.status === 'closed' ? now : null,
    nextVisitDueAt: overrides.nextVisitDueAt ?? null,
    createdAt: now,
    updatedAt: overrides.updatedAt ?? now,
  };
  // Through the repository, as every write of a file: it keeps the files' counts too.
  await app
    .get(TransactionRunner)
    .run((manager) => app.get(ChildFilesRepository).createFile(manager, file));
  const db = app.get(DataSource);
  const keys = index.identityKeys(child, divisionCode, now);
  if (keys.length > 0) {
    await db
      .getRepository(ChildIdentityKeyEntity)
      .insert(keys.map((keyHash) => ({ keyHash, childFileId: file.id })));
  }
  return file;
}
