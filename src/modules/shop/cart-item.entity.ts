import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from '../accounts/user.entity.js';
import { Product } from './product.entity.js';

/** One line of a user's cart: unique per user and product, 1 to 99 pieces. */
@ObjectType()
@Entity({ tableName: 'cart_item' })
@Unique({ name: 'cart_item_user_product_unique', properties: ['user', 'product'] })
@Check({ name: 'cart_item_quantity_check', expression: 'quantity between 1 and 99' })
export class CartItem extends BaseEntity {
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @ManyToOne(() => Product, { deleteRule: 'cascade' })
  product!: Rel<Product>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
