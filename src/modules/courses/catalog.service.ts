import { raw, type FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../app/context.js';
import {
  decodeCursor,
  encodeCursor,
  likePattern,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../../common/pagination.js';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import { Course } from './course.entity.js';
import { CourseType } from './course-type.entity.js';
import type { CourseFilter } from './courses.inputs.js';
import {
  courseById,
  courseTypeById,
  periodById,
  periodsByTermId,
  termById,
  viewerEnrolledIn,
} from './courses.loaders.js';
import type { Period } from './period.entity.js';
import { Term } from './term.entity.js';

const COURSE_ORDER = 'course:weekday,start,id';
const NO_MATCH = '0';

/** An id filter: a malformed id matches nothing (like an id that does not exist). */
function idFilter(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  return parseId(raw) ?? NO_MATCH;
}

/**
 * The course catalogue: terms, periods, course types and courses, read with
 * per-request DataLoaders so nested fields never cost a query per row.
 */
export class CatalogService {
  /** Every term, by index. */
  terms(ctx: RequestContext): Promise<Term[]> {
    return ctx.em.find(Term, {}, { orderBy: { index: 'asc' } });
  }

  courseTypes(ctx: RequestContext): Promise<CourseType[]> {
    return ctx.em.find(CourseType, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }

  /** One course, or null when the id does not exist. */
  async course(ctx: RequestContext, rawId: string): Promise<Course | null> {
    const id = parseId(rawId);
    return id ? ctx.loaders.get(courseById).load(id) : null;
  }

  /**
   * Courses in a stable order (weekday, start time, id) with opaque keyset
   * cursors, filters and a case-insensitive search over title, teacher and
   * location backed by trigram indexes.
   */
  async courses(
    ctx: RequestContext,
    filter: CourseFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<ConnectionShape<Course>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(
      after,
      COURSE_ORDER,
      3,
      ([weekday, start, id]) =>
        typeof weekday === 'number' &&
        /^\d\d:\d\d:\d\d$/.test(String(start)) &&
        parseId(String(id)) !== undefined,
    );
    const conditions: FilterQuery<Course>[] = [];
    const termId = idFilter(filter?.termId);
    if (termId) conditions.push({ period: { term: termId } });
    const periodId = idFilter(filter?.periodId);
    if (periodId) conditions.push({ period: periodId });
    const typeId = idFilter(filter?.typeId);
    if (typeId) conditions.push({ type: typeId });
    if (filter?.weekday != null) {
      if (!Number.isInteger(filter.weekday) || filter.weekday < 1 || filter.weekday > 7) {
        throw AppError.badInput('filter.weekday', 'weekday must be 1 (Monday) to 7 (Sunday)');
      }
      conditions.push({ weekday: filter.weekday });
    }
    if (filter?.professional != null) conditions.push({ professional: filter.professional });
    if (filter?.availableOnly) conditions.push({ remaining: { $gt: 0 } });
    const search = filter?.search?.trim();
    if (search) {
      if (search.length > 100)
        throw AppError.badInput('filter.search', 'search is at most 100 characters');
      const pattern = likePattern(search);
      conditions.push({
        $or: [
          { title: { $ilike: pattern } },
          { teacher: { $ilike: pattern } },
          { location: { $ilike: pattern } },
        ],
      });
    }
    const where: FilterQuery<Course> = conditions.length > 0 ? { $and: conditions } : {};
    const page: FilterQuery<Course> = cursor
      ? {
          $and: [
            where,
            {
              [raw((a) => `(${a}.weekday, ${a}.starts_at, ${a}.id) > (?, ?::time, ?)`, cursor)]: [],
            },
          ],
        }
      : where;
    const [rows, totalCount] = await Promise.all([
      limit === 0
        ? Promise.resolve([])
        : ctx.em.find(Course, page, {
            orderBy: { weekday: 'asc', startsAt: 'asc', id: 'asc' },
            limit: limit + 1,
          }),
      ctx.em.fork().count(Course, where),
    ]);
    return toConnection(
      rows,
      limit,
      (c) => encodeCursor(COURSE_ORDER, [c.weekday, c.startsAt, c.id]),
      totalCount,
    );
  }

  courseType(ctx: RequestContext, course: Course): Promise<CourseType> {
    return ctx.loaders
      .get(courseTypeById)
      .load(course.type.id)
      .then((t) => t!);
  }

  period(ctx: RequestContext, course: Course): Promise<Period> {
    return ctx.loaders
      .get(periodById)
      .load(course.period.id)
      .then((p) => p!);
  }

  async termOfPeriod(ctx: RequestContext, period: Period): Promise<Term> {
    return (await ctx.loaders.get(termById).load(period.term.id))!;
  }

  async termOfCourse(ctx: RequestContext, course: Course): Promise<Term> {
    return this.termOfPeriod(ctx, await this.period(ctx, course));
  }

  periods(ctx: RequestContext, term: Term): Promise<Period[]> {
    return ctx.loaders.get(periodsByTermId).load(term.id);
  }

  /** Whether the viewer is enrolled; false for anonymous viewers. */
  viewerEnrolled(ctx: RequestContext, course: Course): Promise<boolean> {
    return ctx.viewer ? ctx.loaders.get(viewerEnrolledIn).load(course.id) : Promise.resolve(false);
  }

  /** A student's term (cohort), or null. */
  async termOfUser(ctx: RequestContext, termId: string | undefined): Promise<Term | null> {
    return termId ? ctx.loaders.get(termById).load(termId) : null;
  }
}
