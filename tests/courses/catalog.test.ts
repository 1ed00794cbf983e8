import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourseById, Courses, Enroll, Terms } from '../documents/courses.js';
import type { CoursesQuery } from '../gql/graphql.js';
import { planWithoutSeqScan } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCourse,
  createCourseType,
  createPeriod,
  createSelectionScene,
  createStudent,
} from '../factories/courses.js';
import type { Term } from '../../src/modules/courses/index.js';

let t: TestApp;
let statements = 0;
let term: Term;
const ids = {} as Record<'algo' | 'ds' | 'swim' | 'full', string>;
beforeAll(async () => {
  t = await startTestApp({ onQuery: () => void statements++, env: { CATALOG_CACHE_TTL: '0' } });
  const scene = await createSelectionScene(t.app);
  term = scene.term;
  const period2 = await createPeriod(t.app, term, 2);
  const sport = await createCourseType(t.app, `体育-${term.index}`);
  ids.algo = (
    await createCourse(t.app, scene.period, {
      title: '算法设计与分析',
      teacher: '王老师',
      location: '逸夫楼 301',
      weekday: 1,
      start: '08:00',
      end: '09:40',
      type: scene.type,
    })
  ).id;
  ids.ds = (
    await createCourse(t.app, scene.period, {
      title: '数据结构',
      teacher: 'Alice Smith',
      location: 'Main 101',
      weekday: 1,
      start: '10:00',
      end: '11:40',
      type: scene.type,
      professional: true,
    })
  ).id;
  ids.swim = (
    await createCourse(t.app, period2, {
      title: 'Swimming 100% fun_class',
      teacher: '李教练',
      location: '游泳馆',
      weekday: 3,
      start: '14:00',
      end: '15:40',
      type: sport,
    })
  ).id;
  ids.full = (
    await createCourse(t.app, period2, {
      title: 'Tiny seminar',
      teacher: 'Bob',
      location: 'Room 7',
      weekday: 5,
      capacity: 1,
      type: sport,
    })
  ).id;
  const student = await createStudent(t.app, term);
  await t.client.as(student.token).ok(Enroll, { courseId: ids.full });
  for (let i = 0; i < 56; i++) {
    await createCourse(t.app, scene.period, {
      title: `Elective ${i}`,
      weekday: 2 + (i % 5),
      start: `${String(8 + (i % 10)).padStart(2, '0')}:00`,
      end: `${String(8 + (i % 10)).padStart(2, '0')}:50`,
      type: scene.type,
    });
  }
});
afterAll(() => t?.close());

const titles = async (filter: Record<string, unknown>) =>
  (await t.client.ok(Courses, { filter: { termId: term.id, ...filter }, first: 100 })).courses.edges
    .map((e) => e.node.title)
    .sort();

type CoursesPage = CoursesQuery['courses'];

describe('courses', () => {
  it('filters by term, period, type, weekday, professional and availability', async () => {
    expect(
      (await t.client.ok(Courses, { filter: { termId: term.id }, first: 0 })).courses.totalCount,
    ).toBe(60);
    expect(await titles({ weekday: 3 })).toContain('Swimming 100% fun_class');
    expect(await titles({ professional: true })).toEqual(['数据结构']);
    const swim = (await t.client.ok(CourseById, { id: ids.swim })).course!;
    expect(await titles({ periodId: swim.period.id })).toEqual([
      'Swimming 100% fun_class',
      'Tiny seminar',
    ]);
    expect(await titles({ typeId: swim.type.id })).toEqual([
      'Swimming 100% fun_class',
      'Tiny seminar',
    ]);
    expect(await titles({ typeId: swim.type.id, availableOnly: true })).toEqual([
      'Swimming 100% fun_class',
    ]);
    expect(await titles({ periodId: 'nope' })).toEqual([]);
    expect((await t.client.fail(Courses, { filter: { weekday: 8 } })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.weekday',
    });
  });

  it('searches title, teacher and location, case-insensitively, Chinese included, with wildcards taken literally', async () => {
    expect(await titles({ search: '算法' })).toEqual(['算法设计与分析']);
    expect(await titles({ search: '数据' })).toEqual(['数据结构']);
    expect(await titles({ search: 'alice SMITH' })).toEqual(['数据结构']);
    expect(await titles({ search: '游泳' })).toEqual(['Swimming 100% fun_class']);
    expect(await titles({ search: '逸夫楼' })).toEqual(['算法设计与分析']);
    expect(await titles({ search: 'swim' })).toEqual(['Swimming 100% fun_class']);
    expect(await titles({ search: '100%' })).toEqual(['Swimming 100% fun_class']);
    expect(await titles({ search: '%' })).toEqual(['Swimming 100% fun_class']);
    expect(await titles({ search: 'fun_' })).toEqual(['Swimming 100% fun_class']);
    expect(await titles({ search: 'zzz' })).toEqual([]);
  });

  it('search is served by the trigram indexes, not a table scan', async () => {
    const plan = await planWithoutSeqScan(
      t.app.orm.em.fork(),
      "select id from course where title ilike '%数据结构%' or teacher ilike '%数据结构%' or location ilike '%数据结构%'",
    );
    expect(plan).toMatch(/Bitmap Index Scan on course_title_trgm/);
    expect(plan).toMatch(/Bitmap Index Scan on course_teacher_trgm/);
    expect(plan).toMatch(/Bitmap Index Scan on course_location_trgm/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('cursor paging visits every course exactly once, in weekday/start/id order', async () => {
    const seen: { id: string; weekday: number; startTime: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: CoursesPage = (
        await t.client.ok(Courses, { filter: { termId: term.id }, first: 7, after })
      ).courses;
      expect(page.totalCount).toBe(60);
      seen.push(
        ...page.edges.map((e) => ({
          id: e.node.id,
          weekday: e.node.weekday,
          startTime: e.node.startTime,
        })),
      );
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(9);
    expect(seen).toHaveLength(60);
    expect(new Set(seen.map((c) => c.id)).size).toBe(60);
    const sorted = [...seen].sort(
      (a, b) =>
        a.weekday - b.weekday ||
        a.startTime.localeCompare(b.startTime) ||
        Number(a.id) - Number(b.id),
    );
    expect(seen).toEqual(sorted);
  });

  it('caps first at 100 and refuses foreign cursors', async () => {
    expect((await t.client.fail(Courses, { first: 101 })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect((await t.client.fail(Courses, { first: -1 })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.client.fail(Courses, { after: 'bm90IGEgY3Vyc29y' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    const forged = Buffer.from(
      JSON.stringify(['course:weekday,start,id', 1, "08:00:00'; drop table course; --", '1']),
    ).toString('base64url');
    expect((await t.client.fail(Courses, { after: forged })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await t.client.ok(Courses, {})).courses.edges).toHaveLength(20);
  });

  it('course(id) returns null for unknown or malformed ids', async () => {
    expect((await t.client.ok(CourseById, { id: ids.algo })).course).toMatchObject({
      title: '算法设计与分析',
      startTime: '08:00',
      endTime: '09:40',
    });
    expect((await t.client.ok(CourseById, { id: '999999999' })).course).toBeNull();
    expect((await t.client.ok(CourseById, { id: 'x' })).course).toBeNull();
  });

  it('terms come with their periods; course types are listed', async () => {
    const { terms, courseTypes } = await t.client.ok(Terms);
    const mine = terms.find((x) => x.id === term.id)!;
    expect(mine).toMatchObject({
      index: term.index,
      isSelectionOpen: true,
      startsOn: '2026-09-01',
    });
    expect(mine.periods.map((p) => p.index)).toEqual([1, 2]);
    expect(mine.periods[0]!.term.id).toBe(term.id);
    expect(courseTypes.length).toBeGreaterThanOrEqual(2);
  });
});

describe('no N+1', () => {
  it('courses with every nested field costs the same number of statements for 10 or 50 rows', async () => {
    const student = await createStudent(t.app, term);
    const client = t.client.as(student.token);
    const count = async (first: number) => {
      await client.ok(Courses, { filter: { termId: term.id }, first }); // warm-up
      const before = statements;
      const result = await client.ok(Courses, { filter: { termId: term.id }, first });
      expect(result.courses.edges).toHaveLength(first);
      return statements - before;
    };
    const ten = await count(10);
    const fifty = await count(50);
    expect(fifty).toBe(ten);
    // session, list, count, viewerEnrolled, and the static catalogue (types, periods, terms) twice: periods, then terms.
    expect(fifty).toBeLessThanOrEqual(10);
  });
});
