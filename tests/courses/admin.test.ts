import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/modules/accounts/index.js';
import { CreateUser, ImportUsers, Login } from '../documents/accounts.js';
import {
  CreateCourse,
  CreateCourseType,
  CreatePeriod,
  CreateTerm,
  Enroll,
  MeTerm,
  UpdateCourse,
} from '../documents/courses.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/client.js';
import { createCourse, createSelectionScene, createStudent } from '../factories/courses.js';
import { signedInUser, uniqueName } from '../factories/users.js';

let t: TestApp;
let admin: TestClient;
let user: TestClient;
let nextIndex = 8000 + Math.floor(Math.random() * 1000);
beforeAll(async () => {
  t = await startTestApp();
  admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);
  user = t.client.as((await signedInUser(t.app)).token);
});
afterAll(() => t?.close());

const termInput = (over: Record<string, unknown> = {}) => ({
  index: nextIndex++,
  startsOn: '2026-09-01',
  endsOn: '2027-01-15',
  selectionStartsAt: new Date(Date.now() - 60_000).toISOString(),
  selectionEndsAt: new Date(Date.now() + 86_400_000).toISOString(),
  ...over,
});

describe('admin course management', () => {
  it('creates a type, a term, a period and a course that students can enrol in', async () => {
    const type = (
      await admin.ok(CreateCourseType, {
        input: { name: uniqueName('编程'), logo: 'https://example.com/logo.png' },
      })
    ).createCourseType;
    const term = (await admin.ok(CreateTerm, { input: termInput() })).createTerm;
    expect(term.isSelectionOpen).toBe(true);
    const period = (
      await admin.ok(CreatePeriod, {
        input: { termId: term.id, index: 1, startsOn: '2026-09-01', endsOn: '2026-11-30' },
      })
    ).createPeriod;
    expect(period.term.id).toBe(term.id);
    const { createCourse: course } = await admin.ok(CreateCourse, {
      input: {
        title: 'Python 入门',
        teacher: '张老师',
        location: '实验楼 202',
        capacity: 40,
        weekday: 4,
        startTime: '13:30',
        endTime: '15:10',
        typeId: type.id,
        periodId: period.id,
      },
    });
    expect(course).toMatchObject({
      capacity: 40,
      remaining: 40,
      professional: false,
      startTime: '13:30',
      endTime: '15:10',
      term: { id: term.id },
    });
    const student = await createStudent(t.app, { id: term.id } as never);
    await t.client.as(student.token).ok(Enroll, { courseId: course.id });
  });

  it('validates and names the field', async () => {
    const scene = await createSelectionScene(t.app);
    const valid = {
      title: 'T',
      teacher: 'T',
      location: 'L',
      capacity: 10,
      weekday: 1,
      startTime: '08:00',
      endTime: '09:00',
      typeId: scene.type.id,
      periodId: scene.period.id,
    };
    const courseCases: [Record<string, unknown>, string][] = [
      [{ startTime: '8:00' }, 'startTime'],
      [{ startTime: '24:00' }, 'startTime'],
      [{ endTime: '08:00' }, 'endTime'],
      [{ endTime: '07:00' }, 'endTime'],
      [{ weekday: 0 }, 'weekday'],
      [{ weekday: 8 }, 'weekday'],
      [{ capacity: 0 }, 'capacity'],
      [{ title: '  ' }, 'title'],
    ];
    for (const [change, field] of courseCases) {
      expect(
        (await admin.fail(CreateCourse, { input: { ...valid, ...change } as never })).extensions,
        JSON.stringify(change),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(
      (await admin.fail(CreateCourse, { input: { ...valid, typeId: '999999' } })).extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await admin.fail(CreateCourse, { input: { ...valid, periodId: '999999' } })).extensions
        ?.code,
    ).toBe('NOT_FOUND');

    expect(
      (await admin.fail(CreateTerm, { input: termInput({ endsOn: '2026-08-01' }) })).extensions,
    ).toMatchObject({ field: 'endsOn' });
    const now = new Date().toISOString();
    expect(
      (
        await admin.fail(CreateTerm, {
          input: termInput({ selectionStartsAt: now, selectionEndsAt: now }),
        })
      ).extensions,
    ).toMatchObject({
      field: 'selectionEndsAt',
    });
    expect(
      (await admin.fail(CreateTerm, { input: termInput({ index: scene.term.index }) })).extensions,
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      (await admin.fail(CreateTerm, { input: termInput({ startsOn: '2026-02-30' }) })).extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');

    const period = (input: Record<string, unknown>) =>
      admin.fail(CreatePeriod, {
        input: {
          termId: scene.term.id,
          index: 9,
          startsOn: '2026-10-01',
          endsOn: '2026-10-31',
          ...input,
        } as never,
      });
    expect((await period({ startsOn: '2026-08-01' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startsOn',
    });
    expect((await period({ endsOn: '2027-03-01' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'endsOn',
    });
    expect((await period({ index: 1 })).extensions).toMatchObject({ code: 'CONFLICT' });
    expect((await period({ termId: '999999' })).extensions?.code).toBe('NOT_FOUND');
    expect(
      (await admin.fail(CreateCourseType, { input: { name: scene.type.name } })).extensions?.code,
    ).toBe('CONFLICT');
  });

  it('updateCourse: capacity never below current enrolments; remaining moves by the difference', async () => {
    const scene = await createSelectionScene(t.app);
    const course = await createCourse(t.app, scene.period, { capacity: 5 });
    for (let i = 0; i < 3; i++)
      await t.client
        .as((await createStudent(t.app, scene.term)).token)
        .ok(Enroll, { courseId: course.id });
    const bigger = (
      await admin.ok(UpdateCourse, { id: course.id, input: { capacity: 8, title: 'Renamed' } })
    ).updateCourse;
    expect(bigger).toMatchObject({ capacity: 8, remaining: 5, title: 'Renamed' });
    const exact = (await admin.ok(UpdateCourse, { id: course.id, input: { capacity: 3 } }))
      .updateCourse;
    expect(exact).toMatchObject({ capacity: 3, remaining: 0 });
    const below = await admin.fail(UpdateCourse, { id: course.id, input: { capacity: 2 } });
    expect(below.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
    expect(below.message).toMatch(/3 current enrolments/);
    expect(
      (await admin.fail(UpdateCourse, { id: course.id, input: { startTime: '10:00' } })).extensions,
    ).toMatchObject({ field: 'endTime' });
    expect(
      (await admin.fail(UpdateCourse, { id: '999999', input: { title: 'x' } })).extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('refuses non-admins (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const ops: [unknown, Record<string, unknown>][] = [
      [CreateCourseType, { input: { name: 'x' } }],
      [CreateTerm, { input: termInput() }],
      [
        CreatePeriod,
        { input: { termId: '1', index: 1, startsOn: '2026-09-01', endsOn: '2026-09-02' } },
      ],
      [UpdateCourse, { id: '1', input: { title: 'x' } }],
    ];
    for (const [doc, vars] of ops) {
      expect((await user.fail(doc as never, vars)).extensions?.code).toBe('FORBIDDEN');
      expect((await t.client.fail(doc as never, vars)).extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('students and terms', () => {
  it('createUser(termId) and importUsers(termIndex) put students in their term', async () => {
    const scene = await createSelectionScene(t.app);
    const username = uniqueName('s');
    await admin.ok(CreateUser, {
      input: { username, password: 'student-pass', termId: scene.term.id },
    });
    const login = await t.client.ok(Login, { username, password: 'student-pass' });
    expect((await t.client.as(login.login.accessToken).ok(MeTerm)).me?.term).toEqual({
      id: scene.term.id,
      index: scene.term.index,
    });
    expect(
      (
        await admin.fail(CreateUser, {
          input: { username: uniqueName('s'), password: 'student-pass', termId: '999999' },
        })
      ).extensions?.code,
    ).toBe('NOT_FOUND');

    const imported = uniqueName('i');
    const csv = `username,password,realName,email,termIndex\n${imported},password-1x,,,${scene.term.index}\n${uniqueName('i')},password-2x,,,7777\n`;
    const result = (await admin.ok(ImportUsers, { csv })).importUsers;
    expect(result).toEqual({ created: 1, skipped: 0, errors: ['line 3: no term with index 7777'] });
    const token = (await t.client.ok(Login, { username: imported, password: 'password-1x' })).login
      .accessToken;
    expect((await t.client.as(token).ok(MeTerm)).me?.term?.id).toBe(scene.term.id);
  });
});
