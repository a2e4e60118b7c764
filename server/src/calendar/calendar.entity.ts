import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A year the calendar covers; days not listed in `calendar_days` follow Mon–Fri. */
@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  /** `chinese-days` when seeded from the package, `admin` once edited. */
  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}

/** A statutory holiday on a weekday, or a 调休 workday on a weekend. */
@Entity('calendar_days')
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'boolean' })
  working: boolean;

  @Column({ type: 'varchar', length: 50, nullable: true })
  name: string | null;
}
