import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from '../accounts/user.entity.js';

/** A shipping address; at most one per owner is the default (partial unique index). */
@ObjectType()
@Entity({ tableName: 'address' })
@Index({
  name: 'address_one_default_per_owner',
  expression:
    'create unique index "address_one_default_per_owner" on "address" ("owner_id") where "is_default"',
})
export class Address extends BaseEntity {
  [OptionalProps]?: 'isDefault' | 'createdAt';

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index({ name: 'address_owner_id_index' })
  owner!: Rel<User>;

  @Field(() => String)
  @Property({ type: 'text' })
  province!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  city!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  district!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  detail!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  recipientName!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  recipientPhone!: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  isDefault: boolean = false;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
