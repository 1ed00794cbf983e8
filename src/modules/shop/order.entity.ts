import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from '../accounts/user.entity.js';
import { Product } from './product.entity.js';

export enum OrderStatus {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  PAID = 'PAID',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus' });

/**
 * An order made from the cart. Names, prices and the address are copies taken
 * at checkout. Status only moves PENDING_PAYMENT → PAID or → CANCELLED, each
 * by a conditional UPDATE, so stock and sold counts move exactly once.
 */
@ObjectType()
@Entity({ tableName: 'shop_order' })
@Index({ name: 'shop_order_pending_expiry_index', properties: ['status', 'expiresAt'] })
@Index({ name: 'shop_order_owner_index', properties: ['owner', 'id'] })
@Check({ name: 'shop_order_total_check', expression: 'total >= 0' })
export class Order extends BaseEntity {
  [OptionalProps]?:
    'status' | 'note' | 'tradeNo' | 'paidAt' | 'cancelledAt' | 'cancelReason' | 'createdAt';

  @Field(() => String, { description: 'Human-readable order number, unique.' })
  @Property({ type: 'text', unique: 'shop_order_sn_unique' })
  orderSn!: string;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  owner!: Rel<User>;

  @Field(() => OrderStatus)
  @Enum({ items: () => OrderStatus, nativeEnumName: 'order_status' })
  status: OrderStatus = OrderStatus.PENDING_PAYMENT;

  @Field(() => Int, { description: 'fen' })
  @Property({ type: 'integer' })
  total!: number;

  @Field(() => String, { description: 'Copy of the address at checkout time, one line.' })
  @Property({ type: 'text' })
  shippingAddress!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  recipientName!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  recipientPhone!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  tradeNo: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  paidAt: Date | null = null;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** One line of an order; the product's name and unit price as they were at checkout. */
@ObjectType()
@Entity({ tableName: 'order_line' })
@Check({ name: 'order_line_quantity_check', expression: 'quantity > 0' })
export class OrderLine extends BaseEntity {
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  @Index({ name: 'order_line_order_id_index' })
  order!: Rel<Order>;

  @ManyToOne(() => Product, { deleteRule: 'restrict' })
  product!: Rel<Product>;

  @Field(() => String, {
    description: 'Name and unit price as they were when the order was placed.',
  })
  @Property({ type: 'text' })
  productName!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  unitPrice!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  subtotal!: number;
}
