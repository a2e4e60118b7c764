import { Inject, Injectable } from '@nestjs/common';
import {
  mayEditChildFile,
  shanghaiDate,
  type ChildFileDetail,
  type ChildFilePerson,
  type ChildFileSummary,
  type HelpInPlace,
  type Page,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ChildFilesRepository } from '../children/child-files.repository';
import { ChildIndex } from '../children/child-index';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { DivisionsService } from '../divisions/divisions.service';
import { ChildFileHolding } from '../orders/child-file-holding';
import { OrdersRepository } from '../orders/orders.repository';
import { ChildFileDetails } from './child-file-details';
import { childFileNotFound } from './child-file-not-found';
import { ChildFileQueriesRepository, type ChildFileFilter } from './child-file-queries.repository';
import { childFileListScope } from './child-file-scope';
import { ChildFileSummaries, openChild, toChildFileSummary } from './child-file-summaries';
import type { ChildFileListQueryDto } from './dto/child-file-list-query.dto';

/**
 * What staff read of children's files: the list of their scope and one file with its reports,
 * orders, handovers and timeline. Who sees a file is the shared `childFileCapacity`; every read is
 * audited, and no audit row identifies the child (no name, number or search term).
 */
@Injectable()
export class ChildFileQueriesService {
  constructor(
    private readonly files: ChildFilesRepository,
    private readonly queries: ChildFileQueriesRepository,
    private readonly orders: OrdersRepository,
    private readonly holding: ChildFileHolding,
    private readonly summaries: ChildFileSummaries,
    private readonly details: ChildFileDetails,
    private readonly sealer: Sealer,
    private readonly divisions: DivisionsService,
    private readonly audit: AuditService,
    private readonly index: ChildIndex,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ChildFileListQueryDto): Promise<Page<ChildFileSummary>> {
    const scope = childFileListScope(actor);
    const heldFileIds = scope.holdingUnitId
      ? await this.orders.childFilesHeldBy(scope.holdingUnitId)
      : [];
    const filter: ChildFileFilter = {
      status: query.status,
      division: query.division,
      category: query.category,
      priorityOnly: query.priority === 'true',
      dropout: query.dropout,
      keys:
        query.q === undefined
          ? undefined
          : { nameKey: this.index.nameKey(query.q), idKey: this.index.idKey(query.q) },
    };
    await this.audit.recordRead(actor, {
      action: 'child_file.list',
      targetType: 'child_file',
      targetId: null,
      divisionCode: query.division ?? actor.unit?.divisionPrefixes[0] ?? null,
      detail: {
        status: query.status,
        division: query.division ?? null,
        category: query.category ?? null,
        priorityOnly: query.priority === 'true',
        dropout: query.dropout ?? null,
        searched: query.q !== undefined,
        page: query.page,
      },
    });
    const [rows, total] = await this.queries.page(
      { divisionPrefixes: scope.divisionPrefixes, heldFileIds },
      filter,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items: await this.summaries.of(rows, this.clock.now()), total };
  }

  async detail(actor: Actor, id: string): Promise<ChildFileDetail> {
    const file = await this.files.findById(id);
    const capacity = file ? await this.holding.capacityOf(actor, file) : null;
    if (!file || !capacity) throw childFileNotFound();
    await this.audit.recordRead(actor, {
      action: 'child_file.read',
      targetType: 'child_file',
      targetId: file.id,
      divisionCode: file.divisionCode,
      detail: { capacity },
    });
    const [unitNames, placeNames, dropoutChecks] = await Promise.all([
      this.summaries.unitNames(),
      this.divisions.placeNames([file.divisionCode]),
      this.summaries.dropoutChecks([file]),
    ]);
    const history = await this.details.history(file.id, { actor, capacity, unitNames });
    const child = openChild(this.sealer, file);
    const summary = toChildFileSummary(file, child, {
      reportCounts: new Map([[file.id, history.reports.length]]),
      openOrderCounts: new Map([[file.id, history.openOrderCount]]),
      placeNames,
      unitNames,
      dropoutChecks,
      today: shanghaiDate(this.clock.now()),
    });
    return {
      ...summary,
      capacity,
      mayEdit: mayEditChildFile(capacity),
      child: { ...child, ...summary.child },
      guardian: this.open<ChildFilePerson>(file.guardianSealed),
      carer: this.open<ChildFilePerson>(file.carerSealed),
      help: this.open<HelpInPlace[]>(file.helpSealed) ?? [],
      closeReason: file.closeReason,
      closeNote: file.closeNote,
      closedAt: file.closedAt?.toISOString() ?? null,
      reports: history.reports,
      handovers: history.handovers,
      visits: history.visits,
      plannedVisits: history.plannedVisits,
      timeline: history.timeline,
    };
  }

  private open<T>(sealed: string | null): T | null {
    return sealed ? this.sealer.open<T>(sealed) : null;
  }
}
