import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { withNamedLock } from '../database/named-lock';
import { SettingEntity } from '../settings/setting.entity';
import { DivisionEntity } from './division.entity';

const MARKER_KEY = 'divisions.dataset';
const LOCK_NAME = 'shouhu.divisions';
/** Rows an INSERT carries: 8,000 bound values, within SQLite's limit. */
const BATCH = 2000;
/**
 * Divisions a server keeps in memory once read: a county's few hundred many times over, a
 * fraction of China's 665 k.
 */
const REMEMBERED = 20_000;

@Injectable()
export class DivisionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Divisions by code, as read. The dataset changes only when a server boots with another one
   * (`loadOnce`), and a deployment that changes it restarts every server, so a row once read stays
   * true for this process: intake's checks and texts then cost no statement. Only found rows are
   * kept, so a code is never refused from memory.
   */
  private readonly known = new LRUCache<string, DivisionEntity>({ max: REMEMBERED });

  children(parentCode: string | null): Promise<DivisionEntity[]> {
    return this.dataSource.getRepository(DivisionEntity).find({
      where: { parentCode: parentCode ?? IsNull() },
      order: { code: 'ASC' },
    });
  }

  async findByCode(code: string): Promise<DivisionEntity | null> {
    const [row] = await this.findMany([code]);
    return row ?? null;
  }

  /** The division of `code` and every one below it, by code (a prefix scan of the primary key). */
  withDescendants(code: string): Promise<DivisionEntity[]> {
    return this.dataSource
      .getRepository(DivisionEntity)
      .createQueryBuilder('d')
      .where('d.code LIKE :prefix', { prefix: `${code}%` })
      .orderBy('d.code', 'ASC')
      .getMany();
  }

  /** `manager`: a caller inside a transaction reads on its own connection (see placeNames). */
  async findMany(
    codes: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DivisionEntity[]> {
    const unique = [...new Set(codes)];
    const found = unique.flatMap((code) => this.known.get(code) ?? []);
    const missing = unique.filter((code) => !this.known.has(code));
    if (missing.length === 0) return found;
    const read = await manager
      .getRepository(DivisionEntity)
      .createQueryBuilder('d')
      .where('d.code IN (:...codes)', { codes: missing })
      .getMany();
    for (const row of read) this.known.set(row.code, row);
    return [...found, ...read];
  }

  /**
   * Replaces the table with `rows` unless the stored marker already equals `marker`. Two servers
   * starting together take turns (a named lock on MariaDB; SQLite has one writer anyway).
   */
  loadOnce(marker: string, rows: () => Iterable<DivisionEntity>): Promise<number | null> {
    return withNamedLock(this.dataSource, LOCK_NAME, async (locked) => {
      const current = await locked.getRepository(SettingEntity).findOneBy({ key: MARKER_KEY });
      if (current?.value === marker) return null;
      return locked.transaction(async (manager) => {
        this.known.clear();
        const count = await this.replace(manager, rows());
        await manager.getRepository(SettingEntity).save({ key: MARKER_KEY, value: marker });
        return count;
      });
    });
  }

  private async replace(manager: EntityManager, rows: Iterable<DivisionEntity>): Promise<number> {
    await manager.createQueryBuilder().delete().from(DivisionEntity).execute();
    let batch: DivisionEntity[] = [];
    let count = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      // Plain placeholders, not the query builder: TypeORM building the values of all of China's
      // 665 k rows made a cold first boot's load take 86 s where this takes 25 s (2-core machine).
      await manager.query(
        `INSERT INTO divisions (code, parent_code, name, level) VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}`,
        batch.flatMap((row) => [row.code, row.parentCode, row.name, row.level]),
      );
      count += batch.length;
      batch = [];
    };
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    return count;
  }
}
