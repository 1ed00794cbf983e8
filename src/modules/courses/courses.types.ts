import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/pagination.js';
import { Course } from './course.entity.js';
import { Enrollment } from './enrollment.entity.js';

/** Seats of one course; the payload of `courseStockChanged`. */
@ObjectType({ simpleResolvers: true })
export class CourseStock {
  @Field(() => ID)
  courseId!: string;

  @Field(() => Int)
  remaining!: number;

  @Field(() => Int)
  capacity!: number;

  @Field(() => Date, { description: 'When this seat count was committed (server clock).' })
  changedAt!: Date;
}

/** A stock change as published after commit; `version` orders changes of one course. */
export interface StockEvent {
  courseId: string;
  remaining: number;
  capacity: number;
  version: number;
  /** Commit time, epoch milliseconds. */
  at: number;
}

export const CourseConnection = Connection('Course', Course);
export const EnrollmentConnection = Connection('Enrollment', Enrollment);
