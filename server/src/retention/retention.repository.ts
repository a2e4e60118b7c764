import { PURGED_NOTICE } from '@shouhu/shared';
import { type DataSource, In, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import { ChildFileEntity, ChildIdentityKeyEntity } from '../children/child-file.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { OrderEntity, OrderEventEntity } from '../orders/order.entity';
import { ReportEventEntity } from '../reports/report-event.entity';
import { ReportEntity } from '../reports/report.entity';
import { SmsMessageEntity } from '../sms/sms-message.entity';
import { UploadEntity } from '../uploads/upload.entity';

/** A closed report whose retention period is over. */
export interface ExpiredReport {
  id: string;
  divisionCode: string;
  closedAt: Date;
}

/**
 * The SQL of the retention purge: which reports are due, and clearing every column of every table
 * that holds a personal detail or free text about one report, keeping what statistics read.
 */
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Closed before `cutoff` and not purged yet, oldest closing first. */
  async expired(cutoff: Date, limit: number): Promise<ExpiredReport[]> {
    const rows = await this.dataSource.getRepository(ReportEntity).find({
      select: { id: true, divisionCode: true, closedAt: true },
      where: { status: 'closed', closedAt: LessThan(cutoff), purgedAt: IsNull() },
      order: { closedAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, divisionCode: r.divisionCode, closedAt: r.closedAt! }));
  }

  /**
   * Locks the report and answers whether it is still closed before `cutoff` and not purged: a
   * report reopened since it was listed keeps its details.
   */
  async lockIfExpired(manager: EntityManager, id: string, cutoff: Date): Promise<boolean> {
    const query = manager
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where({ id, status: 'closed', closedAt: LessThan(cutoff), purgedAt: IsNull() });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return (await query.getCount()) === 1;
  }

  /**
   * Clears the report's personal details and free texts: description, sealed location, child and
   * reporter, the institution, rating and call-back comments; order notes and summaries; every
   * timeline text (report's and orders'); the texts of its WeChat and SMS messages and a caller's
   * phone. Kept: situations, division, dates, priority, channel, child's sex and age, outcomes,
   * departments, clocks, ratings and scores.
   */
  async clear(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.getRepository(ReportEntity).update(
      { id },
      {
        description: '',
        locationSealed: '',
        childSealed: '',
        reporterSealed: null,
        reporterOrgName: null,
        ratingComment: null,
        callbackComment: null,
        purgedAt: now,
      },
    );
    const orderIds = (
      await manager
        .getRepository(OrderEntity)
        .find({ select: { id: true }, where: { reportId: id } })
    ).map((o) => o.id);
    if (orderIds.length > 0) {
      await manager
        .getRepository(OrderEntity)
        .update({ id: In(orderIds) }, { reporterSummary: null });
      await manager
        .getRepository(OrderEventEntity)
        .update({ orderId: In(orderIds) }, { text: PURGED_NOTICE, detail: null });
    }
    await manager
      .getRepository(ReportEventEntity)
      .update({ reportId: id }, { text: PURGED_NOTICE });
    await manager
      .getRepository(SmsMessageEntity)
      .update({ reportId: id }, { phoneSealed: null, params: [] });
    await manager.getRepository(NotificationEntity).update({ reportId: id }, { data: {} });
  }

  /** Deletes the report's evidence rows and answers their ids, whose files go after commit. */
  async deleteUploads(manager: EntityManager, reportId: string): Promise<string[]> {
    const uploads = await manager
      .getRepository(UploadEntity)
      .find({ select: { id: true }, where: { reportId } });
    if (uploads.length > 0) await manager.getRepository(UploadEntity).delete({ reportId });
    return uploads.map((u) => u.id);
  }

  /**
   * Removes the blind-index keys of the report's child file, and the identity the file took from
   * its reports, once no report of the file keeps its details — unless a village or township
   * worker took the child onto the register (a 摸排 file, or one given a category): that file is
   * the child's own record, kept while the child is followed. The keys are locked first, so a
   * report about the same child being filed right now either commits first (and is seen here,
   * keeping the keys) or waits and starts a new file.
   */
  async releaseChildKeys(manager: EntityManager, reportId: string): Promise<number> {
    const report = await manager
      .getRepository(ReportEntity)
      .findOne({ select: { childFileId: true }, where: { id: reportId } });
    const fileId = report?.childFileId;
    if (!fileId) return 0;
    const keys = manager
      .getRepository(ChildIdentityKeyEntity)
      .createQueryBuilder('k')
      .where({ childFileId: fileId });
    if (manager.connection.options.type !== 'better-sqlite3') keys.setLock('pessimistic_write');
    const locked = await keys.getMany();
    const kept = await manager
      .getRepository(ReportEntity)
      .count({ where: { childFileId: fileId, purgedAt: IsNull(), id: Not(reportId) } });
    if (kept > 0 || locked.length === 0) return 0;
    const file = await manager.getRepository(ChildFileEntity).findOneBy({ id: fileId });
    if (file && (file.origin === 'survey' || file.categories.length > 0)) return 0;
    await manager.getRepository(ChildIdentityKeyEntity).delete({ childFileId: fileId });
    await manager.getRepository(ChildFileEntity).update(
      { id: fileId },
      {
        childSealed: null,
        guardianSealed: null,
        carerSealed: null,
        helpSealed: null,
        nameKey: null,
        idKey: null,
      },
    );
    return locked.length;
  }
}
