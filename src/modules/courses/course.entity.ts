import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { CourseType } from './course-type.entity.js';
import { Period } from './period.entity.js';

/**
 * A course with limited seats. `remaining` is only ever changed by conditional
 * UPDATE statements (never read-modify-write); `stockVersion` grows with each
 * change so live updates can be ordered.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'course' })
@Check({ name: 'course_remaining_check', expression: 'remaining >= 0 and remaining <= capacity' })
@Check({ name: 'course_capacity_check', expression: 'capacity > 0' })
@Check({ name: 'course_time_check', expression: 'starts_at < ends_at' })
@Check({ name: 'course_weekday_check', expression: 'weekday between 1 and 7' })
@Index({ name: 'course_listing_index', properties: ['weekday', 'startsAt', 'id'] })
@Index({
  name: 'course_title_trgm',
  expression: 'create index "course_title_trgm" on "course" using gin ("title" gin_trgm_ops)',
})
@Index({
  name: 'course_teacher_trgm',
  expression: 'create index "course_teacher_trgm" on "course" using gin ("teacher" gin_trgm_ops)',
})
@Index({
  name: 'course_location_trgm',
  expression: 'create index "course_location_trgm" on "course" using gin ("location" gin_trgm_ops)',
})
export class Course extends BaseEntity {
  [OptionalProps]?: 'assistant' | 'professional' | 'stockVersion' | 'startTime' | 'endTime';

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  teacher!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  assistant: string | null = null;

  @Field(() => String)
  @Property({ type: 'text' })
  location!: string;

  /** Exposed by CourseFieldsResolver (a live value). */
  @Property({ type: 'integer' })
  capacity!: number;

  /** Exposed by CourseFieldsResolver (a live value). */
  @Property({ type: 'integer' })
  remaining!: number;

  @Property({ type: 'bigint', default: 0 })
  stockVersion: number = 0;

  @Field(() => Boolean, {
    description:
      "True for a class restricted to students of the subject (the seed's 'professional class').",
  })
  @Property({ type: 'boolean', default: false })
  professional: boolean = false;

  @Field(() => Int, { description: '1 = Monday ... 7 = Sunday.' })
  @Property({ type: 'smallint' })
  weekday!: number;

  /** Start time of day (`time` column, HH:MM:SS). */
  @Property({ type: 'time', columnType: 'time(0)' })
  startsAt!: string;

  /** End time of day (`time` column, HH:MM:SS). */
  @Property({ type: 'time', columnType: 'time(0)' })
  endsAt!: string;

  @ManyToOne(() => CourseType, { deleteRule: 'restrict' })
  @Index({ name: 'course_type_id_index' })
  type!: Rel<CourseType>;

  @ManyToOne(() => Period, { deleteRule: 'restrict' })
  @Index({ name: 'course_period_id_index' })
  period!: Rel<Period>;

  @Field(() => String, { description: 'HH:MM' })
  get startTime(): string {
    return this.startsAt.slice(0, 5);
  }

  @Field(() => String, { description: 'HH:MM' })
  get endTime(): string {
    return this.endsAt.slice(0, 5);
  }
}
