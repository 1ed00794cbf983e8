import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/pagination.js';
import { CartItem } from './cart-item.entity.js';
import { Order } from './order.entity.js';
import { Product } from './product.entity.js';

/** The viewer's cart with totals at current prices. */
@ObjectType({ simpleResolvers: true })
export class Cart {
  @Field(() => [CartItem])
  items!: CartItem[];

  @Field(() => Int)
  totalQuantity!: number;

  @Field(() => Int, { description: 'fen' })
  totalPrice!: number;
}

/** Where to send the buyer to pay an order. */
@ObjectType({ simpleResolvers: true })
export class Payment {
  @Field(() => ID)
  orderId!: string;

  @Field(() => String, { description: 'Signed pay-page URL at the configured Alipay gateway.' })
  payUrl!: string;
}

export const ProductConnection = Connection('Product', Product);
export const OrderConnection = Connection('Order', Order);
