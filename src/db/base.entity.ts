import { BigIntType } from '@mikro-orm/core';
import { PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Field, ID } from 'type-graphql';

/**
 * Base of every table: a `bigint` identity key, exposed to GraphQL as an `ID`
 * string (JavaScript numbers cannot hold every bigint).
 */
export abstract class BaseEntity {
  @Field(() => ID)
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;
}
