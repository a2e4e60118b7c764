import { Inject, Injectable } from '@nestjs/common';
import type { AuditEntry, Page } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditRepository } from './audit.repository';

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string | null;
  /** The division the target lies in, so the county's coordinator can see the row. */
  divisionCode: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records a change in the same transaction as the change itself: no change goes unrecorded. */
  record(manager: EntityManager, actor: Actor | null, event: AuditEvent): Promise<void> {
    return this.audit.append(manager, (seq) => ({
      seq,
      at: this.clock.now(),
      actorUserId: actor?.user.id ?? null,
      actorRoles: actor?.roles ?? [],
      actorUnitId: actor?.unit?.id ?? null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      divisionCode: event.divisionCode,
      ip: actor?.ip ?? null,
      detail: event.detail ?? null,
    }));
  }

  /** Records a read of personal details before they are returned. */
  recordRead(actor: Actor, event: AuditEvent): Promise<void> {
    return this.transactions.run((manager) => this.record(manager, actor, event));
  }

  /** Admins see every row; a coordinator the rows about their county. */
  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEntry>> {
    const scope = hasRole(actor, 'admin') ? 'all' : (actor.unit?.divisionPrefixes ?? []);
    const [rows, total] = await this.audit.page(
      scope,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return {
      total,
      items: rows.map((row) => ({
        seq: row.seq,
        at: row.at.toISOString(),
        actorUserId: row.actorUserId,
        actorRoles: row.actorRoles,
        actorUnitId: row.actorUnitId,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        divisionCode: row.divisionCode,
        ip: row.ip,
      })),
    };
  }
}
