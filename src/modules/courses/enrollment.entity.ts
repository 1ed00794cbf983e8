import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from '../accounts/user.entity.js';
import { Course } from './course.entity.js';

/** A student's seat in a course. The unique (student, course) constraint backs ALREADY_ENROLLED. */
@ObjectType()
@Entity({ tableName: 'enrollment' })
@Unique({ name: 'enrollment_student_course_unique', properties: ['student', 'course'] })
export class Enrollment extends BaseEntity {
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  student!: Rel<User>;

  @ManyToOne(() => Course, { deleteRule: 'restrict' })
  @Index({ name: 'enrollment_course_id_index' })
  course!: Rel<Course>;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
