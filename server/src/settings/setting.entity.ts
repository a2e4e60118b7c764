import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small facts the server keeps about its own data (e.g. which division data set is loaded). */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn({ name: 'setting_key', type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 255 })
  value: string;
}
