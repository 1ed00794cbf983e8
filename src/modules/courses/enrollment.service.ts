import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { viewerId, type RequestContext } from '../../app/context.js';
import {
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../../common/pagination.js';
import { parseId } from '../../db/ids.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import type { User } from '../accounts/user.entity.js';
import { userById } from '../accounts/user.loaders.js';
import type { Course } from './course.entity.js';
import type { CourseStockService } from './course-stock.service.js';
import type { CourseStock } from './courses.types.js';
import type { EnrollBatcher, EnrollOutcome } from './enroll-batcher.js';
import { courseById } from './courses.loaders.js';
import { Enrollment } from './enrollment.entity.js';

interface DropOutcome {
  outcome: string;
  remaining: number | null;
  capacity: number | null;
  stock_version: string | null;
}

const ENROLLMENT_ORDER = 'enrollment:id';

/**
 * Refusals that carry nothing but their code and message, made once: during a
 * seat rush thousands of requests end in COURSE_FULL, and each GraphQLError
 * costs microseconds to build. graphql-js wraps the thrown error in a new
 * located error per request and nothing mutates the original, so sharing it
 * is safe.
 */
const CONSTANT_REFUSALS: ReadonlyMap<string, AppError> = new Map(
  (
    [
      [ErrorCode.SELECTION_CLOSED, 'The selection window of this term is not open'],
      [ErrorCode.NOT_IN_TERM, 'This course is not in your term'],
      [ErrorCode.ALREADY_ENROLLED, 'You are already enrolled in this course'],
      [ErrorCode.COURSE_FULL, 'No seat left in this course'],
      [ErrorCode.NOT_ENROLLED, 'You are not enrolled in this course'],
    ] as const
  ).map(([code, message]) => [code, Object.freeze(new AppError(code, message))] as const),
);

/** The catalogue error for a refused enrolment or drop, as reported by the database functions. */
function refusal(
  outcome: string,
  rawCourseId: string,
  conflictingCourseId: string | null,
): AppError {
  const constant = CONSTANT_REFUSALS.get(outcome);
  if (constant) return constant;
  switch (outcome) {
    case 'NOT_FOUND':
      return AppError.notFound('Course', rawCourseId);
    case 'SCHEDULE_CONFLICT':
      return new AppError(
        ErrorCode.SCHEDULE_CONFLICT,
        'This course overlaps one you are enrolled in',
        {
          conflictingCourseId: String(conflictingCourseId),
        },
      );
    default:
      throw new Error(`unexpected enrolment outcome ${outcome}`);
  }
}

/**
 * Enrolment and drop during a term's selection window. Each is one call of
 * a database function (migration EnrollFunctions; enrolments arriving
 * together share one call through {@link EnrollBatcher}) that runs the
 * checks in order, locks the student's row (so a student's own requests are
 * serialised: double-clicks and clashing picks cannot slip through), takes or
 * returns the seat with one conditional UPDATE and writes the enrolment, all
 * in one transaction. Stock changes are published after commit.
 */
export class EnrollmentService {
  constructor(
    private readonly stock: CourseStockService,
    private readonly batcher: EnrollBatcher,
  ) {}

  /**
   * Enrols the viewer. Checks, in order: the course exists (NOT_FOUND), its
   * window is open (SELECTION_CLOSED), the student is in its term
   * (NOT_IN_TERM), not enrolled yet (ALREADY_ENROLLED), no time clash in the
   * same period and weekday (SCHEDULE_CONFLICT), and a seat is free
   * (COURSE_FULL).
   */
  async enroll(ctx: RequestContext, rawCourseId: string): Promise<Enrollment> {
    const studentId = viewerId(ctx);
    const courseId = parseId(rawCourseId);
    if (!courseId) throw AppError.notFound('Course', rawCourseId);
    let row: EnrollOutcome | undefined;
    try {
      row = await this.batcher.enroll(studentId, courseId);
    } catch (err) {
      // Backstop: a duplicate that slipped past the check rolls back with its seat.
      if (err instanceof UniqueConstraintViolationException)
        throw refusal('ALREADY_ENROLLED', rawCourseId, null);
      throw err;
    }
    if (!row || row.outcome !== 'OK')
      throw refusal(row?.outcome ?? 'NOT_FOUND', rawCourseId, row?.conflicting_course_id ?? null);
    await this.stock.publish({
      courseId,
      remaining: row.remaining!,
      capacity: row.capacity!,
      version: Number(row.stock_version),
    });
    return ctx.em.merge(Enrollment, {
      id: String(row.enrollment_id),
      student: studentId,
      course: courseId,
      createdAt: new Date(row.enrolled_at!),
    });
  }

  /** Drops the viewer's enrolment while the window is open and gives the seat back. */
  async drop(ctx: RequestContext, rawCourseId: string): Promise<CourseStock> {
    const studentId = viewerId(ctx);
    const courseId = parseId(rawCourseId);
    if (!courseId) throw AppError.notFound('Course', rawCourseId);
    const [row] = await ctx.em.execute<DropOutcome[]>('select * from drop_student(?, ?)', [
      studentId,
      courseId,
    ]);
    if (!row || row.outcome !== 'OK') throw refusal(row?.outcome ?? 'NOT_FOUND', rawCourseId, null);
    const event = await this.stock.publish({
      courseId,
      remaining: row.remaining!,
      capacity: row.capacity!,
      version: Number(row.stock_version),
    });
    return this.stock.toStock(event);
  }

  /** The viewer's enrolments, in timetable order. */
  async mine(ctx: RequestContext): Promise<Enrollment[]> {
    return ctx.em.find(
      Enrollment,
      { student: viewerId(ctx) },
      { populate: ['course'], orderBy: { course: { weekday: 'asc', startsAt: 'asc' }, id: 'asc' } },
    );
  }

  /** ADMIN: enrolments of a course or of a term (or all), newest last, as a connection. */
  async list(
    ctx: RequestContext,
    courseId: string | null | undefined,
    termId: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<ConnectionShape<Enrollment>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(
      after,
      ENROLLMENT_ORDER,
      1,
      ([id]) => parseId(String(id)) !== undefined,
    );
    const where: Record<string, unknown> = {};
    if (courseId != null) where.course = parseId(courseId) ?? '0';
    if (termId != null)
      where.course = {
        ...(where.course ? { id: where.course } : {}),
        period: { term: parseId(termId) ?? '0' },
      };
    const page = cursor ? { $and: [where, { id: { $gt: String(cursor[0]) } }] } : where;
    const [rows, totalCount] = await Promise.all([
      limit === 0
        ? Promise.resolve([])
        : ctx.em.find(Enrollment, page as never, { orderBy: { id: 'asc' }, limit: limit + 1 }),
      ctx.em.fork().count(Enrollment, where as never),
    ]);
    return toConnection(rows, limit, (e) => encodeCursor(ENROLLMENT_ORDER, [e.id]), totalCount);
  }

  async course(ctx: RequestContext, enrollment: Enrollment): Promise<Course> {
    return (await ctx.loaders.get(courseById).load(enrollment.course.id))!;
  }

  async student(ctx: RequestContext, enrollment: Enrollment): Promise<User> {
    return (await ctx.loaders.get(userById).load(enrollment.student.id))!;
  }
}
