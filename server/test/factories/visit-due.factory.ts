import type { INestApplication } from '@nestjs/common';
import type { VisitReason } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import type { ChildFileEntity } from '../../src/children/child-file.entity';
import { VisitDueEntity } from '../../src/children/visit.entity';
import { VisitDuesRepository } from '../../src/children/visit-dues.repository';

export interface VisitDueOverrides {
  reason?: VisitReason;
  startedAt: Date;
  dueAt: Date;
  /** By default unique to the file, reason and start. */
  dedupKey?: string;
}

/**
 * A visit on a file's plan, put there through `VisitDuesRepository.plan` as the planners do (the
 * keeping unit and place are the file's), with the file's next visit kept. Stands in for the
 * plans of other lanes (quarterly after a visit, a dropout's return) in tests of the clock.
 */
export async function aVisitDue(
  app: INestApplication,
  file: Pick<ChildFileEntity, 'id' | 'unitId' | 'divisionCode'>,
  overrides: VisitDueOverrides,
): Promise<VisitDueEntity> {
  const reason = overrides.reason ?? 'quarterly';
  const dedupKey =
    overrides.dedupKey ?? `${file.id}:${reason}:${overrides.startedAt.toISOString()}`;
  const dues = app.get(VisitDuesRepository);
  const db = app.get(DataSource);
  await db.transaction(async (manager) => {
    await dues.plan(
      manager,
      {
        childFileId: file.id,
        unitId: file.unitId,
        divisionCode: file.divisionCode,
        reason,
        dedupKey,
        startedAt: overrides.startedAt,
        dueAt: overrides.dueAt,
      },
      overrides.startedAt,
    );
    await dues.refreshNextVisitDue(manager, file.id);
  });
  return db.getRepository(VisitDueEntity).findOneByOrFail({ dedupKey });
}
