import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An institution's name is unique within its county byte for byte. MariaDB's default
 * utf8mb4_unicode_ci weighs every character outside the BMP alike (𠀀小学 = 𠀁小学) and folds
 * case, so the unique index refused names that differ; utf8mb4_bin compares them as written.
 * SQLite compares text byte for byte already.
 */
export class InstitutionNameBinary1765100100000 implements MigrationInterface {
  name = 'InstitutionNameBinary1765100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.collate(queryRunner, 'utf8mb4_bin');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.collate(queryRunner, 'utf8mb4_unicode_ci');
  }

  private async collate(queryRunner: QueryRunner, collation: string): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'better-sqlite3') return;
    await queryRunner.query(
      `ALTER TABLE institutions MODIFY name varchar(100) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`,
    );
  }
}
