import { Inject, Injectable } from '@nestjs/common';
import { addDays, childFileAge, shanghaiDate, type DueVisit, type Page } from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { childFileListScope } from '../child-files/child-file-scope';
import { openChild } from '../child-files/child-file-summaries';
import { plannedVisitView } from '../children/visit-views';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { DivisionsService } from '../divisions/divisions.service';
import { UnitsRepository } from '../units/units.repository';
import type { DueVisitListQueryDto } from './dto/due-visit-list-query.dto';
import { DueVisitsRepository } from './due-visits.repository';

/**
 * `GET /visits`: the visits on the plan of the files the caller keeps — a village unit its
 * village's, a township unit its township's (its villages' and its own), the county's coordinator
 * the county's (`childFileListScope`, the list of files' scope without the files held through an
 * order: visiting is the keepers' work) — the soonest due first. Audited like the list of files;
 * no audit row names a child.
 */
@Injectable()
export class DueVisitsService {
  constructor(
    private readonly dues: DueVisitsRepository,
    private readonly sealer: Sealer,
    private readonly divisions: DivisionsService,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: DueVisitListQueryDto): Promise<Page<DueVisit>> {
    const now = this.clock.now();
    const { divisionPrefixes } = childFileListScope(actor);
    await this.audit.recordRead(actor, {
      action: 'visit.list',
      targetType: 'visit',
      targetId: null,
      divisionCode: actor.unit?.divisionPrefixes[0] ?? null,
      detail: { due: query.due === 'true', within: query.within ?? null, page: query.page },
    });
    const [dues, total] = await this.dues.page(
      divisionPrefixes,
      {
        startedBy: query.due === 'true' ? now : null,
        dueBy: query.within === undefined ? null : addDays(now, query.within),
      },
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    const [files, placeNames, units] = await Promise.all([
      this.dues.files(dues.map((due) => due.childFileId)),
      this.divisions.placeNames([...new Set(dues.map((due) => due.divisionCode))]),
      this.units.list(),
    ]);
    const fileById = new Map(files.map((file) => [file.id, file]));
    const unitNames = new Map(units.map((unit) => [unit.id, unit.name]));
    const today = shanghaiDate(now);
    const items = dues.map((due): DueVisit => {
      const file = fileById.get(due.childFileId);
      const child = file ? openChild(this.sealer, file) : {};
      const ageYears = childFileAge(child, today);
      return {
        ...plannedVisitView(due),
        childFileId: due.childFileId,
        overdue: due.dueAt <= now,
        unitId: due.unitId,
        unitName: due.unitId ? (unitNames.get(due.unitId) ?? null) : null,
        placeName: placeNames.get(due.divisionCode) ?? '',
        child: {
          ...(child.name !== undefined ? { name: child.name } : {}),
          ...(child.gender !== undefined ? { gender: child.gender } : {}),
          ...(ageYears !== undefined ? { ageYears } : {}),
        },
      };
    });
    return { items, total };
  }
}
