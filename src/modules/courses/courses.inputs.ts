import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CourseFilter {
  @Field(() => ID, { nullable: true })
  termId?: string | null;

  @Field(() => ID, { nullable: true })
  periodId?: string | null;

  @Field(() => ID, { nullable: true })
  typeId?: string | null;

  @Field(() => Int, { nullable: true })
  weekday?: number | null;

  @Field(() => Boolean, { nullable: true })
  professional?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Matches title, teacher or location.' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only courses with remaining > 0.' })
  availableOnly?: boolean | null;
}

@InputType()
export class CourseTypeInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  logo?: string | null;
}

@InputType()
export class TermInput {
  @Field(() => Int)
  index!: number;

  @Field(() => GraphQLLocalDate)
  startsOn!: string;

  @Field(() => GraphQLLocalDate)
  endsOn!: string;

  @Field(() => Date)
  selectionStartsAt!: Date;

  @Field(() => Date)
  selectionEndsAt!: Date;
}

@InputType()
export class PeriodInput {
  @Field(() => ID)
  termId!: string;

  @Field(() => Int)
  index!: number;

  @Field(() => GraphQLLocalDate)
  startsOn!: string;

  @Field(() => GraphQLLocalDate)
  endsOn!: string;
}

@InputType()
export class CourseInput {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  teacher!: string;

  @Field(() => String, { nullable: true })
  assistant?: string | null;

  @Field(() => String)
  location!: string;

  @Field(() => Int)
  capacity!: number;

  @Field(() => Boolean, { defaultValue: false })
  professional: boolean = false;

  @Field(() => Int)
  weekday!: number;

  @Field(() => String)
  startTime!: string;

  @Field(() => String)
  endTime!: string;

  @Field(() => ID)
  typeId!: string;

  @Field(() => ID)
  periodId!: string;
}

@InputType()
export class UpdateCourseInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  teacher?: string | null;

  @Field(() => String, { nullable: true })
  assistant?: string | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Cannot go below the number of current enrolments.',
  })
  capacity?: number | null;

  @Field(() => Boolean, { nullable: true })
  professional?: boolean | null;

  @Field(() => Int, { nullable: true })
  weekday?: number | null;

  @Field(() => String, { nullable: true })
  startTime?: string | null;

  @Field(() => String, { nullable: true })
  endTime?: string | null;

  @Field(() => ID, { nullable: true })
  typeId?: string | null;
}
