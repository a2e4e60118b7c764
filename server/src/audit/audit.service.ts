import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuditEntry, Page } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { CLOCK, type Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TransactionRunner, type TransactionScope } from '../database/transaction-runner';
import {
  channelRoles,
  mayKnowReporterActor,
  reporterPseudonym,
  type AuditViewer,
  type ReportOfRow,
} from './audit-actors';
import type { UnchainedRecord } from './audit-chain';
import type { AuditEntryEntity } from './audit-entry.entity';
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
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The blind-index key, not the data key: it outlives key rotations, so pseudonyms stay the same.
    this.pseudonymKey = createHmac('sha256', config.blindIndexKey)
      .update('audit-pseudonym')
      .digest();
  }

  private readonly pseudonymKey: Buffer;
  /** Rows recorded in a transaction that are appended just before it commits. */
  private readonly queued = new WeakMap<TransactionScope, UnchainedRecord[]>();

  /**
   * Records a change in the same transaction as the change itself: no change goes unrecorded. In
   * a transaction of the TransactionRunner the row is appended with the transaction's other rows
   * as its last statements, so the chain head is locked only from then to the commit; in any
   * other transaction it is appended at once.
   */
  async record(manager: EntityManager, actor: Actor | null, event: AuditEvent): Promise<void> {
    const row: UnchainedRecord = {
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
    };
    const transaction = this.transactions.scopeOf(manager);
    if (!transaction) return this.audit.append(manager, [row]);
    const queued = this.queued.get(transaction);
    if (queued) {
      queued.push(row);
      return;
    }
    const rows = [row];
    this.queued.set(transaction, rows);
    transaction.beforeCommit('audit_head', (m) => this.audit.append(m, rows));
  }

  /** Records a read of personal details before they are returned. */
  recordRead(actor: Actor, event: AuditEvent): Promise<void> {
    return this.transactions.run((manager) => this.record(manager, actor, event));
  }

  /**
   * Admins see every row; a coordinator the rows about their county. A row whose actor acted as
   * the reporter of the report it is about (filing, reading, rating, subscribing; a hotline
   * operator for their caller) names that actor only to a viewer who may know the reporter
   * (`mayKnowReporterActor`); to anyone else it shows a per-report pseudonym and no id, address,
   * unit or roles beyond what the report's channel tells. The stored row is unchanged.
   */
  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEntry>> {
    const scope = hasRole(actor, 'admin') ? 'all' : (actor.unit?.divisionPrefixes ?? []);
    const [rows, total] = await this.audit.page(
      scope,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    const viewer: AuditViewer = {
      coordinatorPrefixes: hasRole(actor, 'coordinator')
        ? (actor.unit?.divisionPrefixes ?? [])
        : [],
    };
    const reportIds = [...new Set(rows.map(reportIdOf).filter((id) => id !== null))];
    const reports = new Map(
      (await this.audit.reportsOfRows(reportIds)).map((report) => [report.id, report]),
    );
    return { total, items: rows.map((row) => this.toEntry(row, reports, viewer)) };
  }

  private toEntry(
    row: AuditEntryEntity,
    reports: ReadonlyMap<string, ReportOfRow>,
    viewer: AuditViewer,
  ): AuditEntry {
    const reportId = reportIdOf(row);
    const report = reportId ? reports.get(reportId) : undefined;
    const entry: AuditEntry = {
      seq: row.seq,
      at: row.at.toISOString(),
      actorUserId: row.actorUserId,
      actorPseudonym: null,
      actorRoles: row.actorRoles,
      actorUnitId: row.actorUnitId,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      divisionCode: row.divisionCode,
      ip: row.ip,
    };
    if (
      !report ||
      row.actorUserId !== report.reporterUserId ||
      mayKnowReporterActor(report, viewer)
    ) {
      return entry;
    }
    return {
      ...entry,
      actorUserId: null,
      actorPseudonym: reporterPseudonym(this.pseudonymKey, report.reporterUserId, report.id),
      actorRoles: channelRoles(report.channel),
      actorUnitId: null,
      ip: null,
    };
  }
}

/** The report a row is about: its target, or the report named in its detail (files, orders). */
function reportIdOf(row: AuditEntryEntity): string | null {
  if (row.targetType === 'report') return row.targetId;
  const detail = row.detail as { reportId?: unknown } | null;
  return typeof detail?.reportId === 'string' ? detail.reportId : null;
}
