import { BigIntType } from '@mikro-orm/core';
import { PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * Base of every table: a `bigint` identity key, exposed to GraphQL as an `ID`
 * string (JavaScript numbers cannot hold every bigint). Decorated so that
 * object types inherit the `id` field; it is never emitted on its own.
 */
@ObjectType()
export abstract class BaseEntity {
  @Field(() => ID)
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;
}
