import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../../db/base.entity.js';
import { Order } from './order.entity.js';

/**
 * A verified Alipay payment notification, one per trade number: replays find
 * it and change nothing. A payment for an order that was no longer payable
 * (expired, cancelled) is kept with `refundRequired`.
 */
@Entity({ tableName: 'payment' })
export class PaymentRecord extends BaseEntity {
  [OptionalProps]?: 'receivedAt' | 'refundRequired';

  @ManyToOne(() => Order, { deleteRule: 'restrict' })
  @Index({ name: 'payment_order_id_index' })
  order!: Rel<Order>;

  @Property({ type: 'text', unique: 'payment_trade_no_unique' })
  tradeNo!: string;

  @Property({ type: 'integer' })
  amount!: number;

  @Property({ type: 'text' })
  tradeStatus!: string;

  @Property({ type: 'boolean', default: false })
  refundRequired: boolean = false;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  receivedAt: Date = new Date();
}
