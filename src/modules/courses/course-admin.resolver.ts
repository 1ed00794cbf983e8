import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { Role } from '../accounts/user.entity.js';
import { CourseAdminService } from './course-admin.service.js';
import { CourseType } from './course-type.entity.js';
import { Course } from './course.entity.js';
import {
  CourseInput,
  CourseTypeInput,
  PeriodInput,
  TermInput,
  UpdateCourseInput,
} from './courses.inputs.js';
import { Period } from './period.entity.js';
import { Term } from './term.entity.js';

@Resolver()
export class CourseAdminResolver {
  constructor(private readonly admin: CourseAdminService) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => CourseType, { description: 'ADMIN only.' })
  createCourseType(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CourseTypeInput) input: CourseTypeInput,
  ): Promise<CourseType> {
    return this.admin.createCourseType(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Term, { description: 'ADMIN only.' })
  createTerm(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => TermInput) input: TermInput,
  ): Promise<Term> {
    return this.admin.createTerm(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Period, { description: 'ADMIN only.' })
  createPeriod(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PeriodInput) input: PeriodInput,
  ): Promise<Period> {
    return this.admin.createPeriod(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Course, { description: 'ADMIN only.' })
  createCourse(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CourseInput) input: CourseInput,
  ): Promise<Course> {
    return this.admin.createCourse(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Course, { description: 'ADMIN only.' })
  updateCourse(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCourseInput) input: UpdateCourseInput,
  ): Promise<Course> {
    return this.admin.updateCourse(ctx, id, input);
  }
}
