import type { Rel } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Term } from './term.entity.js';

/** A block of weeks inside a term; courses run in one period. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'period' })
@Unique({ name: 'period_term_index_unique', properties: ['term', 'index'] })
@Check({ name: 'period_dates_check', expression: 'starts_on <= ends_on' })
export class Period extends BaseEntity {
  @ManyToOne(() => Term, { deleteRule: 'cascade' })
  term!: Rel<Term>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  index!: number;

  @Field(() => GraphQLLocalDate)
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => GraphQLLocalDate)
  @Property({ type: 'date' })
  endsOn!: string;
}
