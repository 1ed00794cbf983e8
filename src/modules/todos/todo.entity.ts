import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from '../accounts/user.entity.js';

/**
 * One item of a user's todo list. Positions are dense (0…n-1) per owner; the
 * unique (owner, position) constraint is deferred so a reorder can move rows
 * through each other's positions inside one transaction.
 */
@ObjectType()
@Entity({ tableName: 'todo' })
@Unique({
  name: 'todo_owner_position_unique',
  properties: ['owner', 'position'],
  deferMode: 'deferred',
})
export class Todo extends BaseEntity {
  [OptionalProps]?: 'done' | 'createdAt' | 'updatedAt';

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  owner!: Rel<User>;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  done: boolean = false;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
