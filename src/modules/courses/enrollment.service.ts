import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../app/context.js';
import {
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../../common/pagination.js';
import { parseId } from '../../db/ids.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import { User } from '../accounts/user.entity.js';
import { userById } from '../accounts/user.loaders.js';
import { Course } from './course.entity.js';
import type { CourseStockService } from './course-stock.service.js';
import type { CourseStock, StockEvent } from './courses.types.js';
import { courseById } from './courses.loaders.js';
import { Enrollment } from './enrollment.entity.js';

interface CourseWindow {
  id: string;
  term_id: string;
  period_id: string;
  weekday: number;
  starts_at: string;
  ends_at: string;
  open: boolean;
}

interface SeatRow {
  remaining: number;
  capacity: number;
  stock_version: string;
}

const ENROLLMENT_ORDER = 'enrollment:id';

/**
 * Enrolment and drop during a term's selection window. Each runs in one
 * transaction that locks the student's row (a student's own requests are
 * serialised, so double-clicks and conflicting picks cannot slip through) and
 * takes or returns the seat with one conditional UPDATE. Stock changes are
 * published after commit.
 */
export class EnrollmentService {
  constructor(private readonly stock: CourseStockService) {}

  /** The course with its term's window state (evaluated by PostgreSQL's clock); NOT_FOUND, then SELECTION_CLOSED. */
  private async openCourse(em: EntityManager, rawId: string): Promise<CourseWindow> {
    const id = parseId(rawId);
    const rows = id
      ? await em.execute<CourseWindow[]>(
          `select c.id, p.term_id, c.period_id, c.weekday, c.starts_at, c.ends_at,
                  (t.selection_starts_at <= now() and now() < t.selection_ends_at) as open
           from course c join period p on p.id = c.period_id join term t on t.id = p.term_id
           where c.id = ?`,
          [id],
        )
      : [];
    const course = rows[0];
    if (!course) throw AppError.notFound('Course', rawId);
    if (!course.open)
      throw new AppError(
        ErrorCode.SELECTION_CLOSED,
        'The selection window of this term is not open',
      );
    return course;
  }

  private event(courseId: string, seat: SeatRow): StockEvent {
    return {
      courseId,
      remaining: seat.remaining,
      capacity: seat.capacity,
      version: Number(seat.stock_version),
    };
  }

  /**
   * Enrols the viewer. Checks, in order: the course exists, its window is
   * open, the student is in its term, not enrolled yet, no time clash in the
   * same period and weekday, and a seat is free (taken in the same statement).
   */
  async enroll(ctx: RequestContext, rawCourseId: string): Promise<Enrollment> {
    if (!ctx.viewer) throw AppError.unauthenticated();
    const studentId = ctx.viewer.userId;
    let published: StockEvent | undefined;
    let enrollment: Enrollment;
    try {
      enrollment = await ctx.em.transactional(async (em) => {
        const course = await this.openCourse(em, rawCourseId);
        const [student] = await em.execute<{ term_id: string | null }[]>(
          'select term_id from app_user where id = ? for update',
          [studentId],
        );
        if (!student || String(student.term_id) !== String(course.term_id)) {
          throw new AppError(ErrorCode.NOT_IN_TERM, 'This course is not in your term');
        }
        const [existing] = await em.execute(
          'select 1 from enrollment where student_id = ? and course_id = ?',
          [studentId, course.id],
        );
        if (existing)
          throw new AppError(ErrorCode.ALREADY_ENROLLED, 'You are already enrolled in this course');
        const [clash] = await em.execute<{ id: string }[]>(
          `select c.id from enrollment e join course c on c.id = e.course_id
           where e.student_id = ? and c.period_id = ? and c.weekday = ? and c.starts_at < ? and c.ends_at > ?
           order by c.starts_at limit 1`,
          [studentId, course.period_id, course.weekday, course.ends_at, course.starts_at],
        );
        if (clash) {
          throw new AppError(
            ErrorCode.SCHEDULE_CONFLICT,
            'This course overlaps one you are enrolled in',
            {
              conflictingCourseId: String(clash.id),
            },
          );
        }
        const [seat] = await em.execute<SeatRow[]>(
          `update course set remaining = remaining - 1, stock_version = stock_version + 1
           where id = ? and remaining > 0 returning remaining, capacity, stock_version`,
          [course.id],
        );
        if (!seat) throw new AppError(ErrorCode.COURSE_FULL, 'No seat left in this course');
        const created = em.create(Enrollment, {
          student: em.getReference(User, studentId),
          course: em.getReference(Course, course.id),
        });
        await em.flush();
        published = this.event(course.id, seat);
        return created;
      });
    } catch (err) {
      // Backstop: a duplicate that slipped past the check rolls back with its seat.
      if (err instanceof UniqueConstraintViolationException)
        throw new AppError(ErrorCode.ALREADY_ENROLLED, 'You are already enrolled in this course');
      throw err;
    }
    if (published) await this.stock.publish(published);
    return enrollment;
  }

  /** Drops the viewer's enrolment while the window is open and gives the seat back. */
  async drop(ctx: RequestContext, rawCourseId: string): Promise<CourseStock> {
    if (!ctx.viewer) throw AppError.unauthenticated();
    const studentId = ctx.viewer.userId;
    const event = await ctx.em.transactional(async (em) => {
      const course = await this.openCourse(em, rawCourseId);
      await em.execute('select id from app_user where id = ? for update', [studentId]);
      const removed = await em.execute<{ id: string }[]>(
        'delete from enrollment where student_id = ? and course_id = ? returning id',
        [studentId, course.id],
      );
      if (removed.length === 0)
        throw new AppError(ErrorCode.NOT_ENROLLED, 'You are not enrolled in this course');
      const [seat] = await em.execute<SeatRow[]>(
        `update course set remaining = remaining + 1, stock_version = stock_version + 1
         where id = ? returning remaining, capacity, stock_version`,
        [course.id],
      );
      return this.event(course.id, seat!);
    });
    await this.stock.publish(event);
    return this.stock.toStock(event);
  }

  /** The viewer's enrolments, in timetable order. */
  async mine(ctx: RequestContext): Promise<Enrollment[]> {
    if (!ctx.viewer) throw AppError.unauthenticated();
    return ctx.em.find(
      Enrollment,
      { student: ctx.viewer.userId },
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
