import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How many orders lie at one place: a unit and a report's division (issue 17). The lists' exact
 * `total` as they open sums these rows under the caller's scope instead of counting the orders
 * (at 1 M orders a county's `COUNT(*)` read its index whole). Kept in the same transaction as
 * every insert of an order and every change of its unit (`OrderCountsRepository.move`, called
 * only by `OrdersRepository`, through which every order write goes).
 */
@Entity('order_counts')
@Index('IDX_order_counts_division', ['divisionCode'])
export class OrderCountEntity {
  /** The orders' unit id, or `''` for orders in no unit (the admin queue): a key cannot be null. */
  @PrimaryColumn({ name: 'unit_key', type: 'varchar', length: 36 })
  unitKey: string;

  /** The orders' (their reports') division code. */
  @PrimaryColumn({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;

  /** The number of orders at this place, resolved ones included. */
  @Column({ type: 'integer' })
  n: number;
}
