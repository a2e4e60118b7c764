import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many more new orders of their unit a handler will be told of (one per acceptance). Kept per
 * user, not per unit: WeChat counts the acceptance for the person, who keeps it if they move unit.
 */
@Entity('new_order_subscriptions')
export class NewOrderSubscriptionEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'integer' })
  remaining: number;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
