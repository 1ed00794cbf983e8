import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Course, Enrollment } from '../../src/modules/courses/index.js';
import { Role } from '../../src/modules/accounts/index.js';
import {
  AdminEnrollments,
  CourseById,
  DropCourse,
  Enroll,
  MyEnrollments,
} from '../documents/courses.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCourse,
  createPeriod,
  createSelectionScene,
  createStudent,
} from '../factories/courses.js';
import { signedInUser } from '../factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const remainingOf = async (id: string) =>
  (await t.app.orm.em.fork().findOneOrFail(Course, id)).remaining;
const enrolmentsOf = (id: string) => t.app.orm.em.fork().count(Enrollment, { course: id });

describe('enroll', () => {
  it('takes a seat and shows up in myEnrollments and viewerEnrolled', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 5, title: '数据结构' });
    const student = await createStudent(t.app, term);
    const client = t.client.as(student.token);
    const { enroll } = await client.ok(Enroll, { courseId: course.id });
    expect(enroll.course).toEqual({ id: course.id, remaining: 4, viewerEnrolled: true });
    expect(enroll.student.id).toBe(student.user.id);
    expect((await client.ok(MyEnrollments)).myEnrollments).toEqual([
      { id: enroll.id, course: { id: course.id, title: '数据结构' } },
    ]);
    expect((await t.client.ok(CourseById, { id: course.id })).course?.viewerEnrolled).toBe(false);
    expect(await remainingOf(course.id)).toBe(4);
  });

  it('checks in order: exists, window open, in term, not enrolled, no clash, a seat', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const student = await createStudent(t.app, term);
    const client = t.client.as(student.token);

    expect((await client.fail(Enroll, { courseId: '999999999' })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await client.fail(Enroll, { courseId: 'abc' })).extensions?.code).toBe('NOT_FOUND');

    const closed = await createSelectionScene(t.app, { window: 'past' });
    const closedCourse = await createCourse(t.app, closed.period);
    const closedStudent = await createStudent(t.app, closed.term);
    expect(
      (await t.client.as(closedStudent.token).fail(Enroll, { courseId: closedCourse.id }))
        .extensions?.code,
    ).toBe('SELECTION_CLOSED');
    const future = await createSelectionScene(t.app, { window: 'future' });
    expect(
      (await client.fail(Enroll, { courseId: (await createCourse(t.app, future.period)).id }))
        .extensions?.code,
    ).toBe('SELECTION_CLOSED');

    const other = await createSelectionScene(t.app);
    const otherCourse = await createCourse(t.app, other.period);
    expect((await client.fail(Enroll, { courseId: otherCourse.id })).extensions?.code).toBe(
      'NOT_IN_TERM',
    );
    const noTerm = await createStudent(t.app, null);
    expect(
      (await t.client.as(noTerm.token).fail(Enroll, { courseId: otherCourse.id })).extensions?.code,
    ).toBe('NOT_IN_TERM');

    const monday = await createCourse(t.app, period, { weekday: 1, start: '08:00', end: '09:40' });
    await client.ok(Enroll, { courseId: monday.id });
    expect((await client.fail(Enroll, { courseId: monday.id })).extensions?.code).toBe(
      'ALREADY_ENROLLED',
    );

    const overlapping = await createCourse(t.app, period, {
      weekday: 1,
      start: '09:00',
      end: '10:00',
    });
    const clash = await client.fail(Enroll, { courseId: overlapping.id });
    expect(clash.extensions).toMatchObject({
      code: 'SCHEDULE_CONFLICT',
      conflictingCourseId: monday.id,
    });
    // Back-to-back, another weekday, or another period: no clash.
    await client.ok(Enroll, {
      courseId: (await createCourse(t.app, period, { weekday: 1, start: '09:40', end: '11:00' }))
        .id,
    });
    await client.ok(Enroll, {
      courseId: (await createCourse(t.app, period, { weekday: 2, start: '08:00', end: '09:40' }))
        .id,
    });
    const period2 = await createPeriod(t.app, term, 2);
    await client.ok(Enroll, {
      courseId: (await createCourse(t.app, period2, { weekday: 1, start: '08:00', end: '09:40' }))
        .id,
    });

    const full = await createCourse(t.app, period, { weekday: 3, capacity: 1 });
    await t.client.as((await createStudent(t.app, term)).token).ok(Enroll, { courseId: full.id });
    expect((await client.fail(Enroll, { courseId: full.id })).extensions?.code).toBe('COURSE_FULL');
    expect(await remainingOf(full.id)).toBe(0);
  });

  it('200 students racing for 30 seats: exactly 30 OK, 170 COURSE_FULL, remaining 0, 30 rows', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 30 });
    const students = await Promise.all(
      Array.from({ length: 200 }, () => createStudent(t.app, term)),
    );
    const results = await Promise.all(
      students.map((s) => t.client.as(s.token).request(Enroll, { courseId: course.id })),
    );
    const codes = results.map((r) => (r.errors ? String(r.errors[0]?.extensions?.code) : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(30);
    expect(codes.filter((c) => c === 'COURSE_FULL')).toHaveLength(170);
    expect(await remainingOf(course.id)).toBe(0);
    expect(await enrolmentsOf(course.id)).toBe(30);
  });

  it('the same student double-submitting gets one enrolment and takes one seat', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 10 });
    const student = await createStudent(t.app, term);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.client.as(student.token).request(Enroll, { courseId: course.id }),
      ),
    );
    const codes = results.map((r) => (r.errors ? String(r.errors[0]?.extensions?.code) : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'ALREADY_ENROLLED')).toHaveLength(7);
    expect(await remainingOf(course.id)).toBe(9);
    expect(await enrolmentsOf(course.id)).toBe(1);
  });

  it('refuses anonymous callers', async () => {
    expect((await t.client.fail(Enroll, { courseId: '1' })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('dropCourse', () => {
  it('gives the seat back while the window is open; NOT_ENROLLED otherwise', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 3 });
    const student = await createStudent(t.app, term);
    const client = t.client.as(student.token);
    await client.ok(Enroll, { courseId: course.id });
    expect(await client.ok(DropCourse, { courseId: course.id })).toEqual({
      dropCourse: { courseId: course.id, remaining: 3, capacity: 3 },
    });
    expect((await client.fail(DropCourse, { courseId: course.id })).extensions?.code).toBe(
      'NOT_ENROLLED',
    );
    expect((await client.fail(DropCourse, { courseId: '999999999' })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await client.ok(MyEnrollments)).myEnrollments).toEqual([]);
    // and the seat can be taken again
    await client.ok(Enroll, { courseId: course.id });
  });

  it('is refused once the window has closed', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period);
    const student = await createStudent(t.app, term);
    await t.client.as(student.token).ok(Enroll, { courseId: course.id });
    await t.app.orm.em
      .fork()
      .execute(
        "update term set selection_ends_at = now() - interval '1 second', selection_starts_at = now() - interval '1 day' where id = ?",
        [term.id],
      );
    expect(
      (await t.client.as(student.token).fail(DropCourse, { courseId: course.id })).extensions?.code,
    ).toBe('SELECTION_CLOSED');
    expect(await enrolmentsOf(course.id)).toBe(1);
  });
});

describe('admin enrollments', () => {
  it('lists a course’s or a term’s enrolments page by page, ADMIN only', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 10 });
    const other = await createCourse(t.app, period, { weekday: 2 });
    const students = await Promise.all(Array.from({ length: 5 }, () => createStudent(t.app, term)));
    for (const s of students) await t.client.as(s.token).ok(Enroll, { courseId: course.id });
    await t.client.as(students[0]!.token).ok(Enroll, { courseId: other.id });
    const admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);

    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = (await admin.ok(AdminEnrollments, { courseId: course.id, first: 2, after }))
        .enrollments;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => e.node.student.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.sort()).toEqual(students.map((s) => s.user.id).sort());
    expect(
      (await admin.ok(AdminEnrollments, { termId: term.id, first: 100 })).enrollments.totalCount,
    ).toBe(6);

    expect(
      (await t.client.as(students[0]!.token).fail(AdminEnrollments, { courseId: course.id }))
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await t.client.fail(AdminEnrollments, { courseId: course.id })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await admin.fail(AdminEnrollments, { first: 101 })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect((await admin.fail(AdminEnrollments, { after: 'garbage' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
