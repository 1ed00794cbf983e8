import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Category } from './category.entity.js';

/**
 * A product. Prices are integer fen. `stock`, `soldCount`, `clickCount` and
 * `favoriteCount` are only changed by atomic UPDATE statements (never read,
 * modified and written back).
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'product' })
@Check({ name: 'product_stock_check', expression: 'stock >= 0' })
@Check({ name: 'product_price_check', expression: 'price >= 0 and market_price >= 0' })
@Check({
  name: 'product_counts_check',
  expression: 'sold_count >= 0 and click_count >= 0 and favorite_count >= 0',
})
@Index({ name: 'product_newest_index', properties: ['createdAt', 'id'] })
@Index({ name: 'product_price_index', properties: ['price', 'id'] })
@Index({ name: 'product_sold_index', properties: ['soldCount', 'id'] })
@Index({
  name: 'product_name_trgm',
  expression: 'create index "product_name_trgm" on "product" using gin ("name" gin_trgm_ops)',
})
@Index({
  name: 'product_brief_trgm',
  expression: 'create index "product_brief_trgm" on "product" using gin ("brief" gin_trgm_ops)',
})
@Index({
  name: 'product_description_trgm',
  expression:
    'create index "product_description_trgm" on "product" using gin ("description" gin_trgm_ops)',
})
export class Product extends BaseEntity {
  [OptionalProps]?:
    | 'brief'
    | 'description'
    | 'soldCount'
    | 'clickCount'
    | 'favoriteCount'
    | 'isNew'
    | 'isHot'
    | 'images'
    | 'createdAt';

  @Field(() => String)
  @Property({ type: 'text', unique: 'product_sn_unique' })
  sn!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  brief: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field(() => Int, { description: 'fen' })
  @Property({ type: 'integer' })
  price!: number;

  @Field(() => Int, { description: 'fen' })
  @Property({ type: 'integer' })
  marketPrice!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  stock!: number;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  soldCount: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  clickCount: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  favoriteCount: number = 0;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  isNew: boolean = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  isHot: boolean = false;

  @Field(() => [String])
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  images: string[] = [];

  @ManyToOne(() => Category, { deleteRule: 'restrict' })
  @Index({ name: 'product_category_id_index' })
  category!: Rel<Category>;

  /** Millisecond precision, so a JavaScript Date holds it exactly (keyset cursors of NEWEST). */
  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
