import type { RequestContext } from '../../app/context.js';
import { normalizeUrl, optionalText, requireText } from '../../common/validation.js';
import { flushUnique, requireEntity } from '../../db/entity-helpers.js';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import { Course } from './course.entity.js';
import { CourseType } from './course-type.entity.js';
import type { CatalogCache } from './catalog-cache.js';
import type { CourseStockService } from './course-stock.service.js';
import type {
  CourseInput,
  CourseTypeInput,
  PeriodInput,
  TermInput,
  UpdateCourseInput,
} from './courses.inputs.js';
import { Period } from './period.entity.js';
import { Term } from './term.entity.js';

export const MAX_CAPACITY = 10_000;

/** "HH:MM" (00:00–23:59) → the `time` value "HH:MM:00"; BAD_USER_INPUT naming the field otherwise. */
export function parseTimeOfDay(value: string, field: string): string {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (!match) throw AppError.badInput(field, `${field} must be a time of day as HH:MM`);
  return `${match[1]}:${match[2]}:00`;
}

function checkWeekday(weekday: number, field = 'weekday'): number {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
    throw AppError.badInput(field, 'weekday must be 1 (Monday) to 7 (Sunday)');
  return weekday;
}

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    throw AppError.badInput('capacity', `capacity must be 1 to ${MAX_CAPACITY}`);
  }
  return capacity;
}

/** ADMIN: course types, terms, periods and courses. */
export class CourseAdminService {
  constructor(
    private readonly stock: CourseStockService,
    private readonly catalog: CatalogCache,
  ) {}

  async createCourseType(ctx: RequestContext, input: CourseTypeInput): Promise<CourseType> {
    const name = requireText(input.name, 'name', { max: 50 });
    const logo = input.logo?.trim() ? normalizeUrl(input.logo, 'logo') : null;
    const type = ctx.em.create(CourseType, { name, logo });
    return this.flushUnique(ctx, type, 'name', 'A course type with this name exists');
  }

  async createTerm(ctx: RequestContext, input: TermInput): Promise<Term> {
    if (!Number.isInteger(input.index) || input.index < 1 || input.index > 9999)
      throw AppError.badInput('index', 'index must be 1 to 9999');
    if (input.startsOn > input.endsOn)
      throw AppError.badInput('endsOn', 'endsOn must not be before startsOn');
    if (!(input.selectionStartsAt < input.selectionEndsAt)) {
      throw AppError.badInput('selectionEndsAt', 'The selection window must end after it starts');
    }
    const term = ctx.em.create(Term, { ...input });
    return this.flushUnique(ctx, term, 'index', 'A term with this index exists');
  }

  async createPeriod(ctx: RequestContext, input: PeriodInput): Promise<Period> {
    const term = await requireEntity(ctx.em, Term, input.termId, 'Term');
    if (!Number.isInteger(input.index) || input.index < 1 || input.index > 999)
      throw AppError.badInput('index', 'index must be 1 to 999');
    if (input.startsOn > input.endsOn)
      throw AppError.badInput('endsOn', 'endsOn must not be before startsOn');
    if (input.startsOn < term.startsOn)
      throw AppError.badInput(
        'startsOn',
        `The period must start within its term (from ${term.startsOn})`,
      );
    if (input.endsOn > term.endsOn)
      throw AppError.badInput('endsOn', `The period must end within its term (by ${term.endsOn})`);
    const period = ctx.em.create(Period, {
      term,
      index: input.index,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    });
    return this.flushUnique(ctx, period, 'index', 'This term already has a period with this index');
  }

  async createCourse(ctx: RequestContext, input: CourseInput): Promise<Course> {
    const startsAt = parseTimeOfDay(input.startTime, 'startTime');
    const endsAt = parseTimeOfDay(input.endTime, 'endTime');
    if (startsAt >= endsAt) throw AppError.badInput('endTime', 'endTime must be after startTime');
    const capacity = checkCapacity(input.capacity);
    const course = ctx.em.create(Course, {
      title: requireText(input.title, 'title', { max: 100 }),
      teacher: requireText(input.teacher, 'teacher', { max: 50 }),
      assistant: optionalText(input.assistant ?? null, 'assistant', 50),
      location: requireText(input.location, 'location', { max: 100 }),
      capacity,
      remaining: capacity,
      professional: input.professional,
      weekday: checkWeekday(input.weekday),
      startsAt,
      endsAt,
      type: await requireEntity(ctx.em, CourseType, input.typeId, 'CourseType'),
      period: await requireEntity(ctx.em, Period, input.periodId, 'Period'),
    });
    await ctx.em.flush();
    await this.catalog.announceChange();
    return course;
  }

  /**
   * Updates a course. A capacity change is one statement that moves
   * `remaining` by the same difference and refuses to go below the current
   * enrolments; the new seat count is published after commit.
   */
  async updateCourse(
    ctx: RequestContext,
    rawId: string,
    input: UpdateCourseInput,
  ): Promise<Course> {
    for (const field of [
      'title',
      'teacher',
      'location',
      'capacity',
      'professional',
      'weekday',
      'startTime',
      'endTime',
      'typeId',
    ] as const) {
      if (input[field] === null) throw AppError.badInput(field, `${field} cannot be null`);
    }
    const capacity = input.capacity == null ? undefined : checkCapacity(input.capacity);
    const stock = await ctx.em.transactional(async (em) => {
      const course = await requireEntity(em, Course, rawId, 'Course');
      if (input.title != null) course.title = requireText(input.title, 'title', { max: 100 });
      if (input.teacher != null)
        course.teacher = requireText(input.teacher, 'teacher', { max: 50 });
      if (input.assistant !== undefined)
        course.assistant = optionalText(input.assistant, 'assistant', 50);
      if (input.location != null)
        course.location = requireText(input.location, 'location', { max: 100 });
      if (input.professional != null) course.professional = input.professional;
      if (input.weekday != null) course.weekday = checkWeekday(input.weekday);
      if (input.startTime != null) course.startsAt = parseTimeOfDay(input.startTime, 'startTime');
      if (input.endTime != null) course.endsAt = parseTimeOfDay(input.endTime, 'endTime');
      if (course.startsAt >= course.endsAt)
        throw AppError.badInput('endTime', 'endTime must be after startTime');
      if (input.typeId != null)
        course.type = await requireEntity(em, CourseType, input.typeId, 'CourseType');
      await em.flush();
      if (capacity === undefined) return undefined;
      const rows = await em.execute<
        { remaining: number; capacity: number; stock_version: string }[]
      >(
        `update course set capacity = ?, remaining = remaining + (? - capacity), stock_version = stock_version + 1
         where id = ? and capacity - remaining <= ?
         returning remaining, capacity, stock_version`,
        [capacity, capacity, course.id, capacity],
      );
      const row = rows[0];
      if (!row) {
        const [{ enrolled }] = await em.execute<[{ enrolled: number }]>(
          'select capacity - remaining as enrolled from course where id = ?',
          [course.id],
        );
        throw AppError.badInput(
          'capacity',
          `capacity cannot go below the ${enrolled} current enrolments`,
        );
      }
      course.capacity = row.capacity;
      course.remaining = row.remaining;
      return {
        courseId: course.id,
        remaining: row.remaining,
        capacity: row.capacity,
        version: Number(row.stock_version),
      };
    });
    await this.catalog.announceChange();
    if (stock) await this.stock.publish(stock);
    return (await ctx.em.fork().findOne(Course, parseId(rawId)!))!;
  }

  private async flushUnique<T extends object>(
    ctx: RequestContext,
    entity: T,
    field: string,
    message: string,
  ): Promise<T> {
    await flushUnique(ctx.em, field, message);
    await this.catalog.announceChange();
    return entity;
  }
}
