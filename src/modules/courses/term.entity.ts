import { Check, Entity, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';

/** A cohort ("the Nth term"): its dates and its course-selection window. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'term' })
@Check({ name: 'term_dates_check', expression: 'starts_on <= ends_on' })
@Check({
  name: 'term_selection_window_check',
  expression: 'selection_starts_at < selection_ends_at',
})
export class Term extends BaseEntity {
  @Field(() => Int, { description: "The cohort number (the 'Nth term' of the programme)." })
  @Property({ type: 'integer', unique: 'term_index_unique' })
  index!: number;

  @Field(() => GraphQLLocalDate)
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => GraphQLLocalDate)
  @Property({ type: 'date' })
  endsOn!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  selectionStartsAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  selectionEndsAt!: Date;
}

/** True while the term's selection window is open. */
export function isSelectionOpen(
  term: Pick<Term, 'selectionStartsAt' | 'selectionEndsAt'>,
  now: Date,
): boolean {
  return term.selectionStartsAt <= now && now < term.selectionEndsAt;
}
