import {
  Arg,
  Ctx,
  Extensions,
  FieldResolver,
  ID,
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

@Resolver()
export class CourseResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly stock: CourseStockService,
  ) {}

  @Public()
  @Query(() => [Term])
  terms(@Ctx() ctx: RequestContext): Promise<Term[]> {
    return this.catalog.terms(ctx);
  }

  @Public()
  @Query(() => [CourseType])
  courseTypes(@Ctx() ctx: RequestContext): Promise<CourseType[]> {
    return this.catalog.courseTypes(ctx);
  }

  @Public()
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
  type(@Root() course: Course, @Ctx() ctx: RequestContext): Promise<CourseType> {
    return this.catalog.courseType(ctx, course);
  }

  @FieldResolver(() => Period)
  period(@Root() course: Course, @Ctx() ctx: RequestContext): Promise<Period> {
    return this.catalog.period(ctx, course);
  }

  @FieldResolver(() => Term)
  term(@Root() course: Course, @Ctx() ctx: RequestContext): Promise<Term> {
    return this.catalog.termOfCourse(ctx, course);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the signed-in viewer is enrolled; false for anonymous viewers.',
  })
  viewerEnrolled(@Root() course: Course, @Ctx() ctx: RequestContext): Promise<boolean> {
    return this.catalog.viewerEnrolled(ctx, course);
  }
}

@Resolver(() => Term)
export class TermFieldsResolver {
  constructor(private readonly catalog: CatalogService) {}

  @FieldResolver(() => [Period])
  periods(@Root() term: Term, @Ctx() ctx: RequestContext): Promise<Period[]> {
    return this.catalog.periods(ctx, term);
  }

  @FieldResolver(() => Boolean)
  isSelectionOpen(@Root() term: Term): boolean {
    return term.isOpenAt(new Date());
  }
}

@Resolver(() => Period)
export class PeriodFieldsResolver {
  constructor(private readonly catalog: CatalogService) {}

  @FieldResolver(() => Term)
  term(@Root() period: Period, @Ctx() ctx: RequestContext): Promise<Term> {
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
  term(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Term | null> {
    return this.catalog.termOfUser(ctx, user.term?.id);
  }
}
