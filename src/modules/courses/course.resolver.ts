import {
  Arg,
  Ctx,
  Extensions,
  FieldResolver,
  ID,
  Info,
  Int,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { SHARED_RESULT_EXTENSION } from '../../app/shared-subscribe.js';
import type { RequestContext } from '../../app/context.js';
import { Public } from '../../auth/decorators.js';
import { User } from '../accounts/user.entity.js';
import { CatalogService } from './catalog.service.js';
import { CourseStockService } from './course-stock.service.js';
import { CourseType } from './course-type.entity.js';
import { Course } from './course.entity.js';
import { CourseFilter } from './courses.inputs.js';
import { CourseConnection, CourseStock, type StockEvent } from './courses.types.js';
import { Period } from './period.entity.js';
import { Term } from './term.entity.js';
import type { GraphQLResolveInfo } from 'graphql';
import { Cacheable } from '../../app/response-cache.js';

@Resolver()
export class CourseResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly stock: CourseStockService,
  ) {}

  @Public()
  @Cacheable()
  @Query(() => [Term])
  terms(): Promise<Term[]> {
    return this.catalog.terms();
  }

  @Public()
  @Cacheable()
  @Query(() => [CourseType])
  courseTypes(): Promise<CourseType[]> {
    return this.catalog.courseTypes();
  }

  @Public()
  @Cacheable()
  @Query(() => CourseConnection)
  courses(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CourseFilter, { nullable: true }) filter: CourseFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.catalog.courses(ctx, filter, first, after);
  }

  @Public()
  @Cacheable()
  @Query(() => Course, { nullable: true })
  course(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Course | null> {
    return this.catalog.course(ctx, id);
  }

  @Public()
  @Extensions({ [SHARED_RESULT_EXTENSION]: true })
  @Subscription(() => CourseStock, {
    description: 'Remaining seats whenever they change; all courses when courseIds is omitted.',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      return ctx.container
        .get(CourseStockService)
        .subscribe(ctx, (args as { courseIds?: string[] | null }).courseIds);
    },
  })
  courseStockChanged(
    @Root() event: StockEvent,
    @Arg('courseIds', () => [ID], { nullable: true }) _courseIds: string[] | null,
  ): CourseStock {
    return this.stock.toStock(event);
  }
}

@Resolver(() => Course)
export class CourseFieldsResolver {
  constructor(private readonly catalog: CatalogService) {}

  @FieldResolver(() => CourseType)
  type(@Root() course: Course, @Ctx() ctx: RequestContext): CourseType | Promise<CourseType> {
    return this.catalog.courseType(ctx, course);
  }

  @FieldResolver(() => Period)
  period(@Root() course: Course, @Ctx() ctx: RequestContext): Period | Promise<Period> {
    return this.catalog.period(ctx, course);
  }

  @FieldResolver(() => Term)
  term(@Root() course: Course, @Ctx() ctx: RequestContext): Term | Promise<Term> {
    return this.catalog.termOfCourse(ctx, course);
  }

  @FieldResolver(() => Int)
  capacity(
    @Root() course: Course,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): number {
    return this.catalog.seats(ctx, info, course, 'capacity');
  }

  @FieldResolver(() => Int, { description: 'Seats left right now.' })
  remaining(
    @Root() course: Course,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): number {
    return this.catalog.seats(ctx, info, course, 'remaining');
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the signed-in viewer is enrolled; false for anonymous viewers.',
  })
  viewerEnrolled(@Root() course: Course, @Ctx() ctx: RequestContext): boolean | Promise<boolean> {
    return this.catalog.viewerEnrolled(ctx, course);
  }
}

@Resolver(() => Term)
export class TermFieldsResolver {
  constructor(private readonly catalog: CatalogService) {}

  @FieldResolver(() => [Period])
  periods(@Root() term: Term): Promise<Period[]> {
    return this.catalog.periods(term);
  }

  @FieldResolver(() => Boolean)
  isSelectionOpen(
    @Root() term: Term,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): boolean {
    return this.catalog.isSelectionOpen(ctx, info, term);
  }
}

@Resolver(() => Period)
export class PeriodFieldsResolver {
  constructor(private readonly catalog: CatalogService) {}

  @FieldResolver(() => Term)
  term(@Root() period: Period, @Ctx() ctx: RequestContext): Term | Promise<Term> {
    return this.catalog.termOfPeriod(ctx, period);
  }
}

@Resolver(() => User)
export class UserTermResolver {
  constructor(private readonly catalog: CatalogService) {}

  @FieldResolver(() => Term, {
    nullable: true,
    description:
      'The term (cohort) the student belongs to; students may only enrol in courses of their term.',
  })
  term(@Root() user: User, @Ctx() ctx: RequestContext): Term | null | Promise<Term | null> {
    return this.catalog.termOfUser(ctx, user.term?.id);
  }
}
