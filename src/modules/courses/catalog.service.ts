import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../app/context.js';
import { markUncacheable, recordLive } from '../../app/response-cache.js';
import type { LoaderFactory } from '../../app/loaders.js';
import {
  decodeCursor,
  encodeCursor,
  likePattern,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../../common/pagination.js';
import { parseId } from '../../db/ids.js';
import { readQuery } from '../../db/read-query.js';
import { AppError } from '../../errors/index.js';
import type { CatalogCache, CourseRow } from './catalog-cache.js';
import type { Course } from './course.entity.js';
import type { CourseType } from './course-type.entity.js';
import type { CourseFilter } from './courses.inputs.js';
import { courseById, viewerEnrolledIn } from './courses.loaders.js';
import type { Period } from './period.entity.js';
import { isSelectionOpen, type Term } from './term.entity.js';

const COURSE_ORDER = 'course:weekday,start,id';
const NO_MATCH = '0';

/** An id filter: a malformed id matches nothing (like an id that does not exist). */
function idFilter(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  return parseId(raw) ?? NO_MATCH;
}

type Catalogue = Awaited<ReturnType<CatalogCache['staticCatalogue']>>;

/**
 * The course catalogue: terms, periods, course types and courses. Listings
 * are plain SQL rows (no ORM hydration) served from {@link CatalogCache} with
 * live seat counts; nested fields resolve through per-request DataLoaders over
 * the cached static catalogue, so a page never costs a query per row.
 */
export class CatalogService {
  constructor(private readonly cache: CatalogCache) {}

  /** A loader over one of the static maps; an unknown id reloads once (it may be new). */
  private staticLoader<T>(
    pick: (c: Catalogue) => Map<string, T>,
  ): LoaderFactory<string, T | null, RequestContext> {
    return () =>
      new DataLoader<string, T | null, string>(async (ids) => {
        let catalogue = await this.cache.staticCatalogue();
        if (ids.some((id) => !pick(catalogue).has(id)))
          catalogue = await this.cache.staticCatalogue(true);
        return ids.map((id) => pick(catalogue).get(id) ?? null);
      });
  }

  private readonly typeById = this.staticLoader((c) => c.types);
  private readonly periodById = this.staticLoader((c) => c.periods);
  private readonly termById = this.staticLoader((c) => c.terms);

  /** Every term, by index. */
  async terms(): Promise<Term[]> {
    const { terms } = await this.cache.staticCatalogue();
    return [...terms.values()].sort((a, b) => a.index - b.index);
  }

  async courseTypes(): Promise<CourseType[]> {
    const { types } = await this.cache.staticCatalogue();
    return [...types.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || Number(a.id) - Number(b.id),
    );
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
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      conditions.push(sql);
      params.push(...values);
    };
    const termId = idFilter(filter?.termId);
    if (termId) add('p.term_id = ?', termId);
    const periodId = idFilter(filter?.periodId);
    if (periodId) add('c.period_id = ?', periodId);
    const typeId = idFilter(filter?.typeId);
    if (typeId) add('c.type_id = ?', typeId);
    if (filter?.weekday != null) {
      if (!Number.isInteger(filter.weekday) || filter.weekday < 1 || filter.weekday > 7) {
        throw AppError.badInput('filter.weekday', 'weekday must be 1 (Monday) to 7 (Sunday)');
      }
      add('c.weekday = ?', filter.weekday);
    }
    if (filter?.professional != null) add('c.professional = ?', filter.professional);
    if (filter?.availableOnly) {
      add('c.remaining > 0');
      markUncacheable(ctx);
    }
    const search = filter?.search?.trim();
    if (search) {
      if (search.length > 100)
        throw AppError.badInput('filter.search', 'search is at most 100 characters');
      const pattern = likePattern(search);
      add(
        '(c.title ilike ? or c.teacher ilike ? or c.location ilike ?)',
        pattern,
        pattern,
        pattern,
      );
    }

    // Only remaining-independent pages are cached (availableOnly depends on live seats).
    const key = filter?.availableOnly
      ? undefined
      : JSON.stringify([filter ?? null, limit, after ?? null]);
    let page = key ? this.cache.page(key) : undefined;
    if (!page) {
      const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
      const keyset = cursor
        ? `${where ? `${where} and` : 'where'} (c.weekday, c.starts_at, c.id) > (?, ?::time, ?)`
        : where;
      const [rows, [count]] = await Promise.all([
        limit === 0
          ? Promise.resolve([])
          : readQuery<Record<string, unknown>[]>(
              ctx.em,
              `select c.id, c.title, c.teacher, c.assistant, c.location, c.capacity, c.remaining, c.stock_version, c.professional,
                      c.weekday, c.starts_at, c.ends_at, c.type_id, c.period_id
               from course c join period p on p.id = c.period_id ${keyset}
               order by c.weekday, c.starts_at, c.id limit ?`,
              [...params, ...(cursor ?? []), limit + 1],
            ),
        readQuery<{ count: string }[]>(
          ctx.em,
          `select count(*) as count from course c join period p on p.id = c.period_id ${where}`,
          params,
        ),
      ]);
      const courseRows: CourseRow[] = rows.map((r) => ({
        id: String(r.id),
        cursor: encodeCursor(COURSE_ORDER, [
          r.weekday as number,
          r.starts_at as string,
          String(r.id),
        ]),
        title: r.title as string,
        teacher: r.teacher as string,
        assistant: (r.assistant as string | null) ?? null,
        location: r.location as string,
        capacity: r.capacity as number,
        remaining: r.remaining as number,
        stockVersion: Number(r.stock_version),
        professional: r.professional as boolean,
        weekday: r.weekday as number,
        startsAt: r.starts_at as string,
        endsAt: r.ends_at as string,
        typeId: String(r.type_id),
        periodId: String(r.period_id),
      }));
      page = { expiresAt: 0, rows: courseRows, totalCount: Number(count?.count ?? 0) };
      if (key) this.cache.storePage(key, courseRows, page.totalCount);
    }
    const cursors = new Map(page.rows.map((row) => [row.id, row.cursor]));
    const courses = page.rows.map((row) => this.cache.materialize(row));
    return toConnection(courses, limit, (c) => cursors.get(c.id)!, page.totalCount);
  }

  /**
   * Looks an id up in the in-memory catalogue when it is warm (no query, no
   * promise: a page of 50 courses resolves synchronously), else through the
   * request's DataLoader (one query for the whole page).
   */
  private lookup<T>(
    ctx: RequestContext,
    loader: LoaderFactory<string, T | null, RequestContext>,
    pick: (c: Catalogue) => Map<string, T>,
    id: string,
  ): T | Promise<T> {
    const warm = this.cache.warmCatalogue();
    const hit = warm ? pick(warm).get(id) : undefined;
    return (
      hit ??
      ctx.loaders
        .get(loader)
        .load(id)
        .then((value) => value!)
    );
  }

  courseType(ctx: RequestContext, course: Course): CourseType | Promise<CourseType> {
    return this.lookup(ctx, this.typeById, (c) => c.types, course.type.id);
  }

  period(ctx: RequestContext, course: Course): Period | Promise<Period> {
    return this.lookup(ctx, this.periodById, (c) => c.periods, course.period.id);
  }

  termOfPeriod(ctx: RequestContext, period: Period): Term | Promise<Term> {
    return this.lookup(ctx, this.termById, (c) => c.terms, period.term.id);
  }

  termOfCourse(ctx: RequestContext, course: Course): Term | Promise<Term> {
    const period = this.period(ctx, course);
    return period instanceof Promise
      ? period.then((p) => this.termOfPeriod(ctx, p))
      : this.termOfPeriod(ctx, period);
  }

  async periods(term: Term): Promise<Period[]> {
    const { periods } = await this.cache.staticCatalogue();
    return [...periods.values()]
      .filter((p) => p.term.id === term.id)
      .sort((a, b) => a.index - b.index);
  }

  /**
   * A course's seat count, the newest known (live map fed by stock events, or
   * the row itself); recorded as live so cached responses re-read it.
   */
  seats(
    ctx: RequestContext,
    info: GraphQLResolveInfo,
    course: Course,
    field: 'remaining' | 'capacity',
  ): number {
    this.cache.noteStock(course.id, course.remaining, course.capacity, Number(course.stockVersion));
    recordLive(ctx, info, () => this.cache.seats(course.id)?.[field] ?? course[field]);
    return this.cache.seats(course.id)?.[field] ?? course[field];
  }

  /** Whether the term's window is open now; recorded as live so cached responses re-read it. */
  isSelectionOpen(ctx: RequestContext, info: GraphQLResolveInfo, term: Term): boolean {
    recordLive(ctx, info, () => isSelectionOpen(term, new Date()));
    return isSelectionOpen(term, new Date());
  }

  /** Whether the viewer is enrolled; false for anonymous viewers. */
  viewerEnrolled(ctx: RequestContext, course: Course): boolean | Promise<boolean> {
    return ctx.viewer ? ctx.loaders.get(viewerEnrolledIn).load(course.id) : false;
  }

  /** A student's term (cohort), or null. */
  termOfUser(ctx: RequestContext, termId: string | undefined): Term | null | Promise<Term | null> {
    return termId ? this.lookup(ctx, this.termById, (c) => c.terms, termId) : null;
  }
}
