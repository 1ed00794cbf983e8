import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from '../accounts/user.entity.js';
import { Product } from './product.entity.js';

/** A user's favourite product (unique per user and product). */
@Entity({ tableName: 'favorite' })
@Unique({ name: 'favorite_user_product_unique', properties: ['user', 'product'] })
export class Favorite extends BaseEntity {
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @ManyToOne(() => Product, { deleteRule: 'cascade' })
  @Index({ name: 'favorite_product_id_index' })
  product!: Rel<Product>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
