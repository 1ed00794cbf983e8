import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../app/context.js';
import { locateSharedRefusal } from '../../errors/index.js';
import { Role, User } from '../accounts/user.entity.js';
import { Course } from './course.entity.js';
import { CourseStock, EnrollmentConnection } from './courses.types.js';
import { Enrollment } from './enrollment.entity.js';
import { EnrollmentService } from './enrollment.service.js';

@Resolver()
export class EnrollmentResolver {
  constructor(private readonly service: EnrollmentService) {}

  @Authorized()
  @Mutation(() => Enrollment)
  enroll(
    @Ctx() ctx: RequestContext,
    @Arg('courseId', () => ID) courseId: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Enrollment> {
    return this.service.enroll(ctx, courseId).catch((err: unknown) => {
      throw locateSharedRefusal(err, info);
    });
  }

  @Authorized()
  @Mutation(() => CourseStock)
  dropCourse(
    @Ctx() ctx: RequestContext,
    @Arg('courseId', () => ID) courseId: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CourseStock> {
    return this.service.drop(ctx, courseId).catch((err: unknown) => {
      throw locateSharedRefusal(err, info);
    });
  }

  @Authorized()
  @Query(() => [Enrollment])
  myEnrollments(@Ctx() ctx: RequestContext): Promise<Enrollment[]> {
    return this.service.mine(ctx);
  }

  @Authorized(Role.ADMIN)
  @Query(() => EnrollmentConnection, { description: 'ADMIN only.' })
  enrollments(
    @Ctx() ctx: RequestContext,
    @Arg('courseId', () => ID, { nullable: true }) courseId: string | null,
    @Arg('termId', () => ID, { nullable: true }) termId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.service.list(ctx, courseId, termId, first, after);
  }
}

@Resolver(() => Enrollment)
export class EnrollmentFieldsResolver {
  constructor(private readonly enrollments: EnrollmentService) {}

  @FieldResolver(() => Course)
  course(@Root() enrollment: Enrollment, @Ctx() ctx: RequestContext): Promise<Course> {
    return this.enrollments.course(ctx, enrollment);
  }

  @FieldResolver(() => User)
  student(@Root() enrollment: Enrollment, @Ctx() ctx: RequestContext): Promise<User> {
    return this.enrollments.student(ctx, enrollment);
  }
}
