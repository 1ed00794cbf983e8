import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, User } from '../../src/modules/accounts/index.js';
import { Enroll } from '../documents/courses.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createCourse, createSelectionScene, createStudent } from '../factories/courses.js';
import { signedInUser } from '../factories/users.js';
import { parseCsv } from '../../src/common/csv.js';

let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await startTestApp();
  adminToken = (await signedInUser(t.app, { role: Role.ADMIN })).token;
});
afterAll(() => t?.close());

const download = (query: string, token?: string) =>
  fetch(`${t.url}/exports/enrollments.csv${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('roster export', () => {
  it('streams the term’s roster as UTF-8 CSV with a BOM, quoted and formula-safe', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, {
      title: 'Data, "Structures"',
      teacher: '王老师',
      location: '逸夫楼',
      weekday: 2,
      start: '08:00',
      end: '09:40',
    });
    const alice = await createStudent(t.app, term, {
      username: `a${Date.now()}`,
      realName: '=HYPERLINK("http://evil")',
    });
    await t.app.orm.em.fork().nativeUpdate(
      User,
      { id: alice.user.id },
      {
        className: '软件\n2101',
        major: '软件工程',
        college: '计算机学院',
        phone: '13800138000',
        email: 'a@example.com',
      },
    );
    await t.client.as(alice.token).ok(Enroll, { courseId: course.id });
    const other = await createSelectionScene(t.app);
    const elsewhere = await createStudent(t.app, other.term);
    await t.client
      .as(elsewhere.token)
      .ok(Enroll, { courseId: (await createCourse(t.app, other.period)).id });

    const response = await download(`?termId=${term.id}`, adminToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="enrollments-term-${term.index}.csv"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...rows] = parseCsv(text).map((r) => r.fields);
    expect(header).toHaveLength(15);
    expect(header![0]).toContain('term');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(0, 14)).toEqual([
      String(term.index),
      '1',
      'Data, "Structures"',
      '2',
      '08:00-09:40',
      '王老师',
      '逸夫楼',
      alice.user.username!,
      `'=HYPERLINK("http://evil")`,
      '软件\n2101',
      '软件工程',
      '计算机学院',
      '13800138000',
      'a@example.com',
    ]);
    expect(rows[0]![14]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('handles a large roster', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 3000 });
    const em = t.app.orm.em.fork();
    await em.execute(
      `with students as (
         insert into app_user (username, nickname, term_id) select 'bulk' || g || '-' || ?, 'bulk', ? from generate_series(1, 2500) g returning id)
       insert into enrollment (student_id, course_id) select id, ? from students`,
      [term.id, term.id, course.id],
    );
    const text = await (await download(`?termId=${term.id}`, adminToken)).text();
    expect(parseCsv(text)).toHaveLength(2501);
  });

  it('answers 401 without a valid token, 403 for non-admins, 400 without termId, 404 for an unknown term', async () => {
    expect((await download('?termId=1')).status).toBe(401);
    expect((await download('?termId=1', 'bad-token')).status).toBe(401);
    expect((await download('?termId=1', (await signedInUser(t.app)).token)).status).toBe(403);
    expect((await download('', adminToken)).status).toBe(400);
    expect((await download('?termId=abc', adminToken)).status).toBe(400);
    expect((await download('?termId=999999999', adminToken)).status).toBe(404);
  });
});
